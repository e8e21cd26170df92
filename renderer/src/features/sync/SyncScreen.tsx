import { useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, FileButton, Group, Progress, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconClockPause, IconCloudUpload, IconDeviceFloppy, IconFileImport, IconPlugConnected, IconPlugConnectedX, IconRefresh } from '@tabler/icons-react';
import { LARGE_ATTACHMENT_BYTES, type SyncEstimateView, type SyncStatusView } from '../../../../shared/api/methods/sync.js';
import { useCommand, useQuery, useSession } from '../../api/hooks.js';
import { showApiError } from '../../api/errors.js';
import { downloadFile, readFileAsBase64 } from '../../files/download.js';
import { useT } from '../../i18n/language.js';
import { formatBytes } from '../../app/format.js';
import { formatSeconds, formatWhen, progressPercent } from './format.js';
import { m } from './messages.js';

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

function LinkBadge({ linkUp }: { linkUp: boolean | null }) {
  const t = useT(m);
  if (linkUp === true)
    return (
      <Badge color="green" leftSection={<IconPlugConnected size={14} />} data-testid="sync-link" data-state="up">
        {t('linkUp')}
      </Badge>
    );
  if (linkUp === false)
    return (
      <Badge color="red" leftSection={<IconPlugConnectedX size={14} />} data-testid="sync-link" data-state="down">
        {t('linkDown')}
      </Badge>
    );
  return (
    <Badge color="gray" data-testid="sync-link" data-state="unknown">
      {t('linkUnknown')}
    </Badge>
  );
}

function StateCard({ s }: { s: SyncStatusView }) {
  const t = useT(m);
  return (
    <Card withBorder radius="md" padding="lg" data-testid="sync-state">
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{t('stateTitle')}</Title>
          <LinkBadge linkUp={s.linkUp} />
        </Group>
        <Text size="sm">
          <b>{t('hub')}:</b> {s.hubName} ({s.hubUrl})
        </Text>
        <Text size="sm" data-testid="sync-last-success">
          <b>{t('lastSuccess')}:</b> {s.lastSuccessAt ? formatWhen(s.lastSuccessAt) : t('never')}
        </Text>
        {s.lastError && s.lastAttemptAt && (
          <Text size="sm" c="dimmed">
            <b>{t('lastAttempt')}:</b> {formatWhen(s.lastAttemptAt)}
          </Text>
        )}
        <Text size="sm" data-testid="sync-waiting">
          <b>{t('waiting')}:</b> {t('waitingValue', { entries: s.waitingEntries, attachments: s.waitingAttachments - s.deferredAttachments })}
        </Text>
        {s.deferredAttachments > 0 && (
          <Text size="sm" data-testid="sync-deferred-count">
            {t('deferred', { n: s.deferredAttachments })}
          </Text>
        )}
        {s.itemErrors.length > 0 && (
          <Text size="sm" c="orange.8" fw={600}>
            {t('itemErrorsCount', { n: s.itemErrors.length })}
          </Text>
        )}
        {s.lastError && (
          <Alert color="orange" title={t('lastError')} icon={<IconAlertTriangle size={18} />} data-testid="sync-error" data-code={s.lastError.code}>
            {s.lastError.message}
          </Alert>
        )}
        <Text size="xs" c="dimmed">
          {t('auto')}
        </Text>
      </Stack>
    </Card>
  );
}

