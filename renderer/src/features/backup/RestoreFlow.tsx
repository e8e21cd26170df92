import { Alert, Button, FileInput, Group, Loader, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconFileCheck, IconRestore, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../../../shared/api/errors.js';
import type { BackupInspection } from '../../../../shared/api/methods/backup.js';
import { useApi, useCommand } from '../../api/hooks.js';
import { saveSession } from '../../api/session.js';
import { reloadWithNotice } from '../../app/reload-notice.js';
import { navigate } from '../../app/router.js';
import { readFileAsBase64 } from '../../files/download.js';
import { useT } from '../../i18n/language.js';
import { formatDateTime } from '../../app/format.js';
import { formatBytes } from './format.js';
import { backupMessages as m } from './messages.js';

function errorText(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}

/**
 * Choose a .tdbackup → backup.inspect shows what it is → a confirmation that
 * says what gets replaced → backup.restore → the app reloads to the login
 * screen (accounts now come from the backup). Used on the backup screen and
 * on the first-run wizard of a new PC.
 */
export function RestoreFlow() {
  const t = useT(m);
  const api = useApi();
  const restore = useCommand('backup.restore');
  const [file, setFile] = useState<File | null>(null);
  const [base64, setBase64] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const [inspection, setInspection] = useState<BackupInspection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setInspection(null);
    setBase64(null);
    setError(null);
    if (!chosen) return;
    setChecking(true);
    try {
      const data = await readFileAsBase64(chosen);
      const result = await api.call('backup.inspect', { base64: data.base64 });
      setBase64(data.base64);
      setInspection(result);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setChecking(false);
    }
  };

  const run = async () => {
    if (!base64 || !inspection) return;
    try {
      const result = await restore.run({ base64, confirmReplace: inspection.sameOffice !== null });
      setConfirming(false);
      // Reload at once so every screen, cache and draft list starts from the restored store; sign-in comes
      // first. The session is dropped from storage only: signing out in the page would show the login
      // screen before the reload, which would then wipe what the user had typed into it.
      saveSession(window.sessionStorage, null);
      reloadWithNotice(
        window.sessionStorage,
        { color: result.verified ? 'teal' : 'orange', message: t(result.verified ? 'restored' : 'restoredUnverified', { office: result.summary.officeName }) },
        () => {
          navigate('/');
          window.location.reload();
        },
      );
    } catch (e) {
      setConfirming(false);
      setError(errorText(e));
    }
  };

  const tables = inspection?.tables ?? {};
  const replacing = inspection?.sameOffice !== null;

  return (
    <Stack gap="sm" data-testid="restore-flow">
      <Text size="sm" c="dimmed">
        {t('restoreIntro')}
      </Text>
      <FileInput
        label={t('chooseFile')}
        placeholder={t('chooseFilePh')}
        accept=".tdbackup"
        value={file}
        onChange={(f) => void choose(f)}
        leftSection={<IconUpload size={18} />}
        clearable
        maw={520}
        data-testid="restore-file"
      />
      {checking && (
        <Group gap="xs">
          <Loader size="sm" />
          <Text size="sm">{t('checking')}</Text>
        </Group>
      )}
      {error && (
        <Alert color="red" icon={<IconAlertTriangle />} title={t('errorTitle')} data-testid="restore-error">
          {error}
        </Alert>
      )}
      {inspection && (
        <Alert color={inspection.sameOffice === false ? 'red' : 'teal'} icon={<IconFileCheck />} title={inspection.sameOffice === false ? t('otherOfficeTitle') : t('fileOk')} data-testid="restore-inspection">
          <Table withRowBorders={false} verticalSpacing={2} fz="sm">
            <Table.Tbody>
              <Table.Tr>
                <Table.Td c="dimmed" w={180}>{t('office')}</Table.Td>
                <Table.Td fw={700} data-testid="restore-office">{inspection.officeName}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td c="dimmed">{t('createdAt')}</Table.Td>
                <Table.Td>{formatDateTime(inspection.createdAt)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td c="dimmed">{t('contents')}</Table.Td>
                <Table.Td data-testid="restore-counts">{t('counts', { people: tables['people'] ?? 0, units: tables['units'] ?? 0, users: tables['users'] ?? 0, files: inspection.files })}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td c="dimmed">{t('size')}</Table.Td>
                <Table.Td>{formatBytes(inspection.bytes)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Td c="dimmed">{t('appVersion')}</Table.Td>
                <Table.Td>{inspection.appVersion}</Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          {inspection.sameOffice === false ? (
            <Text size="sm" c="red.8" fw={600} mt="xs" data-testid="restore-other-office">
              {t('otherOffice')}
            </Text>
          ) : (
            <Group mt="sm">
              <Button color={replacing ? 'red' : 'teal'} leftSection={<IconRestore size={18} />} onClick={() => setConfirming(true)} data-testid="restore-open-confirm">
                {t('restoreButton')}
              </Button>
            </Group>
          )}
        </Alert>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={<Text fw={700}>{t('confirmTitle')}</Text>} centered size="lg">
        {inspection && (
          <Stack>
            <Alert color={replacing ? 'red' : 'blue'} icon={<IconAlertTriangle />} data-testid="restore-confirm-text">
              {replacing ? t('confirmReplace', { at: formatDateTime(inspection.createdAt) }) : t('confirmNew', { office: inspection.officeName, at: formatDateTime(inspection.createdAt) })}
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)}>
                {t('cancel')}
              </Button>
              <Button color={replacing ? 'red' : 'teal'} loading={restore.running} onClick={() => void run()} data-testid="restore-confirm">
                {t('confirm')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
