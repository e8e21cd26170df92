import { Badge, Card, Divider, Grid, Group, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import type { Commemoration, Phase } from '../../../../shared/plans/model.js';
import { moveItem, newCommemoration, newPhase, removeAt, replaceAt } from '../../../../shared/plans/edit.js';
import { checkCommemoration } from '../../../../shared/plans/anniversary.js';
import { parseDateRef } from '../../../../shared/plans/dates.js';
import { formatDateShort } from '../../../../shared/vi/dates.js';
import { DateField } from '../../forms/DateField.js';
import { useT } from '../../i18n/language.js';
import { planMessages } from './messages.js';
import { editorMessages as m } from './editor-messages.js';
import { AddButton, EmptyNote, ItemControls, SectionHead, TextListEditor, newItemId } from './EditorParts.js';
import { pickedDate } from './PlanFields.js';

/** One anniversary: event, original date as written, and the number computed for the plan year. */
function CommemorationRow({ c, year, index, count, testId, onChange, onMove, onRemove, error }: { c: Commemoration; year: number; index: number; count: number; testId: string; onChange(next: Commemoration): void; onMove(d: number): void; onRemove(): void; error: string | undefined }) {
  const t = useT(m);
  const check = checkCommemoration(c, year);
  return (
    <Table.Tr data-testid={testId}>
      <Table.Td>
        <Textarea size="xs" autosize minRows={1} maxRows={4} aria-label={t('commEvent')} placeholder={t('commEventPlaceholder')} value={c.event} error={error} onChange={(e) => onChange({ ...c, event: e.currentTarget.value })} data-testid={`${testId}-event`} />
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={t('commOriginal')}
          placeholder={t('commOriginalPlaceholder')}
          value={c.originalDate.text}
          // The number written in the source no longer applies once the date is retyped: it is computed from now on.
          onChange={(e) => onChange({ ...c, originalDate: parseDateRef(e.currentTarget.value), writtenNumber: null, yearDate: null })}
          data-testid={`${testId}-date`}
        />
      </Table.Td>
      <Table.Td>
        <Badge variant="light" tt="none" color={check.computed === null ? 'gray' : check.mismatch ? 'orange' : 'teal'} data-testid={`${testId}-number`}>
          {check.computed === null ? t('commUnknown') : t('commYears', { n: check.computed })}
        </Badge>
        {check.dateInYear && (
          <Text size="xs" c="dimmed">
            {t('commDateInYear', { date: formatDateShort(check.dateInYear) })}
          </Text>
        )}
        {check.problem && c.event !== '' && (
          <Text size="xs" c="orange.8">
            {check.problem}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <ItemControls index={index} count={count} onMove={onMove} onRemove={onRemove} testId={testId} />
      </Table.Td>
    </Table.Tr>
  );
}

/** The phases (đợt) with their dates, the anniversaries and other events each salutes, and its review. */
export function PhasesEditor({ phases, year, onChange, err }: { phases: readonly Phase[]; year: number; onChange(next: Phase[]): void; err(path: string): string | undefined }) {
  const t = useT(m);
  const tp = useT(planMessages);
  const patch = (i: number, p: Partial<Phase>) => {
    const current = phases[i];
    if (current) onChange(replaceAt(phases, i, { ...current, ...p }));
  };
  return (
    <Stack gap="sm">
      <SectionHead title={tp('phases')} hint={t('phasesHint')} action={<AddButton label={t('addPhase')} testId="phase-add" onClick={() => onChange([...phases, newPhase(newItemId('p'), phases)])} />} />
      {phases.length === 0 && <EmptyNote />}
      {phases.map((ph, i) => {
        const testId = `phase-${i}`;
        const setComms = (next: Commemoration[]) => patch(i, { commemorations: next });
        return (
          <Card key={ph.id} withBorder padding="sm" data-testid={testId}>
            <Group justify="space-between" mb={4}>
              <Text fw={600} size="sm">
                {ph.name || t('phaseName')}
              </Text>
              <ItemControls index={i} count={phases.length} onMove={(d) => onChange(moveItem(phases, i, d).map((p, k) => ({ ...p, ordinal: k + 1 })))} onRemove={() => onChange(removeAt(phases, i).map((p, k) => ({ ...p, ordinal: k + 1 })))} testId={testId} />
            </Group>
            <Grid gap="xs" align="flex-start">
              <Grid.Col span={{ base: 12, md: 6 }}>
                <TextInput label={t('phaseName')} withAsterisk value={ph.name} error={err(`phases.${i}.name`)} onChange={(e) => patch(i, { name: e.currentTarget.value })} data-testid={`${testId}-name`} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <DateField label={t('phaseFrom')} value={ph.from.iso} error={err(`phases.${i}.from`)} {...(!ph.from.iso && ph.from.text ? { description: t('asWritten', { text: ph.from.text }) } : {})} onChange={(iso) => patch(i, { from: pickedDate(iso, 'short', ph.from.text) })} data-testid={`${testId}-from`} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <DateField label={t('phaseTo')} value={ph.to.iso} error={err(`phases.${i}.to`)} {...(!ph.to.iso && ph.to.text ? { description: t('asWritten', { text: ph.to.text }) } : {})} onChange={(iso) => patch(i, { to: pickedDate(iso, 'short', ph.to.text) })} data-testid={`${testId}-to`} />
              </Grid.Col>
            </Grid>
            <Divider my="sm" label={t('commemorations')} labelPosition="left" />
            {ph.commemorations.length > 0 && (
              <Table verticalSpacing={4} withRowBorders={false}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('commEvent')}</Table.Th>
                    <Table.Th w={120}>{t('commOriginal')}</Table.Th>
                    <Table.Th w={150}>{t('commNumber', { year })}</Table.Th>
                    <Table.Th w={96} />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ph.commemorations.map((c, j) => (
                    <CommemorationRow
                      key={c.id}
                      c={c}
                      year={year}
                      index={j}
                      count={ph.commemorations.length}
                      testId={`${testId}-comm-${j}`}
                      error={err(`phases.${i}.commemorations.${j}.event`)}
                      onChange={(next) => setComms(replaceAt(ph.commemorations, j, next))}
                      onMove={(d) => setComms(moveItem(ph.commemorations, j, d))}
                      onRemove={() => setComms(removeAt(ph.commemorations, j))}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Group mt={4}>
              <AddButton label={t('addCommemoration')} testId={`${testId}-comm-add`} onClick={() => setComms([...ph.commemorations, newCommemoration(newItemId('c'))])} />
            </Group>
            <Stack gap="xs" mt="sm">
              <TextListEditor title={t('salutes')} items={ph.salutes} onChange={(next) => patch(i, { salutes: next })} addLabel={t('addSalute')} itemLabel={(n) => t('salute', { n })} testId={`${testId}-salutes`} multiline={false} errorAt={(j) => err(`phases.${i}.salutes.${j}`)} />
              <Textarea label={t('phaseClosing')} autosize minRows={1} value={ph.closing} onChange={(e) => patch(i, { closing: e.currentTarget.value })} data-testid={`${testId}-closing`} />
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}
