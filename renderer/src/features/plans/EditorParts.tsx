import { ActionIcon, Button, Group, Stack, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { moveItem, removeAt, replaceAt } from '../../../../shared/plans/edit.js';
import { useT } from '../../i18n/language.js';
import { editorMessages as m } from './editor-messages.js';

/** Up / down / remove buttons of one item in an ordered list. */
export function ItemControls({ index, count, onMove, onRemove, testId }: { index: number; count: number; onMove(delta: number): void; onRemove(): void; testId: string }) {
  const t = useT(m);
  return (
    <Group gap={2} wrap="nowrap">
      <Tooltip label={t('moveUp')}>
        <ActionIcon variant="subtle" color="gray" aria-label={t('moveUp')} disabled={index === 0} onClick={() => onMove(-1)} data-testid={`${testId}-up`}>
          <IconArrowUp size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('moveDown')}>
        <ActionIcon variant="subtle" color="gray" aria-label={t('moveDown')} disabled={index === count - 1} onClick={() => onMove(1)} data-testid={`${testId}-down`}>
          <IconArrowDown size={16} />
        </ActionIcon>
      </Tooltip>
      <Tooltip label={t('remove')}>
        <ActionIcon variant="subtle" color="red" aria-label={t('remove')} onClick={onRemove} data-testid={`${testId}-remove`}>
          <IconTrash size={16} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}

/** A section title with its hint and the button that adds to it. */
export function SectionHead({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <Group justify="space-between" align="flex-end" wrap="nowrap">
      <div>
        <Title order={5}>{title}</Title>
        {hint && (
          <Text size="xs" c="dimmed" maw={720}>
            {hint}
          </Text>
        )}
      </div>
      {action}
    </Group>
  );
}

export function AddButton({ label, onClick, testId }: { label: string; onClick(): void; testId: string }) {
  return (
    <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={onClick} data-testid={testId} style={{ flexShrink: 0 }}>
      {label}
    </Button>
  );
}

export function EmptyNote() {
  const t = useT(m);
  return (
    <Text size="sm" c="dimmed" fs="italic">
      {t('none')}
    </Text>
  );
}

/**
 * An ordered list of texts (căn cứ, mục đích, nơi nhận...): one input per
 * item with its own move and remove buttons, and an add button.
 */
export function TextListEditor({
  title,
  hint,
  items,
  onChange,
  addLabel,
  itemLabel,
  testId,
  multiline = true,
  errorAt,
}: {
  title: string;
  hint?: string;
  items: readonly string[];
  onChange(next: string[]): void;
  addLabel: string;
  itemLabel(n: number): string;
  testId: string;
  multiline?: boolean;
  errorAt?(index: number): string | undefined;
}) {
  return (
    <Stack gap="xs" data-testid={testId}>
      <SectionHead title={title} {...(hint ? { hint } : {})} action={<AddButton label={addLabel} onClick={() => onChange([...items, ''])} testId={`${testId}-add`} />} />
      {items.length === 0 && <EmptyNote />}
      {items.map((item, i) => {
        const common = {
          'aria-label': itemLabel(i + 1),
          value: item,
          error: errorAt?.(i),
          style: { flex: 1 },
          'data-testid': `${testId}-${i}`,
        };
        return (
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <Text size="sm" c="dimmed" w={24} ta="right" pt={6}>
              {i + 1}.
            </Text>
            {multiline ? (
              <Textarea {...common} autosize minRows={1} maxRows={8} onChange={(e) => onChange(replaceAt(items, i, e.currentTarget.value))} />
            ) : (
              <TextInput {...common} onChange={(e) => onChange(replaceAt(items, i, e.currentTarget.value))} />
            )}
            <ItemControls index={i} count={items.length} onMove={(d) => onChange(moveItem(items, i, d))} onRemove={() => onChange(removeAt(items, i))} testId={`${testId}-${i}`} />
          </Group>
        );
      })}
    </Stack>
  );
}

/** A fresh id for an item added in the editor (unique within the plan; the store keeps ids as text). */
export function newItemId(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
