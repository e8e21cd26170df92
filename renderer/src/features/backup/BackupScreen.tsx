import { Alert, Button, Card, Group, NumberInput, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconDeviceFloppy, IconFolder, IconRestore, IconShieldCheck } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { showApiError } from '../../api/errors.js';
import { useCommand, useQuery, useSession } from '../../api/hooks.js';
import { downloadFile } from '../../files/download.js';
import { useT } from '../../i18n/language.js';
import { formatDateTime } from '../../app/format.js';
import { daysSince, formatBytes } from './format.js';
import { backupMessages as m } from './messages.js';
import { RestoreFlow } from './RestoreFlow.js';

const BACKUP_MIME = 'application/octet-stream';

/** Last backup, one-click backup (a downloaded .tdbackup), reminder days, restore from a file. */
export function BackupScreen() {
  const t = useT(m);
  const { session } = useSession();
  const status = useQuery('backup.status', {});
  const download = useCommand('backup.download');
  const create = useCommand('backup.create');
  const setReminder = useCommand('backup.setReminder');
  const [folder, setFolder] = useState('');
  const [days, setDays] = useState<number | string>('');
  const isAdmin = session?.user.role === 'admin';
  const s = status.data;

  useEffect(() => {
    if (s) setDays(s.reminderDays);
  }, [s?.reminderDays]); // eslint-disable-line react-hooks/exhaustive-deps -- only a new saved value resets the field

  const backupNow = async () => {
    try {
      const file = await download.run({});
      downloadFile(file, BACKUP_MIME);
      notifications.show({ color: 'teal', message: t('backupDone', { file: file.fileName, size: formatBytes(file.bytes) }) });
      status.reload();
    } catch (error) {
      showApiError(error);
    }
  };

  const backupToFolder = async () => {
    try {
      const result = await create.run({ folder });
      notifications.show({ color: 'teal', message: t('folderDone', { path: result.path }) });
      status.reload();
    } catch (error) {
      showApiError(error);
    }
  };

  const saveReminder = async () => {
    try {
      const result = await setReminder.run({ days: typeof days === 'number' ? days : Number.NaN });
      notifications.show({ color: 'teal', message: t('reminderSaved', { days: result.reminderDays }) });
      status.reload();
    } catch (error) {
      showApiError(error);
    }
  };

  const age = s?.lastBackupAt ? daysSince(s.lastBackupAt, new Date()) : null;

  return (
    <Stack gap="lg" maw={980}>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed">{t('intro')}</Text>

      <Card withBorder radius="md" padding="lg" data-testid="backup-status">
        <Stack gap="md">
          <Group wrap="nowrap" align="flex-start">
            <ThemeIcon size={48} radius="md" color={s?.reminderDue ? 'orange' : 'teal'} variant="light">
              {s?.reminderDue ? <IconAlertTriangle size={28} /> : <IconShieldCheck size={28} />}
            </ThemeIcon>
            <Stack gap={2}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('lastBackup')}
              </Text>
              <Text fw={700} size="xl" data-testid="backup-last">
                {s ? (s.lastBackupAt ? `${formatDateTime(s.lastBackupAt)} (${age === 0 ? t('today') : t('daysAgo', { days: age ?? 0 })})` : t('never')) : '…'}
              </Text>
              {s && (
                <Text size="sm" c={s.reminderDue ? 'orange.8' : 'dimmed'} data-testid="backup-due">
                  {s.reminderDue ? (s.lastBackupAt ? t('dueDays', { days: age ?? 0 }) : t('dueNever')) : t('okText', { days: s.reminderDays })}
                </Text>
              )}
            </Stack>
          </Group>
          {s && !s.available ? (
            <Alert color="gray">{t('unavailable')}</Alert>
          ) : (
            <Group align="center" wrap="nowrap" gap="lg">
              <Button size="lg" leftSection={<IconDeviceFloppy size={22} />} onClick={() => void backupNow()} loading={download.running} disabled={!s} data-testid="backup-now" style={{ flexShrink: 0 }}>
                {t('backupNow')}
              </Button>
              <Text size="sm" c="dimmed">
                {t('backupHint')}
              </Text>
            </Group>
          )}
          {s && s.snapshots > 0 && s.lastSnapshotAt && (
            <Text size="xs" c="dimmed">
              {t('safety', { count: s.snapshots, at: formatDateTime(s.lastSnapshotAt) })}
            </Text>
          )}
        </Stack>
      </Card>

      {window.thidua && s?.available && (
        // Desktop only: the store process can write straight to a folder such as a USB stick.
        <Card withBorder radius="md" padding="lg">
          <Stack gap="sm">
            <Title order={4}>{t('folderTitle')}</Title>
            <Group align="flex-end" wrap="nowrap">
              <TextInput label={t('folderLabel')} value={folder} onChange={(e) => setFolder(e.currentTarget.value)} leftSection={<IconFolder size={18} />} style={{ flex: 1 }} maw={520} />
              <Button variant="light" onClick={() => void backupToFolder()} loading={create.running}>
                {t('folderButton')}
              </Button>
            </Group>
          </Stack>
        </Card>
      )}

      <Card withBorder radius="md" padding="lg">
        <Stack gap="sm">
          <Title order={4}>{t('reminderTitle')}</Title>
          <Group align="flex-end" wrap="nowrap">
            <NumberInput label={t('reminderLabel')} min={1} max={365} allowDecimal={false} value={days} onChange={setDays} disabled={!isAdmin} w={360} data-testid="backup-reminder-days" />
            <Button variant="light" onClick={() => void saveReminder()} loading={setReminder.running} disabled={!isAdmin} data-testid="backup-reminder-save">
              {t('reminderSave')}
            </Button>
          </Group>
          {!isAdmin && (
            <Text size="xs" c="dimmed">
              {t('reminderAdminOnly')}
            </Text>
          )}
        </Stack>
      </Card>

      <Card withBorder radius="md" padding="lg">
        <Stack gap="sm">
          <Group gap="xs">
            <IconRestore size={22} />
            <Title order={4}>{t('restoreTitle')}</Title>
          </Group>
          {isAdmin ? <RestoreFlow /> : <Text size="sm" c="dimmed">{t('restoreOnlyAdmin')}</Text>}
        </Stack>
      </Card>
    </Stack>
  );
}
