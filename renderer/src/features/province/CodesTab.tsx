import { Alert, Badge, Button, Card, CopyButton, Group, Modal, NumberInput, SegmentedControl, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconCopy, IconKey, IconPrinter } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { EnrolmentCodeView } from '../../../../shared/api/methods/province.js';
import { showApiError } from '../../api/errors.js';
import { useCommand, useQuery } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { formatDateTime } from '../../app/format.js';
import { provinceMessages as m } from './messages.js';
import { printSlip } from './printSlip.js';

const STATUS_COLOR: Record<EnrolmentCodeView['status'], string> = { waiting: 'blue', used: 'teal', expired: 'gray', revoked: 'red' };

/** New code (shown once, copy/print) and the list of codes issued (never the codes themselves). */
export function CodesTab({ hubUrl }: { hubUrl: string }) {
  const t = useT(m);
  const codes = useQuery('province.codes.list', {}, { tables: ['province'] });
  const devices = useQuery('province.devices.list', {}, { tables: ['province'] });
  const create = useCommand('province.codes.create');
  const [kind, setKind] = useState<'new' | 'replace'>('new');
  const [unitName, setUnitName] = useState('');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [ttl, setTtl] = useState<number | string>(72);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [shown, setShown] = useState<{ code: string; expiresAt: string; unitName: string } | null>(null);

  const offices = useMemo(() => {
    const seen = new Map<string, string>();
    for (const d of devices.data ?? []) if (!seen.has(d.unitId)) seen.set(d.unitId, d.unitName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [devices.data]);

  const submit = async () => {
    setErrors({});
    try {
      const picked = offices.find((o) => o.value === unitId);
      const r = await create.run({
        unitName: kind === 'replace' ? (picked?.label ?? '') : unitName,
        unitId: kind === 'replace' ? unitId : null,
        ttlHours: typeof ttl === 'number' ? ttl : Number.NaN,
      });
      setShown({ code: r.code, expiresAt: r.expiresAt, unitName: r.unitName });
      setUnitName('');
      setUnitId(null);
    } catch (error) {
      showApiError(error, { setErrors: (e) => setErrors(e) });
    }
  };

  const print = () => {
    if (!shown) return;
    printSlip(
      t('printTitle'),
      [
        { label: t('printFor'), value: shown.unitName },
        { label: t('printCode'), value: shown.code, big: true },
        ...(hubUrl ? [{ label: t('printHub'), value: hubUrl }] : []),
        { label: t('printExpires'), value: formatDateTime(shown.expiresAt) },
      ],
      t('printSteps'),
    );
  };

  return (
    <Stack gap="lg">
      <Card withBorder radius="md" padding="lg">
        <Stack gap="sm">
          <Title order={4}>{t('newCode')}</Title>
          <Text size="sm" c="dimmed">
            {t('newCodeHint')}
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(v) => setKind(v as 'new' | 'replace')}
            data={[
              { value: 'new', label: t('kindNew') },
              { value: 'replace', label: t('kindReplace'), disabled: offices.length === 0 },
            ]}
            data-testid="province-code-kind"
          />
          <Group align="flex-start" grow>
            {kind === 'new' ? (
              <TextInput label={t('unitName')} placeholder={t('unitNamePh')} withAsterisk value={unitName} onChange={(e) => setUnitName(e.currentTarget.value)} error={errors.unitName} data-testid="province-code-unit" />
            ) : (
              <Select label={t('unitPick')} placeholder={t('unitPickPh')} withAsterisk data={offices} value={unitId} onChange={setUnitId} error={errors.unitId ?? errors.unitName} description={t('replaceHint')} />
            )}
            <NumberInput label={t('ttl')} description={t('ttlHint')} min={1} max={720} value={ttl} onChange={setTtl} error={errors.ttlHours} maw={220} data-testid="province-code-ttl" />
          </Group>
          <Group justify="flex-end">
            <Button leftSection={<IconKey size={18} />} onClick={() => void submit()} loading={create.running} data-testid="province-code-create">
              {t('create')}
            </Button>
          </Group>
        </Stack>
      </Card>

      <Card withBorder radius="md" padding="lg">
        <Stack gap="sm">
          <Title order={4}>{t('codesTitle')}</Title>
          {codes.data && codes.data.length === 0 ? (
            <Text c="dimmed">{t('codesEmpty')}</Text>
          ) : (
            <Table striped highlightOnHover data-testid="province-codes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('colUnit')}</Table.Th>
                  <Table.Th>{t('colCreated')}</Table.Th>
                  <Table.Th>{t('colExpires')}</Table.Th>
                  <Table.Th>{t('colStatus')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {(codes.data ?? []).map((c) => (
                  <Table.Tr key={`${c.key}-${c.createdAt}`}>
                    <Table.Td>{c.unitName}</Table.Td>
                    <Table.Td>{formatDateTime(c.createdAt)}</Table.Td>
                    <Table.Td>{formatDateTime(c.expiresAt)}</Table.Td>
                    <Table.Td>
                      <Badge color={STATUS_COLOR[c.status]} variant="light">
                        {t(`status.${c.status}`)}
                      </Badge>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Card>

      <Modal opened={shown !== null} onClose={() => setShown(null)} title={shown ? t('createdTitle', { unit: shown.unitName }) : ''} size="lg" closeOnClickOutside={false} centered>
        {shown && (
          <Stack gap="md">
            <Alert color="orange" variant="light">
              {t('createdOnce')}
            </Alert>
            <Text ta="center" ff="monospace" fz={36} fw={700} style={{ letterSpacing: 3 }} data-testid="province-code-value">
              {shown.code}
            </Text>
            <Text ta="center" c="dimmed">
              {t('expires', { at: formatDateTime(shown.expiresAt) })}
            </Text>
            {hubUrl && (
              <Text ta="center">
                {t('printHub')}: <b>{hubUrl}</b>
              </Text>
            )}
            <Group justify="center">
              <CopyButton value={shown.code}>
                {({ copied, copy }) => (
                  <Button variant="light" color={copied ? 'teal' : 'blue'} leftSection={<IconCopy size={18} />} onClick={copy}>
                    {copied ? t('copied') : t('copy')}
                  </Button>
                )}
              </CopyButton>
              <Button variant="light" leftSection={<IconPrinter size={18} />} onClick={print}>
                {t('print')}
              </Button>
            </Group>
            <Group justify="flex-end">
              <Button onClick={() => setShown(null)} data-testid="province-code-close">
                {t('close')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
