import { Badge, Button, Card, Group, Select, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { DEADLINE_STATE_LABELS, type DeadlineState } from '../../../../shared/plans/board.js';
import { formatDateShort } from '../../../../shared/vi/dates.js';
import { showApiError } from '../../api/errors.js';
import { useApi, useQuery } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { planMessages as m } from './messages.js';

const COLORS: Record<DeadlineState, string> = { overdue: 'red', due_today: 'orange', due_soon: 'yellow', upcoming: 'blue', no_date: 'gray', done: 'teal' };

/** What is due, in how many days, what is overdue and what is done, for the office's plans of the year. */
export function DeadlineBoard({ onOpen, years }: { onOpen(id: string): void; years: readonly number[] }) {
  const t = useT(m);
  const api = useApi();
  // The plan years the office has; the current year is the server's default when none is chosen.
  const [year, setYear] = useState<number | null>(null);
  const board = useQuery('plans.board', year === null ? {} : { year }, { tables: ['plans', 'plan_deadline_status'] });
  if (!board.data) return null;
  const { today, rows } = board.data;
  const setDone = async (planId: string, deadlineId: string, doneOn: string | null) => {
    try {
      await api.call('plans.setDeadlineDone', { planId, deadlineId, doneOn, note: null });
    } catch (e) {
      showApiError(e);
    }
  };
  return (
    <Card withBorder p={0} data-testid="plan-board">
      <Group justify="space-between" p="sm">
        <Title order={4}>{t('boardTitle', { year: year ?? today.slice(0, 4), today: formatDateShort(today) })}</Title>
        <Select
          aria-label={t('year')}
          w={120}
          data={[...new Set([Number(today.slice(0, 4)), ...years])].sort((a, b) => b - a).map((y) => ({ value: String(y), label: String(y) }))}
          value={String(year ?? today.slice(0, 4))}
          allowDeselect={false}
          onChange={(v) => setYear(v ? Number(v) : null)}
          data-testid="board-year"
        />
      </Group>
      {rows.length === 0 ? (
        <Text p="sm" c="dimmed">
          {t('boardEmpty')}
        </Text>
      ) : (
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('state')}</Table.Th>
              <Table.Th>{t('deadlineTitle')}</Table.Th>
              <Table.Th>{t('due')}</Table.Th>
              <Table.Th>{t('appliesTo')}</Table.Th>
              <Table.Th>{t('plan')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={`${r.planId}:${r.deadlineId}`} data-testid="board-row" data-state={r.state}>
                <Table.Td>
                  <Badge color={COLORS[r.state]} variant={r.state === 'done' ? 'light' : 'filled'}>
                    {DEADLINE_STATE_LABELS[r.state]}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {r.label}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.title}</Text>
                  <Text size="xs" c="dimmed">
                    {r.kindLabel}
                  </Text>
                </Table.Td>
                <Table.Td>{r.dueText || t('noDate')}</Table.Td>
                <Table.Td>
                  <Text size="sm">{r.appliesTo.join('; ')}</Text>
                </Table.Td>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => onOpen(r.planId)}>
                    {r.planLabel}
                  </Button>
                </Table.Td>
                <Table.Td>
                  {r.state === 'done' ? (
                    <Button size="compact-xs" variant="subtle" onClick={() => void setDone(r.planId, r.deadlineId, null)}>
                      {t('undoDone')}
                    </Button>
                  ) : (
                    <Button size="compact-xs" variant="light" onClick={() => void setDone(r.planId, r.deadlineId, today)} data-testid="board-done">
                      {t('markDone')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
