import { Badge, Card, Group, Table, Text, Title } from '@mantine/core';
import { useQuery } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { planMessages as m } from './messages.js';

/** Province console: for a plan this office issued, each lower office's own plan and its deadline states. */
export function OfficeProgressCard({ planId }: { planId: string }) {
  const t = useT(m);
  const progress = useQuery('plans.officeProgress', { planId }, { tables: ['plans', 'plan_deadline_status'] });
  const offices = progress.data?.offices ?? [];
  return (
    <Card withBorder p={0} data-testid="plan-office-progress">
      <Title order={5} p="sm">
        {t('officesTitle')}
      </Title>
      {offices.length === 0 ? (
        <Text p="sm" pt={0} size="sm" c="dimmed">
          {t('officesEmpty')}
        </Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('office')}</Table.Th>
              <Table.Th>{t('officePlan')}</Table.Th>
              <Table.Th>{t('state')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {offices.map((o) => (
              <Table.Tr key={o.unitId}>
                <Table.Td>{o.unitName}</Table.Td>
                <Table.Td>{o.derived ? `${o.derived.numberSymbol} (${t(`status_${o.derived.status as 'draft'}`)})` : t('noPlanYet')}</Table.Td>
                <Table.Td>
                  <Group gap={4}>
                    {o.counts.overdue > 0 && <Badge color="red">{t('countOverdue', { n: o.counts.overdue })}</Badge>}
                    {o.counts.done > 0 && <Badge color="teal">{t('countDone', { n: o.counts.done })}</Badge>}
                    {o.counts.due_soon + o.counts.due_today + o.counts.upcoming > 0 && <Badge color="blue">{t('countOpen', { n: o.counts.due_soon + o.counts.due_today + o.counts.upcoming })}</Badge>}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
