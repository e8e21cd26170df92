import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, FileButton, Group, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCloudUpload, IconDeviceFloppy, IconFileImport, IconPlugConnected, IconPlugConnectedX } from '@tabler/icons-react';
import { useCommand, useQuery, useSession } from '../../api/hooks.js';
import { showApiError } from '../../api/errors.js';
import { downloadFile, readFileAsBase64 } from '../../files/download.js';
import { useT } from '../../i18n/language.js';
import { formatDateShort } from '../../../../shared/vi/dates.js';
import { m } from './messages.js';

/** "1,2 MB" with a Vietnamese decimal comma. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}

export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.max(1, Math.round(s))} giây`;
  const min = Math.floor(s / 60);
  const sec = Math.round(s % 60);
  return sec ? `${min} phút ${sec} giây` : `${min} phút`;
}

/** Local time of this PC (timestamps are stored in UTC). */
function when(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())} ${formatDateShort(`${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`)}`;
}

function EnrollCard({ onDone }: { onDone(): void }) {
  const t = useT(m);
  const { session, setSession } = useSession();
  const enroll = useCommand('sync.enroll');
  const [hubUrl, setHubUrl] = useState('http://');
  const [code, setCode] = useState('');
  const isAdmin = session?.user.role === 'admin';
  return (
    <Card withBorder radius="md" padding="lg" data-testid="sync-enroll">
      <Stack gap="sm">
        <Title order={4}>{t('enrollTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('enrollHint')}
        </Text>
        <TextInput label={t('hubUrl')} value={hubUrl} onChange={(e) => setHubUrl(e.currentTarget.value)} data-testid="sync-hub-url" disabled={!isAdmin} />
        <TextInput label={t('code')} value={code} onChange={(e) => setCode(e.currentTarget.value)} placeholder="XXXX-XXXX-XXXX" data-testid="sync-code" disabled={!isAdmin} />
        {!isAdmin && <Text size="sm">{t('onlyAdmin')}</Text>}
        <Group>
          <Button
            disabled={!isAdmin}
            loading={enroll.running}
            data-testid="sync-enroll-button"
            onClick={async () => {
              try {
                const r = await enroll.run({ hubUrl, code });
                notifications.show({ color: 'green', message: `${t('enrolled', { hub: r.hubName })} ${r.restore ? t('restored') : ''}` });
                if (r.reloginRequired) {
                  notifications.show({ color: 'orange', message: t('relogin'), autoClose: false });
                  setSession(null);
                }
                onDone();
              } catch (error) {
                showApiError(error);
              }
            }}
          >
            {t('enroll')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

export function SyncScreen() {
  const t = useT(m);
  const status = useQuery('sync.status', {});
  const estimate = useQuery('sync.estimate', {}, { enabled: status.data?.enrolled === true });
  const syncNow = useCommand('sync.now');
  const exportBundle = useCommand('sync.exportBundle');
  const importAnswer = useCommand('sync.importAnswer');
  const [deferLarge, setDeferLarge] = useState(false);
  const running = status.data?.running === true;

  // The state must always be current: poll, faster while a sync runs.
  useEffect(() => {
    const id = setInterval(() => {
      status.reload();
      if (!running) estimate.reload();
    }, running ? 1000 : 5000);
    return () => clearInterval(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload functions are stable
  }, [running]);

  const s = status.data;
  if (!s) return <Title order={2}>{t('title')}</Title>;
  if (!s.enrolled) {
    return (
      <Stack gap="lg">
        <Title order={2}>{t('title')}</Title>
        <EnrollCard onDone={() => status.reload()} />
      </Stack>
    );
  }
  const e = estimate.data;
  const largeBytes = 500 * 1024;
  const largeCount = e ? e.attachments.filter((a) => a.size > largeBytes).length : 0;
  const sendBytes = e ? e.recordBytes + (deferLarge ? e.attachments.filter((a) => a.size <= largeBytes).reduce((x, a) => x + a.size, 0) : e.attachmentBytes) : 0;
  const seconds = e?.link ? sendBytes / e.link.bytesPerSecond + (e.link.rttMs / 1000) * (1 + Math.ceil(sendBytes / 65536)) : null;
  const p = s.progress;
  const percent = p ? (p.phase === 'attachments' ? (p.bytesTotal ? (100 * p.bytesDone) / p.bytesTotal : 0) : p.itemsTotal ? (100 * p.itemsDone) / p.itemsTotal : 0) : 0;

  return (
    <Stack gap="lg">
      <Title order={2}>{t('title')}</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder radius="md" padding="lg" data-testid="sync-state">
          <Stack gap="xs">
            <Group justify="space-between">
              <Title order={4}>{t('stateTitle')}</Title>
              {s.linkUp === true && (
                <Badge color="green" leftSection={<IconPlugConnected size={14} />} data-testid="sync-link">
                  {t('linkUp')}
                </Badge>
              )}
              {s.linkUp === false && (
                <Badge color="red" leftSection={<IconPlugConnectedX size={14} />} data-testid="sync-link">
                  {t('linkDown')}
                </Badge>
              )}
              {s.linkUp === null && (
                <Badge color="gray" data-testid="sync-link">
                  {t('linkUnknown')}
                </Badge>
              )}
            </Group>
            <Text size="sm">
              <b>{t('hub')}:</b> {s.hubName} ({s.hubUrl})
            </Text>
            <Text size="sm">
              <b>{t('lastSuccess')}:</b> {s.lastSuccessAt ? when(s.lastSuccessAt) : t('never')}
            </Text>
            <Text size="sm" data-testid="sync-waiting">
              <b>{t('waiting')}:</b> {t('waitingValue', { entries: s.waitingEntries, attachments: s.waitingAttachments })}
            </Text>
            {s.deferredAttachments > 0 && <Text size="sm">{t('deferred', { n: s.deferredAttachments })}</Text>}
            {s.lastError && (
              <Alert color="orange" title={t('lastError')} data-testid="sync-error">
                {s.lastError.message}
              </Alert>
            )}
            <Text size="xs" c="dimmed">
              {t('auto')}
            </Text>
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="lg" data-testid="sync-before">
          <Stack gap="xs">
            <Title order={4}>{t('beforeTitle')}</Title>
            <Text size="sm">
              <b>{t('records')}:</b> {formatBytes(e?.recordBytes ?? 0)} ({e?.entries ?? 0})
            </Text>
            <Text size="sm">
              <b>{t('attachments')}:</b> {formatBytes(e?.attachmentBytes ?? 0)} ({e?.attachments.length ?? 0})
            </Text>
            <Text size="sm" data-testid="sync-estimate">
              <b>{t('estimate')}:</b> {seconds === null ? t('estimateUnknown') : formatSeconds(seconds)}
            </Text>
            {e?.link && <Text size="xs" c="dimmed">{t('linkMeasured', { rate: formatBytes(e.link.bytesPerSecond), rtt: e.link.rttMs })}</Text>}
            {largeCount > 0 && <Checkbox label={t('deferLarge')} checked={deferLarge} onChange={(ev) => setDeferLarge(ev.currentTarget.checked)} data-testid="sync-defer" />}
            {running && p && (
              <Stack gap={4} data-testid="sync-progress">
                <Progress value={percent} animated />
                <Text size="xs">
                  {p.phase === 'attachments'
                    ? t('progressAttachments', { done: p.itemsDone, total: p.itemsTotal, bytesDone: formatBytes(p.bytesDone), bytesTotal: formatBytes(p.bytesTotal) })
                    : t('progressRecords', { done: p.itemsDone, total: p.itemsTotal })}
                </Text>
              </Stack>
            )}
            <Group>
              <Button
                leftSection={<IconCloudUpload size={18} />}
                loading={running || syncNow.running}
                data-testid="sync-now"
                onClick={async () => {
                  try {
                    await syncNow.run({ attachments: deferLarge ? 'small' : 'all' });
                    status.reload();
                  } catch (error) {
                    showApiError(error);
                  }
                }}
              >
                {running ? t('running') : t('syncNow')}
              </Button>
            </Group>
          </Stack>
        </Card>
      </SimpleGrid>
      <Card withBorder radius="md" padding="lg" data-testid="sync-usb">
        <Stack gap="xs">
          <Title order={4}>{t('usbTitle')}</Title>
          <Text size="sm" c="dimmed">
            {t('usbHint')}
          </Text>
          <Group>
            <Button
              variant="light"
              leftSection={<IconDeviceFloppy size={18} />}
              loading={exportBundle.running}
              onClick={async () => {
                try {
                  const b = await exportBundle.run({ attachments: true });
                  downloadFile({ fileName: b.fileName, base64: b.base64 }, 'application/octet-stream');
                  notifications.show({ color: 'green', message: t('exported', { entries: b.entries, attachments: b.attachments }) });
                } catch (error) {
                  showApiError(error);
                }
              }}
            >
              {t('exportBundle')}
            </Button>
            <FileButton
              accept=".tdsync,application/octet-stream"
              onChange={async (file) => {
                if (!file) return;
                try {
                  const data = await readFileAsBase64(file);
                  const r = await importAnswer.run({ base64: data.base64 });
                  notifications.show({ color: r.alreadyImported ? 'blue' : 'green', message: r.alreadyImported ? t('alreadyImported') : t('imported', { n: r.pulled }) });
                  status.reload();
                } catch (error) {
                  showApiError(error);
                }
              }}
            >
              {(props) => (
                <Button {...props} variant="light" leftSection={<IconFileImport size={18} />} loading={importAnswer.running}>
                  {t('importAnswer')}
                </Button>
              )}
            </FileButton>
          </Group>
        </Stack>
      </Card>
      {s.log.length > 0 && (
        <Card withBorder radius="md" padding="lg">
          <Stack gap="xs">
            <Title order={4}>{t('logTitle')}</Title>
            <Table striped data-testid="sync-log">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('when')}</Table.Th>
                  <Table.Th>{t('channel')}</Table.Th>
                  <Table.Th>{t('outcome')}</Table.Th>
                  <Table.Th>{t('sent')}</Table.Th>
                  <Table.Th>{t('received')}</Table.Th>
                  <Table.Th>{t('items')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.log.map((l, i) => (
                  <Table.Tr key={i}>
                    <Table.Td>{when(l.at)}</Table.Td>
                    <Table.Td>{l.channel === 'usb' ? t('usb') : t('http')}</Table.Td>
                    <Table.Td>
                      {l.outcome === 'ok' ? <Badge color="green">{t('ok')}</Badge> : <Badge color="orange">{t('failed')}</Badge>}
                      {l.message && (
                        <Text size="xs" c="dimmed">
                          {l.message}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{formatBytes(l.bytesSent)}</Table.Td>
                    <Table.Td>{formatBytes(l.bytesReceived)}</Table.Td>
                    <Table.Td>
                      {l.pushed} / {l.pulled}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Card>
      )}
    </Stack>
  );
}
