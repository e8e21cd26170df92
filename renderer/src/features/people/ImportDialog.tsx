import { Alert, Button, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { PeopleImportResult } from '../../../../shared/api/methods/people.js';
import { showApiError } from '../../api/errors.js';
import { useCommand } from '../../api/hooks.js';
import { readFileAsBase64 } from '../../files/download.js';
import { ImportIssuesTable } from '../../files/ImportIssuesTable.js';
import { useT } from '../../i18n/language.js';
import { peopleMessages as m } from './messages.js';

/** Import people from .xlsx: all rows or none; every problem listed by row and column. */
export function ImportDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const t = useT(m);
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<PeopleImportResult | null>(null);
  const importXlsx = useCommand('people.importXlsx');

  const close = () => {
    setFile(null);
    setResult(null);
    onClose();
  };

  const run = async () => {
    if (!file) return;
    try {
      setResult(await importXlsx.run(await readFileAsBase64(file)));
    } catch (error) {
      showApiError(error);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={<Text fw={700}>{t('importTitle')}</Text>} size="xl" centered>
      <Stack gap="md" data-testid="import-dialog">
        <Text size="sm" c="dimmed">
          {t('importHelp')}
        </Text>
        <Group align="flex-end" wrap="nowrap">
          <FileInput
            flex={1}
            label={t('chooseFile')}
            placeholder={t('chooseFilePh')}
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            leftSection={<IconFileSpreadsheet size={18} />}
            value={file}
            onChange={(f) => {
              setFile(f);
              setResult(null);
            }}
            clearable
            data-testid="import-file"
          />
          <Button leftSection={<IconUpload size={18} />} disabled={!file} loading={importXlsx.running} onClick={() => void run()} data-testid="import-run">
            {t('importRun')}
          </Button>
        </Group>
        {result && result.issues.length === 0 && (
          <Alert color="teal" icon={<IconCheck />} data-testid="import-ok">
            {t('importOk', { n: result.created })}
          </Alert>
        )}
        {result && result.issues.length > 0 && (
          <>
            <Alert color="red" icon={<IconAlertTriangle />} data-testid="import-issues-summary">
              {t('importIssues', { n: result.issues.length })}
            </Alert>
            <ImportIssuesTable issues={result.issues} />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
