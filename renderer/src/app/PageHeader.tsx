import { Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** The top of a list screen: title, a dimmed line under it, the screen's actions on the right. */
export function PageHeader({ title, subtitle, subtitleTestId, children }: { title: ReactNode; subtitle?: ReactNode; subtitleTestId?: string; children?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end">
      <div>
        <Title order={2}>{title}</Title>
        {subtitle !== undefined ? (
          <Text c="dimmed" size="sm" maw={760} data-testid={subtitleTestId}>
            {subtitle}
          </Text>
        ) : null}
      </div>
      {children}
    </Group>
  );
}
