import { ActionIcon, Alert, Badge, Button, Group, NumberInput, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { AwardsConfig } from '../../../../shared/api/methods/awards.js';
import { formatMoney } from '../../../../shared/awards/prize.js';
import type { AwardKind, RoundingMode } from '../../../../shared/awards/types.js';
import { KindForm } from './KindForm.js';
import { RegistersTable } from './RegistersTable.js';
import { formatDateShort } from '../../../../shared/vi/dates.js';
import { showApiError } from '../../api/errors.js';
import { DateField } from '../../forms/DateField.js';
import { useApi, useSession } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { awardsMessages as m } from './messages.js';
import { registerChoices } from './register-choices.js';

/** Base salaries and coefficients are dated, editable data; what is not certain says so on screen. */
export function RatesTab({ config }: { config: AwardsConfig }) {
  const t = useT(m);
  const api = useApi();
  const { session } = useSession();
  const canEdit = session?.user.role === 'head' || session?.user.role === 'admin';
  const [from, setFrom] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const [source, setSource] = useState('');
  const [coef, setCoef] = useState<Record<string, number | string>>({});
  const [editing, setEditing] = useState<AwardKind | 'new' | null>(null);
  const conf = (c: 'certain' | 'likely' | 'unsure') => <Badge color={c === 'certain' ? 'teal' : c === 'likely' ? 'yellow' : 'red'}>{t(c)}</Badge>;
  /** Runs a change; false (the error shown) when the store refused it. */
  const run = async (fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await fn();
      return true;
    } catch (e) {
      showApiError(e);
      return false;
    }
  };
  return (
    <Stack>
      <Title order={4}>{t('baseSalary')}</Title>
      <Table withTableBorder>
        <Table.Tbody>
          {config.baseSalaries.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>{formatDateShort(s.effectiveFrom)}</Table.Td>
              <Table.Td>{formatMoney(s.amount)}</Table.Td>
              <Table.Td>{s.source}</Table.Td>
              <Table.Td>{conf(s.confidence)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canEdit ? (
        <Group align="flex-end">
          <DateField label={t('effectiveFrom')} value={from || null} onChange={(v) => setFrom(v ?? '')} />
          <NumberInput label={t('amount')} value={amount} onChange={setAmount} thousandSeparator="." decimalSeparator="," />
          <TextInput label={t('source')} value={source} onChange={(e) => setSource(e.currentTarget.value)} />
          <Button onClick={() => void run(() => api.call('awards.saveBaseSalary', { effectiveFrom: from, amount: Number(amount), source, confidence: 'certain' }))}>{t('addSalary')}</Button>
        </Group>
      ) : null}
      <Group justify="space-between">
        <Title order={4}>{t('kinds')}</Title>
        {canEdit ? (
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="kind-add">
            {t('addKind')}
          </Button>
        ) : null}
      </Group>
      {editing ? <KindForm key={editing === 'new' ? 'new' : editing.id} config={config} kind={editing === 'new' ? null : editing} opened onClose={() => setEditing(null)} /> : null}
      <Table withTableBorder>
        <Table.Tbody>
          {config.kinds.map((k) => (
            <Table.Tr key={k.id}>
              <Table.Td>
                <Text fw={600} {...(k.active ? {} : { c: 'dimmed' })}>
                  {k.name}
                  {k.active ? '' : ` (${t('kindInactive')})`}
                </Text>
                <Text size="xs" c="dimmed">
                  {k.code} · {k.subject === 'person' ? t('person') : t('collective')} · {k.source}
                  {k.validFrom || k.validTo ? ` · ${formatDateShort(k.validFrom) || '…'} – ${formatDateShort(k.validTo) || '…'}` : ''}
                </Text>
                {k.confidence === 'unsure' ? (
                  <Alert color="orange" p={4} mt={4} title={t('unsureNote')}>
                    <Text size="xs">{k.note}</Text>
                  </Alert>
                ) : null}
              </Table.Td>
              <Table.Td w={140}>
                <NumberInput
                  aria-label={t('coefficient')}
                  value={coef[k.id] ?? k.coefficient}
                  onChange={(v) => setCoef((c) => ({ ...c, [k.id]: v }))}
                  decimalScale={3}
                  step={0.05}
                  disabled={!canEdit}
                />
              </Table.Td>
              <Table.Td w={120} miw={120}>{conf(k.confidence)}</Table.Td>
              <Table.Td w={200}>
                <Select
                  aria-label={t('registerOfKind')}
                  size="xs"
                  data={registerChoices(config.registers, k.registerId)}
                  value={k.registerId ?? config.registers.find((r) => r.isDefault)?.id ?? null}
                  onChange={(v) => v && canEdit && void run(() => api.call('awards.saveKind', { ...k, registerId: v }))}
                  disabled={!canEdit}
                  allowDeselect={false}
                />
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  {canEdit && coef[k.id] !== undefined && Number(coef[k.id]) !== k.coefficient ? (
                    <Button size="xs" onClick={() => void run(() => api.call('awards.saveKind', { ...k, coefficient: Number(coef[k.id]) }))}>
                      {t('save')}
                    </Button>
                  ) : null}
                  {canEdit ? (
                    <ActionIcon variant="subtle" aria-label={`${t('editKind')}: ${k.name}`} title={t('editKind')} onClick={() => setEditing(k)} data-testid={`kind-edit-${k.code}`}>
                      <IconPencil size={16} />
                    </ActionIcon>
                  ) : null}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={4}>{t('registers')}</Title>
      <Text size="sm" c="dimmed">
        {t('registersHelp')}
      </Text>
      <RegistersTable registers={config.registers} canEdit={canEdit} run={run} />
      <Select
        label={t('rounding')}
        w={320}
        disabled={!canEdit}
        data={[
          { value: 'ceil', label: t('roundCeil') },
          { value: 'nearest', label: t('roundNearest') },
          { value: 'floor', label: t('roundFloor') },
        ]}
        value={config.options.roundingMode}
        onChange={(v) => v && void run(() => api.call('awards.setOptions', { roundingMode: v as RoundingMode, roundingStep: config.options.roundingStep }))}
        allowDeselect={false}
      />
    </Stack>
  );
}
