import { Alert, Button, Card, FileInput, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCircleCheck, IconDeviceFloppy, IconFileImport, IconUsb } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../../../shared/api/errors.js';
import type { BundleImportView } from '../../../../shared/api/methods/province.js';
import { showApiError } from '../../api/errors.js';
import { useCommand, useQuery } from '../../api/hooks.js';
import { downloadFile, readFileAsBase64 } from '../../files/download.js';
import { useT } from '../../i18n/language.js';
import { formatDateTime } from '../../app/format.js';
import { provinceMessages as m } from './messages.js';

const BUNDLE_MIME = 'application/octet-stream';

function Figure({ label, value, testId }: { label: string; value: number; testId?: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} fz="xl" data-testid={testId}>
        {value.toLocaleString('vi-VN')}
      </Text>
    </Stack>
  );
}

/** An office's bundle in (same exchange as over the network), a summary, and the answer bundle out. */
export function UsbTab() {
  const t = useT(m);
  const imports = useQuery('province.bundles.list', {}, { tables: ['province'] });
  const doImport = useCommand('province.bundles.import');
  const exportAnswer = useCommand('province.bundles.exportAnswer');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<BundleImportView | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    if (!file) return;
    setError(null);
    setResult(null);
    try {
      const data = await readFileAsBase64(file);
      setResult(await doImport.run({ base64: data.base64, fileName: data.fileName }));
      imports.reload();
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : String(e));
    }
  };

  const save = async (importId: string) => {
    try {
      const answer = await exportAnswer.run({ importId });
      downloadFile(answer, BUNDLE_MIME);
      notifications.show({ color: 'teal', message: t('answerSaved', { file: answer.fileName }) });
    } catch (e) {
      showApiError(e);
    }
  };

  return (
    <Stack gap="lg">
      <Card withBorder radius="md" padding="lg">
        <Stack gap="sm">
          <Title order={4}>{t('usbTitle')}</Title>
          <Text size="sm" c="dimmed">
            {t('usbHint')}
          </Text>
          <Group align="flex-end">
            <FileInput
              label={t('usbFile')}
              placeholder={t('usbFilePh')}
              accept=".tdsync,application/octet-stream"
              value={file}
              onChange={(f) => {
                setFile(f);
                setResult(null);
                setError(null);
              }}
              leftSection={<IconUsb size={16} />}
              clearable
              style={{ flex: 1 }}
              data-testid="province-usb-file"
            />
            <Button leftSection={<IconFileImport size={18} />} disabled={!file} loading={doImport.running} onClick={() => void run()} data-testid="province-usb-import">
              {t('usbImport')}
            </Button>
          </Group>
          {error && (
            <Alert color="red" icon={<IconAlertTriangle />} data-testid="province-usb-error">
              {error}
            </Alert>
          )}
          {result && (
            <Alert color={result.alreadyImported ? 'blue' : 'teal'} icon={<IconCircleCheck />} title={t('usbDone', { office: result.officeName })} data-testid="province-usb-result">
              <Stack gap="sm">
                {result.alreadyImported && <Text size="sm">{t('usbAlready', { at: formatDateTime(result.importedAt) })}</Text>}
                <SimpleGrid cols={{ base: 2, md: 5 }}>
                  <Figure label={t('sumRows')} value={result.rowsInBundle} />
                  <Figure label={t('sumApplied')} value={result.rowsApplied} testId="province-usb-applied" />
                  <Figure label={t('sumDup')} value={result.duplicatesIgnored} />
                  <Figure label={t('sumFiles')} value={result.attachments} />
                  <Figure label={t('sumBack')} value={result.rowsForOffice} />
                </SimpleGrid>
                <Group>
                  <Button leftSection={<IconDeviceFloppy size={18} />} onClick={() => void save(result.importId)} loading={exportAnswer.running} data-testid="province-usb-save">
                    {t('saveAnswer')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
        </Stack>
      </Card>
      <Card withBorder radius="md" padding="lg">
        <Stack gap="sm">
          <Title order={4}>{t('importsTitle')}</Title>
          {imports.data && imports.data.length === 0 ? (
            <Text c="dimmed">{t('importsEmpty')}</Text>
          ) : (
            <Table striped data-testid="province-imports">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('colImported')}</Table.Th>
                  <Table.Th>{t('colUnit')}</Table.Th>
                  <Table.Th>{t('colResult')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(imports.data ?? []).map((r) => (
                  <Table.Tr key={r.importId}>
                    <Table.Td>{formatDateTime(r.importedAt)}</Table.Td>
                    <Table.Td>{r.officeName}</Table.Td>
                    <Table.Td>{t('result', { applied: r.rowsApplied, dup: r.duplicatesIgnored, files: r.attachments })}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="subtle" leftSection={<IconDeviceFloppy size={14} />} onClick={() => void save(r.importId)}>
                        {t('saveAnswer')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