function ItemErrorsCard({ s, onChange }: { s: SyncStatusView; onChange(): void }) {
  const t = useT(m);
  const retry = useCommand('sync.retryItem');
  if (s.itemErrors.length === 0) return null;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="sync-item-errors" style={{ borderColor: 'var(--mantine-color-orange-4)' }}>
      <Stack gap="xs">
        <Title order={4}>{t('itemErrorsTitle')}</Title>
        <Text size="sm" c="dimmed">
          {t('itemErrorsHint')}
        </Text>
        <Table verticalSpacing="sm">
          <Table.Tbody>
            {s.itemErrors.map((e, i) => (
              <Table.Tr key={e.key} data-testid="sync-item-error" data-code={e.code}>
                <Table.Td>
                  <Stack gap={4}>
                    <Text fw={600}>{e.label}</Text>
                    <Text size="sm">
                      <b>{t('itemWhy')}:</b> {e.why}
                    </Text>
                    <Text size="sm">
                      <b>{t('itemTodo')}:</b> {e.todo}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatWhen(e.at)}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td w={130}>
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconRefresh size={14} />}
                    data-testid={`sync-item-retry-${i}`}
                    onClick={async () => {
                      try {
                        await retry.run({ key: e.key });
                        notifications.show({ color: 'blue', message: t('retried') });
                        onChange();
                      } catch (error) {
                        showApiError(error);
                      }
                    }}
                  >
                    {t('retry')}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}

function ProgressBlock({ p }: { p: NonNullable<SyncStatusView['progress']> }) {
  const t = useT(m);
  const values = { done: p.itemsDone, total: p.itemsTotal, bytesDone: formatBytes(p.bytesDone), bytesTotal: formatBytes(p.bytesTotal) };
  const label = p.phase === 'attachments' ? t('progressAttachments', values) : p.phase === 'download' ? t('progressDownload', values) : t('progressRecords', values);
  return (
    <Stack gap={4} data-testid="sync-progress" data-phase={p.phase}>
      <Progress value={progressPercent(p)} animated size="lg" />
      <Text size="xs">{label}</Text>
    </Stack>
  );
}

function BeforeCard({ s, e, onChange }: { s: SyncStatusView; e: SyncEstimateView | undefined; onChange(): void }) {
  const t = useT(m);
  const syncNow = useCommand('sync.now');
  const defer = useCommand('sync.defer');
  const running = s.running;
  const queued = e?.attachments.filter((a) => !a.deferred) ?? [];
  const deferred = e?.attachments.filter((a) => a.deferred) ?? [];
  const large = queued.filter((a) => a.size > LARGE_ATTACHMENT_BYTES);
  const deferredBytes = deferred.reduce((x, a) => x + a.size, 0);
  const setDeferred = async (sha256s: string[], value: boolean) => {
    try {
      await defer.run({ sha256s, deferred: value });
      onChange();
    } catch (error) {
      showApiError(error);
    }
  };
  const shown = e?.attachments.slice(0, 8) ?? [];
  return (
    <Card withBorder radius="md" padding="lg" data-testid="sync-before">
      <Stack gap="xs">
        <Title order={4}>{t('beforeTitle')}</Title>
        <Text size="sm" data-testid="sync-record-bytes">
          <b>{t('records')}:</b> {formatBytes(e?.recordBytes ?? 0)} ({e?.entries ?? 0})
        </Text>
        <Text size="sm" data-testid="sync-attachment-bytes">
          <b>{t('toSend')}:</b> {formatBytes(e?.attachmentBytes ?? 0)} ({queued.length})
        </Text>
        {deferred.length > 0 && (
          <Text size="sm" data-testid="sync-deferred">
            <b>{t('deferredBytes')}:</b> {formatBytes(deferredBytes)} ({deferred.length})
          </Text>
        )}
        <Text size="sm" data-testid="sync-estimate">
          <b>{t('estimate')}:</b> {e?.seconds === null || e?.seconds === undefined ? t('estimateUnknown') : formatSeconds(e.seconds)}
        </Text>
        {e?.link && (
          <Text size="xs" c="dimmed">
            {t('linkMeasured', { rate: formatBytes(e.link.bytesPerSecond), rtt: e.link.rttMs })}
          </Text>
        )}
        {shown.length > 0 && (
          <Table withTableBorder striped fz="xs" data-testid="sync-attachments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('attachments')}</Table.Th>
                <Table.Th>{t('attachmentSize')}</Table.Th>
                <Table.Th>{t('attachmentState')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((a) => (
                <Table.Tr key={a.sha256}>
                  <Table.Td ff="monospace">{a.sha256.slice(0, 12)}…</Table.Td>
                  <Table.Td>{formatBytes(a.size)}</Table.Td>
                  <Table.Td>{a.deferred ? <Badge color="gray" size="xs">{t('stateDeferred')}</Badge> : <Badge size="xs">{t('stateQueued')}</Badge>}</Table.Td>
                  <Table.Td>
                    <Button size="compact-xs" variant="subtle" disabled={running} onClick={() => setDeferred([a.sha256], !a.deferred)}>
                      {a.deferred ? t('undeferOne') : t('deferOne')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {(e?.attachments.length ?? 0) > shown.length && (
          <Text size="xs" c="dimmed">
            {t('moreAttachments', { n: (e?.attachments.length ?? 0) - shown.length })}
          </Text>
        )}
        <Group gap="xs">
          {large.length > 0 && (
            <Button size="xs" variant="light" color="gray" leftSection={<IconClockPause size={14} />} disabled={running} loading={defer.running} data-testid="sync-defer" onClick={() => setDeferred(large.map((a) => a.sha256), true)}>
              {t('deferLargeButton', { n: large.length })}
            </Button>
          )}
          {deferred.length > 0 && (
            <Button size="xs" variant="subtle" disabled={running} loading={defer.running} data-testid="sync-undefer-all" onClick={() => setDeferred(deferred.map((a) => a.sha256), false)}>
              {t('undeferAll', { n: deferred.length })}
            </Button>
          )}
        </Group>
        {running && s.progress && <ProgressBlock p={s.progress} />}
        <Group>
          <Button
            leftSection={<IconCloudUpload size={18} />}
            loading={running || syncNow.running}
            data-testid="sync-now"
            onClick={async () => {
              try {
                await syncNow.run({ attachments: 'all' });
                onChange();
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
  );
}

export function SyncScreen() {
  const t = useT(m);
  const status = useQuery('sync.status', {});
  const estimate = useQuery('sync.estimate', {}, { enabled: status.data?.enrolled === true });
  const exportBundle = useCommand('sync.exportBundle');
  const importAnswer = useCommand('sync.importAnswer');
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
  // A sync that just ended changed what is waiting.
  useEffect(() => {
    if (!running) estimate.reload();
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
  const reloadAll = () => {
    status.reload();
    estimate.reload();
  };

  return (
    <Stack gap="lg">
      <Title order={2}>{t('title')}</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <StateCard s={s} />
        <BeforeCard s={s} e={estimate.data} onChange={reloadAll} />
      </SimpleGrid>
      <ItemErrorsCard s={s} onChange={reloadAll} />
      <Card withBorder radius="md" padding="lg" data-testid="sync-usb">
        <Stack gap="xs">
          <Title order={4}>{t('usbTitle')}</Title>
          <Text size="sm" c="dimmed">
            {t('usbHint')} {s.deferredAttachments > 0 ? t('usbIncludesDeferred') : ''}
          </Text>
          <Group>
            <Button
              variant="light"
              leftSection={<IconDeviceFloppy size={18} />}
              loading={exportBundle.running}
              data-testid="sync-export"
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
                  reloadAll();
                } catch (error) {
                  showApiError(error);
                }
              }}
            >
              {(props) => (
                <Button {...props} variant="light" leftSection={<IconFileImport size={18} />} loading={importAnswer.running} data-testid="sync-import">
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
                    <Table.Td>{formatWhen(l.at)}</Table.Td>
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
