import { Button, Card, Group, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { showApiError } from '../../api/errors.js';
import { useApi, useQuery } from '../../api/hooks.js';
import { downloadFile } from '../../files/download.js';
import { useT } from '../../i18n/language.js';
import { certificatesMessages as m } from './messages.js';

/** Per-printer calibration: offsets and scale, set with a printable calibration page, kept per printer. */
export function CalibrationCard() {
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

