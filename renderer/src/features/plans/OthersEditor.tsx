import { Card, Grid, Group, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import type { PlanContent, Responsibility, TitleAward } from '../../../../shared/plans/model.js';
import { moveItem, removeAt, replaceAt } from '../../../../shared/plans/edit.js';
import { useT } from '../../i18n/language.js';
import { editorMessages as m } from './editor-messages.js';
import { AddButton, EmptyNote, ItemControls, SectionHead, TextListEditor } from './EditorParts.js';

type Err = (path: string) => string | undefined;

/** Căn cứ, mục đích, yêu cầu. */
export function BasesEditor({ value, set, err }: { value: PlanContent; set(patch: Partial<PlanContent>): void; err: Err }) {
  const t = useT(m);
  return (
    <Stack gap="lg">
      <Textarea label={t('preamble')} description={t('preambleHint')} autosize minRows={2} maxRows={8} value={value.preamble} error={err('preamble')} onChange={(e) => set({ preamble: e.currentTarget.value })} data-testid="plan-preamble" />
      <TextListEditor title={t('legalBases')} hint={t('legalBasesHint')} items={value.legalBases} onChange={(legalBases) => set({ legalBases })} addLabel={t('addLegalBasis')} itemLabel={(n) => t('legalBasis', { n })} testId="bases" errorAt={(i) => err(`legalBases.${i}`)} />
      <TextListEditor title={t('purposes')} items={value.purposes} onChange={(purposes) => set({ purposes })} addLabel={t('addPurpose')} itemLabel={(n) => t('purpose', { n })} testId="purposes" errorAt={(i) => err(`purposes.${i}`)} />
      <TextListEditor title={t('requirements')} items={value.requirements} onChange={(requirements) => set({ requirements })} addLabel={t('addRequirement')} itemLabel={(n) => t('requirement', { n })} testId="requirements" errorAt={(i) => err(`requirements.${i}`)} />
    </Stack>
  );
}

/** Đối tượng thi đua (tập thể, cá nhân) and the titles and awards competed for (An Giang 2021). */
export function SubjectsEditor({ value, set, err }: { value: PlanContent; set(patch: Partial<PlanContent>): void; err: Err }) {
  const t = useT(m);
  const subjects = value.subjects ?? { collectives: '', individuals: '' };
  // Both empty means the plan names no subjects: stored as null, as the seeds without a list are.
  const setSubjects = (next: typeof subjects) => set({ subjects: next.collectives.trim() === '' && next.individuals.trim() === '' ? null : next });
  const titles = value.titles;
  const patch = (i: number, p: Partial<TitleAward>) => {
    const current = titles[i];
    if (current) set({ titles: replaceAt(titles, i, { ...current, ...p }) });
  };
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <SectionHead title={t('subjects')} />
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Textarea label={t('subjectsCollectives')} autosize minRows={2} maxRows={8} value={subjects.collectives} onChange={(e) => setSubjects({ ...subjects, collectives: e.currentTarget.value })} data-testid="subjects-collectives" />
          <Textarea label={t('subjectsIndividuals')} autosize minRows={2} maxRows={8} value={subjects.individuals} onChange={(e) => setSubjects({ ...subjects, individuals: e.currentTarget.value })} data-testid="subjects-individuals" />
        </SimpleGrid>
      </Stack>
      <Stack gap="xs">
        <SectionHead title={t('titles')} action={<AddButton label={t('addTitle')} testId="titles-add" onClick={() => set({ titles: [...titles, { kind: 'title', name: '', recipients: '' }] })} />} />
        {titles.length === 0 && <EmptyNote />}
        {titles.map((ti, i) => (
          <Card key={i} withBorder padding="sm" data-testid={`titles-${i}`}>
            <Grid gap="xs" align="flex-end">
              <Grid.Col span={{ base: 12, md: 4 }}>
                <Text size="sm" fw={500} mb={4}>
                  {t('titleKind')}
                </Text>
                <SegmentedControl
                  size="xs"
                  fullWidth
                  data={[
                    { value: 'title', label: t('kindTitle') },
                    { value: 'award', label: t('kindAward') },
                  ]}
                  value={ti.kind}
                  onChange={(v) => patch(i, { kind: v === 'award' ? 'award' : 'title' })}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <TextInput label={t('titleName')} withAsterisk value={ti.name} error={err(`titles.${i}.name`)} onChange={(e) => patch(i, { name: e.currentTarget.value })} data-testid={`titles-${i}-name`} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 2 }}>
                <Group justify="flex-end" pb={4}>
                  <ItemControls index={i} count={titles.length} onMove={(d) => set({ titles: moveItem(titles, i, d) })} onRemove={() => set({ titles: removeAt(titles, i) })} testId={`titles-${i}`} />
                </Group>
              </Grid.Col>
              <Grid.Col span={12}>
                <Textarea label={t('titleRecipients')} autosize minRows={1} maxRows={6} value={ti.recipients} onChange={(e) => patch(i, { recipients: e.currentTarget.value })} data-testid={`titles-${i}-recipients`} />
              </Grid.Col>
            </Grid>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}

/** Who does what (trách nhiệm thực hiện), the nơi nhận list and the closing line. */
export function ResponsibilitiesEditor({ value, set, err }: { value: PlanContent; set(patch: Partial<PlanContent>): void; err: Err }) {
  const t = useT(m);
  const list = value.responsibilities;
  const patch = (i: number, p: Partial<Responsibility>) => {
    const current = list[i];
    if (current) set({ responsibilities: replaceAt(list, i, { ...current, ...p }) });
  };
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <SectionHead title={t('responsibilities')} action={<AddButton label={t('addResponsibility')} testId="resp-add" onClick={() => set({ responsibilities: [...list, { party: '', duties: [''] }] })} />} />
        {list.length === 0 && <EmptyNote />}
        {list.map((r, i) => (
          <Card key={i} withBorder padding="sm" data-testid={`resp-${i}`}>
            <Group align="flex-start" wrap="nowrap" gap="xs">
              <Textarea label={t('party')} withAsterisk autosize minRows={1} style={{ flex: 1 }} value={r.party} error={err(`responsibilities.${i}.party`)} onChange={(e) => patch(i, { party: e.currentTarget.value })} data-testid={`resp-${i}-party`} />
              <Group pt={26}>
                <ItemControls index={i} count={list.length} onMove={(d) => set({ responsibilities: moveItem(list, i, d) })} onRemove={() => set({ responsibilities: removeAt(list, i) })} testId={`resp-${i}`} />
              </Group>
            </Group>
            <Stack mt="xs" ml="md">
              <TextListEditor title={t('duties')} items={r.duties} onChange={(duties) => patch(i, { duties })} addLabel={t('addDuty')} itemLabel={(n) => t('duty', { n })} testId={`resp-${i}-duties`} />
            </Stack>
          </Card>
        ))}
      </Stack>
      <TextListEditor title={t('addressees')} hint={t('addressesHint')} items={value.addressees} onChange={(addressees) => set({ addressees })} addLabel={t('addAddressee')} itemLabel={(n) => t('addressee', { n })} testId="addressees" multiline={false} errorAt={(i) => err(`addressees.${i}`)} />
      <Textarea label={t('closing')} autosize minRows={1} value={value.closing} onChange={(e) => set({ closing: e.currentTarget.value })} data-testid="plan-closing" />
    </Stack>
  );
}
