import { Alert, Button, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { ImportedItem, ItemsImportIssue } from '../../../../shared/awards/items-import.js';
import { showApiError } from '../../api/errors.js';
import { useApi } from '../../api/hooks.js';
import { downloadFile, readFileAsBase64 } from '../../files/download.js';
import { ImportIssuesTable } from '../../files/ImportIssuesTable.js';
import { useT } from '../../i18n/language.js';
import { awardsMessages as m } from './messages.js';

/**
 * The decision's list from a spreadsheet (the office's template, or the list
 * it kept for its mail merge). The lines go into the editor; nothing is saved
 * until the draft is. A file with any bad row adds nothing and lists every
 * problem by row and column.
 */
export function ItemsImportDialog({ opened, onClose, onImported }: { opened: boolean; onClose(): void; onImported(items: ImportedItem[]): void }) {
  const t = useT(m);
  const api = useApi();
  const [file, setFile] = useState<File | null>(null);
  const [issues, setIssues] = useState<ItemsImportIssue[]>([]);
  const [reading, setReading] = useState(false);

  const close = () => {
    setFile(null);
    setIssues([]);
    onClose();
  };
  const template = async () => {
    try {
      downloadFile(await api.call('awards.itemsTemplate', {}));
    } catch (error) {
      showApiError(error);
    }
  };
  const read = async () => {
    if (!file) return;
    setReading(true);
    try {
      const r = await api.call('awards.parseItemsXlsx', await readFileAsBase64(file));
      setIssues(r.issues);
      if (r.issues.length === 0) {
        onImported(r.items);
        close();
      }
    } catch (error) {
      showApiError(error);
    } finally {
      setReading(false);
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={<Text fw={700}>{t('importItemsTitle')}</Text>} size="xl" centered>
      <Stack gap="md" data-testid="items-import-dialog">
        <Text size="sm" c="dimmed">
          {t('importItemsHelp')}
        </Text>
        <Group>
          <Button variant="subtle" leftSection={<IconDownload size={16} />} onClick={() => void template()} data-testid="items-template">
            {t('importItemsTemplate')}
          </Button>
        </Group>
        <Group align="flex-end" wrap="nowrap">
          <FileInput
            flex={1}
            label={t('importItemsFile')}
            placeholder={t('importItemsFilePh')}
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            leftSection={<IconFileSpreadsheet size={18} />}
            value={file}
            onChange={(f) => {
              setFile(f);
              setIssues([]);
            }}
            clearable
            data-testid="items-import-file"
          />
          <Button leftSection={<IconUpload size={18} />} disabled={!file} loading={reading} onClick={() => void read()} data-testid="items-import-run">
            {t('importItemsRun')}
          </Button>
        </Group>
        {issues.length > 0 ? (
          <>
            <Alert color="red" icon={<IconAlertTriangle />} data-testid="items-import-issues">
              {t('importItemsIssues', { n: issues.length })}
            </Alert>
            <ImportIssuesTable issues={issues} />
          </>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('cancel')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
