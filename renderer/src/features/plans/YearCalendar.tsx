import { Badge, Card, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { PlanSummary } from '../../../../shared/plans/model.js';
import { useQuery } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { planMessages as m } from './messages.js';

const KIND_COLOR = { phase_start: 'teal', phase_end: 'teal', commemoration: 'grape', deadline: 'red' } as const;

/** Twelve months with the phases' bounds, the commemorations and the deadlines of one plan. */
export function YearCalendar({ plans }: { plans: readonly PlanSummary[] }) {
  const t = useT(m);
  const [id, setId] = useState<string | null>(plans[0]?.id ?? null);
  const cal = useQuery('plans.calendar', { id: id ?? '' }, { enabled: id !== null, tables: ['plans'] });
  return (
    <Stack>
      <Select
        label={t('calendarPick')}
        data={plans.map((p) => ({ value: p.id, label: `${p.numberSymbol} ${p.summary} — ${p.issuingBody}` }))}
        value={id}
        onChange={setId}
        maw={700}
      />
      {!cal.data ? (
        <Text c="dimmed">{t('calendarEmpty')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} data-testid="plan-calendar">
          {cal.data.months.map((events, i) => (
            <Card withBorder key={i} mih={120}>
              <Text fw={700}>{t('month', { m: i + 1 })}</Text>
              {events.length === 0 ? (
                <Text c="dimmed" size="sm">
                  {t('nothing')}
                </Text>
              ) : (
                events.map((e, j) => (
                  <Text size="sm" key={j}>
                    <Badge size="xs" color={KIND_COLOR[e.kind]} mr={4}>
                      {e.date.slice(8, 10)}/{e.date.slice(5, 7)}
                    </Badge>
                    {e.label}
                  </Text>
                ))
              )}
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
