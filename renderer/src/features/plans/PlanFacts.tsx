import { Badge, Card, List, Spoiler, Stack, Table, Text, Title } from '@mantine/core';
import type { Block, PlanContent } from '../../../../shared/plans/model.js';
import { DEADLINE_KIND_LABELS } from '../../../../shared/plans/model.js';
import { checkCommemoration, commemorationLabel } from '../../../../shared/plans/anniversary.js';
import { useT } from '../../i18n/language.js';
import { planMessages as m } from './messages.js';
import { editorMessages } from './editor-messages.js';

/** The focus tasks as the plan numbers them, nested. */
function TaskOutline({ blocks, depth }: { blocks: readonly Block[]; depth: number }) {
  return (
    <Stack gap={2} pl={depth === 0 ? 0 : 'lg'}>
      {blocks.map((b, i) => (
        <div key={i} data-testid="plan-task-view">
          <Text size="sm">
            {b.label && (
              <Text span fw={600}>
                {b.label}{' '}
              </Text>
            )}
            {b.heading && (
              <Text span fw={600}>
                {b.heading}
                {b.text ? ' ' : ''}
              </Text>
            )}
            {b.text}
          </Text>
          {b.children.length > 0 && <TaskOutline blocks={b.children} depth={depth + 1} />}
        </div>
      ))}
    </Stack>
  );
}

/** Theme, movements, phases with their commemorations (anniversary computed for the plan year), deadlines. */
export function PlanFacts({ plan }: { plan: PlanContent }) {
  const t = useT(m);
  const te = useT(editorMessages);
  return (
    <Stack gap="md">
      {plan.theme && (
        <Card withBorder>
          <Text size="sm" c="dimmed">
            {t('theme')}
          </Text>
          <Text fw={600} data-testid="plan-theme-view">
            “{plan.theme}”
          </Text>
        </Card>
      )}
      {plan.movements.length > 0 && (
        <Card withBorder>
          <Title order={5} mb="xs">
            {t('movements')}
          </Title>
          <List spacing={4} size="sm">
            {plan.movements.map((mv) => (
              <List.Item key={mv.id}>
                <Badge size="xs" variant="light" mr={6}>
                  {t(`kind_${mv.kind}`)}
                </Badge>
                {mv.name}
                {mv.periodText ? ` (${mv.periodText})` : ''}
              </List.Item>
            ))}
          </List>
        </Card>
      )}
      {plan.phases.map((ph) => (
        <Card withBorder key={ph.id} data-testid={`plan-phase-${ph.ordinal}`}>
          <Title order={5}>
            {ph.name}: {ph.from.text} – {ph.to.text}
          </Title>
          {ph.salutes.length > 0 && (
            <Text size="sm" mt={4}>
              {ph.salutes.join('; ')}
            </Text>
          )}
          {ph.commemorations.length > 0 && (
            <List size="sm" mt={6} spacing={2}>
              {ph.commemorations.map((c) => {
                const check = checkCommemoration(c, plan.year);
                return (
                  <List.Item key={c.id}>
                    {/* A date added in the editor has no "as written" date in the year: the label computes it. */}
                    {c.yearDate || check.computed === null ? `${check.computed ?? c.writtenNumber ?? ''} năm ${c.event} (${c.originalDate.text || '?'}${c.yearDate ? ` - ${c.yearDate.text}` : ''})` : commemorationLabel(c, plan.year)}
                    {check.problem && <Text span c="orange.8" size="xs">{` — ${check.problem}`}</Text>}
                  </List.Item>
                );
              })}
            </List>
          )}
          {ph.closing && (
            <Text size="sm" c="dimmed" mt={4}>
              {ph.closing}
            </Text>
          )}
        </Card>
      ))}
      {plan.tasks.length > 0 && (
        <Card withBorder data-testid="plan-tasks-view">
          <Title order={5} mb="xs">
            {te('tasksView')}
          </Title>
          <Spoiler maxHeight={240} showLabel={te('showAll')} hideLabel={te('collapse')}>
            <TaskOutline blocks={plan.tasks} depth={0} />
          </Spoiler>
        </Card>
      )}
      <Card withBorder p={0}>
        <Title order={5} p="sm">
          {t('deadlines')}
        </Title>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('deadlineTitle')}</Table.Th>
              <Table.Th>{t('due')}</Table.Th>
              <Table.Th>{t('appliesTo')}</Table.Th>
              <Table.Th>{t('sendTo')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.deadlines.map((d) => (
              <Table.Tr key={d.id} data-testid="plan-deadline-row">
                <Table.Td>
                  <Text size="sm">{d.title}</Text>
                  <Text size="xs" c="dimmed">
                    {DEADLINE_KIND_LABELS[d.kind]}
                  </Text>
                </Table.Td>
                <Table.Td>{d.due.text || t('noDate')}</Table.Td>
                <Table.Td>{d.appliesTo.join('; ')}</Table.Td>
                <Table.Td>{d.sendTo ?? ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
