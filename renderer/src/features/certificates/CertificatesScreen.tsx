import { Button, Card, Checkbox, Grid, Group, NumberInput, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { Input } from '../../../../shared/api/contract.js';
import { FIELD_LABELS, type Align, type CertificateTemplate, type FieldBox } from '../../../../shared/awards/layout.js';
import { showApiError } from '../../api/errors.js';
import { useApi, useQuery } from '../../api/hooks.js';
import { downloadFile } from '../../files/download.js';
import { useT } from '../../i18n/language.js';
import { certificatesMessages as m } from './messages.js';
import { Preview } from './Preview.js';

type TemplateInput = Input<'certificates.saveTemplate'>;

function toInput(t: CertificateTemplate): TemplateInput {
  return { id: t.id, ...(t.version > 0 ? { expectedVersion: t.version } : {}), name: t.name, mode: t.mode, paper: t.paper, heading: t.heading, awardCodes: t.awardCodes, border: t.border, fields: t.fields };
}

function Calibration() {
  const t = useT(m);
  const api = useApi();
  const list = useQuery('certificates.calibrations', {}, { tables: ['printer_calibrations'] });
  const [c, setC] = useState({ printerName: '', offsetXMm: 0, offsetYMm: 0, scalePct: 100 });
  const save = async () => {
    try {
      await api.call('certificates.saveCalibration', { printerName: c.printerName, offsetXMm: c.offsetXMm, offsetYMm: c.offsetYMm, scale: c.scalePct / 100 });
      notifications.show({ color: 'teal', message: t('calibrationSaved', { name: c.printerName }) });
    } catch (e) {
      showApiError(e);
    }
  };
  const page = async () => {
    try {
      downloadFile(await api.call('certificates.calibrationPage', { ...(c.printerName ? { printerName: c.printerName } : {}) }), 'application/pdf');
    } catch (e) {
      showApiError(e);
    }
  };
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>{t('calibration')}</Title>
        <Text size="sm" c="dimmed">
          {t('calibrationHelp')}
        </Text>
        <Group grow align="flex-end">
          <Select
            label={t('printerName')}
            data={(list.data ?? []).map((p) => p.printerName)}
            searchable
            value={c.printerName || null}
            onSearchChange={(v) => setC((x) => ({ ...x, printerName: v }))}
            searchValue={c.printerName}
            onChange={(v) => {
              const found = list.data?.find((p) => p.printerName === v);
              if (found) setC({ printerName: found.printerName, offsetXMm: found.offsetXMm, offsetYMm: found.offsetYMm, scalePct: Math.round(found.scale * 1000) / 10 });
            }}
            data-testid="calibration-printer"
          />
          <NumberInput label={t('offsetX')} value={c.offsetXMm} onChange={(v) => setC((x) => ({ ...x, offsetXMm: Number(v) || 0 }))} step={0.5} decimalScale={2} />
          <NumberInput label={t('offsetY')} value={c.offsetYMm} onChange={(v) => setC((x) => ({ ...x, offsetYMm: Number(v) || 0 }))} step={0.5} decimalScale={2} />
          <NumberInput label={t('scale')} value={c.scalePct} onChange={(v) => setC((x) => ({ ...x, scalePct: Number(v) || 100 }))} step={0.5} decimalScale={2} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => void page()}>
            {t('calibrationPage')}
          </Button>
          <Button onClick={() => void save()} disabled={!c.printerName.trim()}>
            {t('saveCalibration')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** Giấy khen: templates (plain paper or overlay on blanks) with a field editor and a live preview; printer calibration. */
export function CertificatesScreen() {
  const t = useT(m);
  const api = useApi();
  const templates = useQuery('certificates.templates', {}, { tables: ['certificate_templates'] });
  const [selected, setSelected] = useState<string | null>(null);
  const [draft, setDraft] = useState<TemplateInput | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const list = templates.data ?? [];
  const current = list.find((x) => x.id === selected) ?? list[0];
  useEffect(() => {
    if (current && (!draft || draft.id !== current.id)) setDraft(toInput(current));
  }, [current, draft]);
  if (!draft || !current) return <Text>…</Text>;
  const setField = (i: number, patch: Partial<FieldBox>) => setDraft((d) => (d ? { ...d, fields: d.fields.map((f, k) => (k === i ? { ...f, ...patch } : f)) } : d));
  const save = async (asNew: boolean) => {
    setErrors({});
    try {
      const { id: _id, expectedVersion: _v, ...rest } = draft;
      const saved = await api.call('certificates.saveTemplate', asNew ? { ...rest, name: `${draft.name} (bản sao)` } : draft);
      notifications.show({ color: 'teal', message: t('saved', { name: saved.name }) });
      setSelected(saved.id);
      setDraft(toInput(saved));
    } catch (e) {
      setErrors(showApiError(e));
    }
  };
  const num = (i: number, key: 'xMm' | 'yMm' | 'wMm' | 'hMm' | 'fontSizePt' | 'minFontSizePt' | 'maxLines', f: TemplateInput['fields'][number]) => (
    <NumberInput size="xs" w={key === 'maxLines' ? 60 : 78} value={f[key]} onChange={(v) => setField(i, { [key]: Number(v) || 0 })} step={key === 'maxLines' ? 1 : 0.5} decimalScale={1} hideControls aria-label={`${FIELD_LABELS[f.key]} ${key}`} data-testid={`field-${f.id}-${key}`} />
  );
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Group align="flex-end">
        <Select label={t('templates')} data={list.map((x) => ({ value: x.id, label: x.name }))} value={current.id} onChange={(v) => { setSelected(v); setDraft(null); }} w={420} allowDeselect={false} data-testid="template-select" />
        <Text size="sm" c="dimmed">
          {current.mode === 'plain' ? t('plain') : t('overlay')}
        </Text>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="xs">
            <TextInput label={t('name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} error={errors.name} />
            <Group grow>
              <SegmentedControl data={[{ value: 'plain', label: t('plain') }, { value: 'overlay', label: t('overlay') }]} value={draft.mode} onChange={(v) => setDraft({ ...draft, mode: v as 'plain' | 'overlay', border: v === 'plain' && draft.border })} />
            </Group>
            <Group grow>
              <Select label={t('paper')} data={['A4', 'A3']} value={draft.paper} onChange={(v) => v && setDraft({ ...draft, paper: v as 'A4' | 'A3' })} allowDeselect={false} />
              <TextInput label={t('heading')} value={draft.heading} onChange={(e) => setDraft({ ...draft, heading: e.currentTarget.value })} />
            </Group>
            <Checkbox label={t('border')} checked={draft.border} onChange={(e) => setDraft({ ...draft, border: e.currentTarget.checked })} disabled={draft.mode === 'overlay'} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Preview template={draft} width={720} />
        </Grid.Col>
        <Grid.Col span={12}>
          <Stack gap="xs">
            <Table withTableBorder verticalSpacing={2} horizontalSpacing={4} data-testid="field-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('field')}</Table.Th>
                  <Table.Th>{t('x')}</Table.Th>
                  <Table.Th>{t('y')}</Table.Th>
                  <Table.Th>{t('w')}</Table.Th>
                  <Table.Th>{t('h')}</Table.Th>
                  <Table.Th>{t('size')}</Table.Th>
                  <Table.Th>{t('min')}</Table.Th>
                  <Table.Th>{t('lines')}</Table.Th>
                  <Table.Th>{t('align')}</Table.Th>
                  <Table.Th>B/I</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {draft.fields.map((f, i) => (
                  <Table.Tr key={f.id} style={errors[`fields.${i}.xMm`] ? { background: 'var(--mantine-color-red-1)' } : undefined}>
                    <Table.Td>
                      <Text size="xs">{FIELD_LABELS[f.key]}</Text>
                    </Table.Td>
                    <Table.Td>{num(i, 'xMm', f)}</Table.Td>
                    <Table.Td>{num(i, 'yMm', f)}</Table.Td>
                    <Table.Td>{num(i, 'wMm', f)}</Table.Td>
                    <Table.Td>{num(i, 'hMm', f)}</Table.Td>
                    <Table.Td>{num(i, 'fontSizePt', f)}</Table.Td>
                    <Table.Td>{num(i, 'minFontSizePt', f)}</Table.Td>
                    <Table.Td>{num(i, 'maxLines', f)}</Table.Td>
                    <Table.Td>
                      <Select size="xs" w={72} data={[{ value: 'left', label: t('left') }, { value: 'center', label: t('center') }, { value: 'right', label: t('right') }]} value={f.align === 'justify' ? 'left' : f.align} onChange={(v) => v && setField(i, { align: v as Align })} allowDeselect={false} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <Checkbox size="xs" aria-label={t('bold')} checked={f.bold} onChange={(e) => setField(i, { bold: e.currentTarget.checked })} />
                        <Checkbox size="xs" aria-label={t('italic')} checked={f.italic} onChange={(e) => setField(i, { italic: e.currentTarget.checked })} />
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => void save(true)}>
                {t('saveCopy')}
              </Button>
              <Button onClick={() => void save(false)} data-testid="template-save">
                {t('save')}
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
      </Grid>
      <Calibration />
    </Stack>
  );
}
