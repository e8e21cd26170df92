import { ActionIcon, Button, Card, Grid, Group, NumberInput, Select, SimpleGrid, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { DEADLINE_KINDS, DEADLINE_KIND_LABELS, SIGN_FORMS, type DateRef, type DeadlineKind, type PlanContent } from '../../../../shared/plans/model.js';
import { formatDateLong } from '../../../../shared/vi/dates.js';
import { DateField } from '../../forms/DateField.js';
import { useT } from '../../i18n/language.js';
import { planMessages as m } from './messages.js';

/** A day picked in the form, written the way a plan writes it. */
export function pickedDate(iso: string | null, style: 'long' | 'short', keepText = ''): DateRef {
  if (!iso) return { text: keepText, iso: null, precision: 'none' };
  const [y, mo, d] = iso.split('-').map(Number) as [number, number, number];
  const text = style === 'long' ? formatDateLong(iso) : `${String(d).padStart(2, '0')}/${mo <= 2 ? String(mo).padStart(2, '0') : mo}/${y}`;
  return { text, iso, precision: 'day' };
}

/**
 * The short form used beside the source text when importing: the document's
 * identity, the phase dates and the deadlines. The full editor (PlanEditor)
 * uses the same parts in its sections.
 */
export function PlanFields({ value, onChange, errors }: { value: PlanContent; onChange(next: PlanContent): void; errors?: Record<string, string> }) {
  const t = useT(m);
  const set = (patch: Partial<PlanContent>) => onChange({ ...value, ...patch });
  const err = (path: string) => errors?.[path] ?? errors?.[`content.${path}`];
  return (
    <Stack gap="sm">
      <IdentityFields value={value} set={set} err={err} />
      {value.phases.length > 0 && (
        <>
          <Title order={5}>{t('phases')}</Title>
          {value.phases.map((ph, i) => (
            <SimpleGrid key={ph.id} cols={{ base: 1, md: 3 }}>
              <Text fw={600} pt="xl">
                {ph.name}
              </Text>
              <DateField label={t('from')} value={ph.from.iso} error={err(`phases.${i}.from`)} onChange={(iso) => set({ phases: value.phases.map((p, j) => (j === i ? { ...p, from: pickedDate(iso, 'short') } : p)) })} />
              <DateField label={t('to')} value={ph.to.iso} error={err(`phases.${i}.to`)} onChange={(iso) => set({ phases: value.phases.map((p, j) => (j === i ? { ...p, to: pickedDate(iso, 'short') } : p)) })} />
            </SimpleGrid>
          ))}
        </>
      )}
      <DeadlinesTable value={value} set={set} err={err} />
    </Stack>
  );
}

type FieldsProps = { value: PlanContent; set(patch: Partial<PlanContent>): void; err(path: string): string | undefined };

/** The document's identity: header, number and symbol, place and date, year, summary, theme, signer. */
export function IdentityFields({ value, set, err }: FieldsProps) {
  const t = useT(m);
  const signer = value.signer ?? { form: '' as const, authority: null, title: '', name: null, extraLines: [] };
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <TextInput label={t('parentBody')} value={value.header.parentBody ?? ''} onChange={(e) => set({ header: { ...value.header, parentBody: e.currentTarget.value || null } })} data-testid="plan-parentBody" />
        <TextInput label={t('issuingBody')} withAsterisk value={value.header.issuingBody} error={err('header.issuingBody')} onChange={(e) => set({ header: { ...value.header, issuingBody: e.currentTarget.value } })} data-testid="plan-issuingBody" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <TextInput label={t('number')} value={value.ref.number} error={err('ref.number')} onChange={(e) => set({ ref: { ...value.ref, number: e.currentTarget.value } })} data-testid="plan-number" />
        <TextInput label={t('symbol')} withAsterisk value={value.ref.symbol} error={err('ref.symbol')} onChange={(e) => set({ ref: { ...value.ref, symbol: e.currentTarget.value } })} data-testid="plan-symbol" />
        <TextInput label={t('place')} withAsterisk value={value.ref.place} error={err('ref.place')} onChange={(e) => set({ ref: { ...value.ref, place: e.currentTarget.value } })} data-testid="plan-place" />
        <DateField label={t('date')} value={value.ref.date.iso} error={err('ref.date')} {...(value.ref.date.iso ? {} : { description: value.ref.date.text })} onChange={(iso) => set({ ref: { ...value.ref, date: pickedDate(iso, 'long', value.ref.date.text) } })} data-testid="plan-date" />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 4 }}>
        <NumberInput label={t('planYear')} value={value.year} min={1945} max={2200} onChange={(v) => set({ year: Number(v) || value.year })} data-testid="plan-year" />
        <Textarea label={t('summary')} withAsterisk autosize minRows={1} value={value.summary} error={err('summary')} onChange={(e) => set({ summary: e.currentTarget.value })} style={{ gridColumn: 'span 3' }} data-testid="plan-summary" />
      </SimpleGrid>
      <Textarea label={t('theme')} autosize minRows={1} value={value.theme ?? ''} onChange={(e) => set({ theme: e.currentTarget.value || null })} data-testid="plan-theme" />
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Select label={t('signerForm')} data={SIGN_FORMS.map((f) => ({ value: f, label: f === '' ? '—' : f }))} value={signer.form} allowDeselect={false} onChange={(v) => set({ signer: { ...signer, form: (v ?? '') as typeof signer.form } })} data-testid="plan-signer-form" />
        <TextInput label={t('signerAuthority')} value={signer.authority ?? ''} onChange={(e) => set({ signer: { ...signer, authority: e.currentTarget.value || null } })} data-testid="plan-signer-authority" />
        <TextInput label={t('signerTitle')} withAsterisk value={signer.title} error={err('signer')} onChange={(e) => set({ signer: { ...signer, title: e.currentTarget.value } })} data-testid="plan-signer-title" />
        <TextInput label={t('signerName')} value={signer.name ?? ''} error={err('signer.name')} onChange={(e) => set({ signer: { ...signer, name: e.currentTarget.value || null } })} data-testid="plan-signer-name" />
      </SimpleGrid>
    </Stack>
  );
}

