import { Button, Center, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';
import { useT } from '../i18n/language.js';
import { navMessages, type NavKey } from './messages.js';
import { navigate } from './router.js';

/** The page of a section that is not built yet: says so plainly and what it will do. */
export function UnderConstruction({ title, summary }: { title: NavKey; summary: NavKey }) {
  const t = useT(navMessages);
  return (
    <Center mih="60vh">
      <Paper withBorder radius="lg" p="xl" maw={560} w="100%" data-testid="under-construction">
        <Stack align="center" gap="md" ta="center">
          <ThemeIcon size={64} radius="xl" variant="light" color="orange">
            <IconTools size={34} stroke={1.5} />
          </ThemeIcon>
          <Title order={2}>{t(title)}</Title>
          <Text fw={600} c="orange.8">
            {t('underConstruction')}
          </Text>
          <Text size="lg">{t(summary)}</Text>
          <Text c="dimmed" size="sm">
            {t('underConstructionNote')}
          </Text>
          <Button variant="light" onClick={() => navigate('/')}>
            {t('goDashboard')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}

/** A section component for a feature that is not built yet. */
export function placeholder(title: NavKey, summary: NavKey) {
  return function Placeholder() {
    return <UnderConstruction title={title} summary={summary} />;
  };
}

/** An address that is not a section, or a section this user's role may not open. */
export function NotAvailable({ reason }: { reason: 'notFound' | 'forbidden' }) {
  const t = useT(navMessages);
  return (
    <Center mih="60vh">
      <Paper withBorder radius="lg" p="xl" maw={560} w="100%" data-testid="not-available">
        <Stack align="center" gap="md" ta="center">
          <Title order={3}>{t(reason === 'notFound' ? 'notFound' : 'forbiddenTitle')}</Title>
          {reason === 'forbidden' && <Text>{t('forbidden')}</Text>}
          <Button variant="light" onClick={() => navigate('/')}>
            {t('goDashboard')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
