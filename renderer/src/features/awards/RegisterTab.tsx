import { Badge, Button, Group, Modal, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { formatMoney } from '../../../../shared/awards/prize.js';
import { formatRegisterNumber } from '../../../../shared/awards/register.js';
import type { RegisterEntry } from '../../../../shared/awards/types.js';
import { formatDateShort } from '../../../../shared/vi/dates.js';
import { showApiError } from '../../api/errors.js';
import { useApi, useQuery, useSession } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { awardsMessages as m } from './messages.js';

function Entries({ list, onHistory, onCancel }: { list: RegisterEntry[]; onHistory?(e: RegisterEntry): void; onCancel?(e: RegisterEntry): void }) {
  const t = useT(m);
  return (
    <Table striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('regNo')}</Table.Th>
          <Table.Th>{t('recipient')}</Table.Th>
          <Table.Th>{t('award')}</Table.Th>
          <Table.Th>{t('decision')}</Table.Th>
          <Table.Th ta="right">{t('prize')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {list.map((e) => (
          <Table.Tr key={e.itemId} data-testid="register-row">
            <Table.Td>{formatRegisterNumber(e.registerNumber, e.registerYear, e.registerCode)}</Table.Td>
            <Table.Td>
              {onHistory ? (
                <Button variant="subtle" size="compact-sm" onClick={() => onHistory(e)}>
                  {e.recipientName}
                </Button>
              ) : (
                e.recipientName
              )}
              <Text size="xs" c="dimmed">
                {e.recipientUnitName}
              </Text>
            </Table.Td>
            <Table.Td>{e.awardName}</Table.Td>
            <Table.Td>
              <Text size="sm">{e.decisionLabel}</Text>
              <Text size="xs" c="dimmed">
                {formatDateShort(e.decisionDate)}
              </Text>
            </Table.Td>
            <Table.Td ta="right">{formatMoney(e.prizeAmount)}</Table.Td>
            <Table.Td>
              {e.status === 'cancelled' ? (
                <Badge color="red" title={e.cancelReason ?? ''}>
                  {t('cancelled')}
                </Badge>
              ) : onCancel ? (
                <Button size="compact-xs" variant="subtle" color="red" onClick={() => onCancel(e)}>
                  {t('cancelItem')}
                </Button>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The register: searchable, by year; each person's or unit's history across years; cancellations with a reason. */
export function RegisterTab() {
  const t = useT(m);
  const api = useApi();
  const { session } = useSession();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [year, setYear] = useState<string | null>(null);
  const [includeCancelled, setIncludeCancelled] = useState(false);
  const [history, setHistory] = useState<RegisterEntry | null>(null);
  const [cancelling, setCancelling] = useState<RegisterEntry | null>(null);
  const [reason, setReason] = useState('');
  const entries = useQuery('awards.register', { ...(debounced.trim() ? { search: debounced.trim() } : {}), ...(year ? { year: Number(year) } : {}), includeCancelled }, { tables: ['award_items'] });
  const historyQ = useQuery('awards.history', history?.personId ? { personId: history.personId } : { unitId: history?.unitId ?? '' }, { enabled: Boolean(history?.personId ?? history?.unitId), tables: ['award_items'] });
  const canCancel = session?.user.role === 'head' || session?.user.role === 'admin';
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear - i));

  const cancel = async () => {
    if (!cancelling) return;
    try {
      await api.call('awards.cancelItem', { itemId: cancelling.itemId, reason });
      setCancelling(null);
      setReason('');
    } catch (e) {
      showApiError(e);
    }
  };
  const list = entries.data ?? [];
  return (
    <Stack>
      <Group>
        <TextInput leftSection={<IconSearch size={16} />} placeholder={t('search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} style={{ flex: 1 }} data-testid="register-search" />
        <Select placeholder={t('allYears')} data={years} value={year} onChange={setYear} clearable w={160} aria-label={t('year')} />
        <Switch label={t('showCancelled')} checked={includeCancelled} onChange={(e) => setIncludeCancelled(e.currentTarget.checked)} />
      </Group>
      {list.length === 0 && !entries.loading ? <Text c="dimmed">{t('emptyRegister')}</Text> : <Entries list={list} onHistory={setHistory} {...(canCancel ? { onCancel: setCancelling } : {})} />}
      <Modal opened={history !== null} onClose={() => setHistory(null)} title={t('historyOf', { name: history?.recipientName ?? '' })} size="xl">
        <div data-testid="history">{historyQ.data ? <Entries list={historyQ.data} /> : null}</div>
      </Modal>
      <Modal opened={cancelling !== null} onClose={() => setCancelling(null)} title={t('cancelItem')}>
        <Stack>
          <Text>{cancelling ? `${cancelling.recipientName} — ${formatRegisterNumber(cancelling.registerNumber, cancelling.registerYear, cancelling.registerCode)}` : ''}</Text>
          <TextInput label={t('cancelReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Button color="red" onClick={() => void cancel()}>
            {t('cancelItem')}
          </Button>
        </Stack>
      </Modal>
    </Stack>
  );
}