/** The deadlines table: kind, what to do, due date, who it applies to. */
export function DeadlinesTable({ value, set, err }: FieldsProps) {
  const t = useT(m);
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={5}>{t('deadlines')}</Title>
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} />}
          onClick={() => set({ deadlines: [...value.deadlines, { id: `n${Date.now().toString(36)}`, kind: 'other', title: '', due: { text: '', iso: null, precision: 'none' }, appliesTo: [], sendTo: null, source: '' }] })}
          data-testid="plan-add-deadline"
        >
          {t('addDeadline')}
        </Button>
      </Group>
      {value.deadlines.length === 0 && (
        <Text size="sm" c="dimmed" fs="italic">
          {t('noDeadlines')}
        </Text>
      )}
      {value.deadlines.map((d, i) => {
        const patch = (p: Partial<typeof d>) => set({ deadlines: value.deadlines.map((x, j) => (j === i ? { ...x, ...p } : x)) });
        return (
          <Card key={d.id} withBorder padding="xs" data-testid={`plan-deadline-${i}`}>
            <Grid gap="xs" align="flex-start">
              <Grid.Col span={{ base: 12, md: 4 }}>
                <Select size="xs" label={t('deadlineKind')} data={DEADLINE_KINDS.map((k) => ({ value: k, label: DEADLINE_KIND_LABELS[k] }))} value={d.kind} allowDeselect={false} onChange={(v) => patch({ kind: (v ?? 'other') as DeadlineKind })} />
              </Grid.Col>
              <Grid.Col span={{ base: 11, md: 7 }}>
                <Textarea size="xs" label={t('deadlineTitle')} withAsterisk autosize minRows={1} maxRows={4} value={d.title} error={err(`deadlines.${i}.title`)} onChange={(e) => patch({ title: e.currentTarget.value })} data-testid={`plan-deadline-title-${i}`} />
              </Grid.Col>
              <Grid.Col span={1}>
                <Group justify="flex-end" pt={22}>
                  <ActionIcon variant="subtle" color="red" aria-label={t('remove')} onClick={() => set({ deadlines: value.deadlines.filter((_, j) => j !== i) })} data-testid={`plan-deadline-remove-${i}`}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 3 }}>
                <DateField label={t('due')} value={d.due.iso} error={err(`deadlines.${i}.due`)} {...(d.due.iso ? {} : { description: d.due.text || t('noDate') })} onChange={(iso) => patch({ due: pickedDate(iso, 'short', d.due.text) })} data-testid={`plan-deadline-due-${i}`} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 5 }}>
                {/* One tag per level or body; Enter or ";" closes a tag (a plain text field dropped the ";" while typing). */}
                <TagsInput size="xs" label={t('appliesTo')} value={d.appliesTo} splitChars={[';']} onChange={(v) => patch({ appliesTo: v })} data-testid={`plan-deadline-appliesTo-${i}`} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <TextInput size="xs" label={t('sendTo')} placeholder={t('sendToPlaceholder')} value={d.sendTo ?? ''} onChange={(e) => patch({ sendTo: e.currentTarget.value || null })} data-testid={`plan-deadline-sendTo-${i}`} />
              </Grid.Col>
            </Grid>
          </Card>
        );
      })}
    </Stack>
  );
}
