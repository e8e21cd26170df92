import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconDeviceFloppy } from '@tabler/icons-react';
import { useEffect } from 'react';
import type { SessionInfo } from '../../../../shared/domain/users.js';
import { useQuery } from '../../api/hooks.js';
import { navigate, useRoute } from '../../app/router.js';
import { useT } from '../../i18n/language.js';
import { daysSince } from './format.js';
import { backupMessages as m } from './messages.js';

export const BACKUP_PATH = '/backup';

/**
 * A non-blocking banner above every screen when the last backup is older
 * than the configured days (or there never was one). Only for the roles that
 * may make a backup; hidden on the backup screen itself.
 */
export function BackupReminder({ session }: { session: SessionInfo }) {
  const t = useT(m);
  const route = useRoute();
  const allowed = session.user.role === 'admin' || session.user.role === 'head';
  const status = useQuery('backup.status', {}, { enabled: allowed });
  const reload = status.reload;
  // A backup made on the backup screen writes no domain change event: re-read when the user moves on.
  useEffect(() => {
    if (allowed) reload();
  }, [route.path, allowed, reload]);

  const s = status.data;
  if (!allowed || !s || !s.available || !s.reminderDue || route.path === BACKUP_PATH) return null;
  const text = s.lastBackupAt ? t('bannerDays', { days: daysSince(s.lastBackupAt, new Date()) }) : t('bannerNever');
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle />} mb="md" py="xs" data-testid="backup-reminder">
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Text size="sm">
          <Text span fw={700}>
            {text}
          </Text>{' '}
          — {t('bannerHint')}
        </Text>
        <Button size="xs" color="orange" leftSection={<IconDeviceFloppy size={16} />} onClick={() => navigate(BACKUP_PATH)} data-testid="backup-reminder-open" style={{ flexShrink: 0 }}>
          {t('backupNow')}
        </Button>
      </Group>
    </Alert>
  );
}
