import { Alert, Button, Checkbox, Group, Progress, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPrinter } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { PrintProgress } from '../../../../shared/api/methods/awards.js';
import { defaultTemplateFor } from '../../../../shared/awards/layout.js';
import { showApiError } from '../../api/errors.js';
import { useApi, useQuery } from '../../api/hooks.js';
import { downloadFile } from '../../files/download.js';
import { useT } from '../../i18n/language.js';
import { awardsMessages as m } from './messages.js';
import { printMessages as pm } from '../certificates/print-messages.js';
import { Preview } from '../certificates/Preview.js';
import { toInput } from '../certificates/template-input.js';

/**
 * Prints a whole decision or one certificate: in the desktop app straight to
 * a printer (silent or with the system dialog, with that printer's
 * calibration) or to one PDF; in the web build to a PDF only, labelled
 * "Tải PDF để in". A progress bar for batches and a reason when something is
 * printed again.
 */
export function PrintPanel({
  decisionId,
  itemIds,
  awardCodes,
  previewItemId,
  reprint,
  onDone,
}: {
  decisionId?: string;
  itemIds?: string[];
  /** The awards being printed: the template made for them is offered first. */
  awardCodes: string[];
  /** The first certificate to print, shown with the chosen template and printer before any blank is used. */
  previewItemId?: string;
  reprint: boolean;
  onDone?(): void;
}) {
  const t = useT(m);
  const tp = useT(pm);
  const api = useApi();
  const templates = useQuery('certificates.templates', {}, { tables: ['certificate_templates'] });
  const printers = useQuery('certificates.calibrations', {}, { tables: ['printer_calibrations'] });
  const system = useQuery('certificates.printers', {});
  const direct = system.data?.direct === true;
  const [output, setOutput] = useState<'printer' | 'pdf'>('printer');
  const toPrinter = direct && output === 'printer';
  const [device, setDevice] = useState<string | null>(null);
  const [showDialog, setShowDialog] = useState(false);
  const chosenDevice = device ?? system.data?.printers.find((p) => p.isDefault)?.name ?? system.data?.printers[0]?.name ?? null;
  const deviceProblem = system.data?.printers.find((p) => p.name === chosenDevice)?.problem ?? null;
  const calibrated = new Set((printers.data ?? []).map((p) => p.printerName));
  const [templateId, setTemplateId] = useState<string | null>(null);
  const [printer, setPrinter] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  // One file per certificate only makes sense for a batch.
  const batch = Boolean(decisionId) || (itemIds?.length ?? 0) > 1;
  const [perCertificate, setPerCertificate] = useState(false);
  const zip = !toPrinter && batch && perCertificate;
  const [progress, setProgress] = useState<PrintProgress | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosen = templateId ?? defaultTemplateFor(templates.data ?? [], awardCodes)?.id ?? null;
  const chosenTemplate = (templates.data ?? []).find((x) => x.id === chosen);
  // The preview applies the calibration of the printer the certificates will go to.
  const previewPrinter = toPrinter ? chosenDevice : printer;

  // Polls the store while the print command runs (queries run beside the write queue).
  const [jobId, setJobId] = useState<string | null>(null);
  useEffect(() => {
    if (!jobId) return undefined;
    const timer = setInterval(() => {
      api.call('certificates.printProgress', { jobId }).then((p) => setProgress(p), () => undefined);
    }, 250);
    return () => clearInterval(timer);
  }, [api, jobId]);

  const print = async () => {
    if (!chosen) return;
    const id = `job-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
    setJobId(id);
    setRunning(true);
    setError(null);
    setProgress({ done: 0, total: itemIds?.length ?? 0, stage: 'preparing' });
    try {
      if (toPrinter) {
        if (!chosenDevice) return;
        const r = await api.call('certificates.printToPrinter', {
          selection: decisionId ? { decisionId } : { itemIds: itemIds ?? [] },
          templateId: chosen,
          printerName: chosenDevice,
          silent: !showDialog,
          ...(reason.trim() ? { reason } : {}),
          jobId: id,
        });
        notifications.show({ color: 'teal', message: tp('sent', { n: r.printed, printer: chosenDevice }) });
        setReason('');
        onDone?.();
        return;
      }
      const r = await api.call('certificates.print', {
        selection: decisionId ? { decisionId } : { itemIds: itemIds ?? [] },
        templateId: chosen,
        ...(printer ? { printerName: printer } : {}),
        ...(reason.trim() ? { reason } : {}),
        ...(zip ? { perCertificate: true } : {}),
        jobId: id,
      });
      downloadFile(r.file, zip ? 'application/zip' : 'application/pdf');
      notifications.show({ color: 'teal', message: zip ? tp('zipped', { n: r.printed }) : t('printed', { n: r.printed }) });
      setReason('');
      onDone?.();
    } catch (e) {
      showApiError(e);
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setRunning(false);
      setJobId(null);
    }
  };

  const pct = progress && progress.total > 0 ? (progress.stage === 'done' ? 100 : progress.stage === 'rendering' ? 60 : Math.round((progress.done / progress.total) * 50)) : 5;
  return (
    <Stack gap="xs" data-testid="print-panel">
      {direct ? (
        <SegmentedControl
          value={output}
          onChange={(v) => setOutput(v === 'pdf' ? 'pdf' : 'printer')}
          data={[
            { value: 'printer', label: tp('toPrinter') },
            { value: 'pdf', label: tp('toPdf') },
          ]}
          data-testid="print-output"
        />
      ) : system.data ? (
        <Text size="sm" c="dimmed" data-testid="print-web-note">
          {tp('webNote')}
        </Text>
      ) : null}
      <Group grow align="flex-end">
        <Select label={t('template')} data={(templates.data ?? []).map((x) => ({ value: x.id, label: x.name }))} value={chosen} onChange={setTemplateId} allowDeselect={false} data-testid="print-template" />
        {toPrinter ? (
          <Select
            label={tp('systemPrinter')}
            data={(system.data?.printers ?? []).map((p) => ({ value: p.name, label: `${p.displayName} (${calibrated.has(p.name) ? tp('calibrated') : tp('notCalibrated')})${p.problem ? ` — ${p.problem}` : ''}` }))}
            value={chosenDevice}
            onChange={setDevice}
            allowDeselect={false}
            data-testid="print-device"
          />
        ) : (
          <Select
            label={t('printer')}
            data={[{ value: '', label: t('noPrinter') }, ...(printers.data ?? []).map((p) => ({ value: p.printerName, label: p.printerName }))]}
            value={printer ?? ''}
            onChange={(v) => setPrinter(v || null)}
          />
        )}
      </Group>
      {previewItemId && chosenTemplate ? (
        <Preview
          template={toInput(chosenTemplate)}
          itemId={previewItemId}
          width={560}
          {...(previewPrinter ? { printerName: previewPrinter } : {})}
        />
      ) : null}
      {toPrinter && (system.data?.printers.length ?? 0) === 0 ? <Alert color="yellow">{tp('noSystemPrinter')}</Alert> : null}
      {toPrinter && deviceProblem ? <Alert color="orange">{tp('problem', { problem: deviceProblem })}</Alert> : null}
      {toPrinter ? <Checkbox label={tp('showDialog')} checked={showDialog} onChange={(e) => setShowDialog(e.currentTarget.checked)} data-testid="print-dialog" /> : null}
      {!toPrinter && batch ? <Checkbox label={tp('perCertificate')} checked={perCertificate} onChange={(e) => setPerCertificate(e.currentTarget.checked)} data-testid="print-per-certificate" /> : null}
      {reprint ? <TextInput label={t('reason')} description={t('reasonHint')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} data-testid="print-reason" /> : null}
      {running ? (
        <Stack gap={4} data-testid="print-progress">
          <Progress value={pct} animated />
          <Text size="sm">{progress?.stage === 'rendering' ? t('rendering', { total: progress.total }) : t('printing', { done: progress?.done ?? 0, total: progress?.total || '…' })}</Text>
        </Stack>
      ) : null}
      {error ? (
        <Alert color="red" data-testid="print-error">
          {error}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button leftSection={<IconPrinter size={16} />} onClick={() => void print()} loading={running} disabled={!chosen || (toPrinter && !chosenDevice)} data-testid="print-go">
          {toPrinter ? tp('sendToPrinter') : zip ? tp('downloadZip') : !direct ? tp('downloadToPrint') : decisionId ? t('printAll') : reprint ? t('reprint') : t('printOne')}
        </Button>
      </Group>
    </Stack>
  );
}
