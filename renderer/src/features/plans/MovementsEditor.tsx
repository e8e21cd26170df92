import { Card, Grid, Group, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { MOVEMENT_KINDS, type Movement, type MovementKind } from '../../../../shared/plans/model.js';
import { moveItem, newMovement, parseMovementPeriod, removeAt, replaceAt } from '../../../../shared/plans/edit.js';
import { useT } from '../../i18n/language.js';
import { planMessages } from './messages.js';
import { editorMessages as m } from './editor-messages.js';
import { AddButton, EmptyNote, ItemControls, SectionHead, newItemId } from './EditorParts.js';

/** The movements a plan launches: kind, name, period as written, description. */
export function MovementsEditor({ movements, onChange, err }: { movements: readonly Movement[]; onChange(next: Movement[]): void; err(path: string): string | undefined }) {
  const t = useT(m);
  const tp = useT(planMessages);
  const patch = (i: number, p: Partial<Movement>) => {
    const current = movements[i];
    if (current) onChange(replaceAt(movements, i, { ...current, ...p }));
  };
  return (
    <Stack gap="sm">
      <SectionHead title={tp('movements')} hint={t('movementsHint')} action={<AddButton label={t('addMovement')} testId="mv-add" onClick={() => onChange([...movements, newMovement(newItemId('m'))])} />} />
      {movements.length === 0 && <EmptyNote />}
      {movements.map((mv, i) => (
        <Card key={mv.id} withBorder padding="sm" data-testid={`mv-${i}`}>
          <Group justify="space-between" mb={4}>
            <Text fw={600} size="sm">
              {t('movement', { n: i + 1 })}
            </Text>
            <ItemControls index={i} count={movements.length} onMove={(d) => onChange(moveItem(movements, i, d))} onRemove={() => onChange(removeAt(movements, i))} testId={`mv-${i}`} />
          </Group>
          <Grid gap="xs">
            <Grid.Col span={{ base: 12, md: 3 }}>
              <Select
                label={t('movementKind')}
                data={MOVEMENT_KINDS.map((k) => ({ value: k, label: tp(`kind_${k}`) }))}
                value={mv.kind}
                allowDeselect={false}
                onChange={(v) => patch(i, { kind: (v ?? 'regular') as MovementKind })}
                data-testid={`mv-${i}-kind`}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <Textarea label={t('movementName')} withAsterisk autosize minRows={1} value={mv.name} error={err(`movements.${i}.name`)} onChange={(e) => patch(i, { name: e.currentTarget.value })} data-testid={`mv-${i}-name`} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 3 }}>
              <TextInput
                label={t('movementPeriod')}
                placeholder={t('movementPeriodHint')}
                value={mv.periodText ?? ''}
                error={err(`movements.${i}.periodText`)}
                description={mv.fromYear !== null ? t('movementPeriodYears', { from: mv.fromYear, to: mv.toYear ?? mv.fromYear }) : undefined}
                // Keep the text as typed (spaces around the dash); only the years are read from it.
                onChange={(e) => {
                  const raw = e.currentTarget.value;
                  patch(i, { ...parseMovementPeriod(raw), periodText: raw === '' ? null : raw });
                }}
                data-testid={`mv-${i}-period`}
              />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea label={t('movementDescription')} autosize minRows={2} maxRows={10} value={mv.description} onChange={(e) => patch(i, { description: e.currentTarget.value })} data-testid={`mv-${i}-description`} />
            </Grid.Col>
          </Grid>
        </Card>
      ))}
    </Stack>
  );
}
