import { Button, Group, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { GENDERS, GENDER_LABELS, PERSON_STATUSES, PERSON_STATUS_LABELS, STAFF_CATEGORIES, STAFF_CATEGORY_LABELS, type Gender, type Person, type PersonStatus, type StaffCategory } from '../../../../shared/domain/people.js';
import type { Unit } from '../../../../shared/domain/units.js';
import { showApiError } from '../../api/errors.js';
import { useCommand } from '../../api/hooks.js';
import { DraftBanner } from '../../drafts/DraftBanner.js';
import { formatDraftTime } from '../../drafts/time.js';
import { useDraft } from '../../drafts/useDraft.js';
import { DateField } from '../../forms/DateField.js';
import { useForm } from '../../forms/useForm.js';
import { useLanguage, useT } from '../../i18n/language.js';
import { pick } from '../../i18n/messages.js';
import { peopleMessages as m } from './messages.js';

export function personDraftKey(person: Person | null): string {
  return person ? `people.edit:${person.id}` : 'people.new';
}

function initialValues(person: Person | null, defaultUnitId: string | null) {
  return {
    fullName: person?.fullName ?? '',
    gender: (person?.gender ?? null) as Gender | null,
    birthDate: person?.birthDate ?? null,
    position: person?.position ?? '',
    staffCategory: (person?.staffCategory ?? 'cong_chuc') as StaffCategory | null,
    unitId: person?.unitId ?? defaultUnitId,
    startDate: person?.startDate ?? null,
    status: (person?.status ?? 'working') as PersonStatus | null,
    note: person?.note ?? '',
  };
}

/** Create or edit one person; autosaved as a draft while typing. Mounted fresh for each person opened. */
export function PersonForm({ person, units, defaultUnitId, onDone }: { person: Person | null; units: Unit[]; defaultUnitId: string | null; onDone(): void }) {
  const t = useT(m);
  const { lang } = useLanguage();
  const form = useForm(initialValues(person, defaultUnitId));
  const draft = useDraft(personDraftKey(person), person ? t('editTitle', { name: person.fullName }) : t('draftNew'), form.values);
  const create = useCommand('people.create');
  const update = useCommand('people.update');

  const save = async () => {
    const v = form.values;
    const fields = {
      fullName: v.fullName,
      gender: v.gender as Gender,
      birthDate: v.birthDate,
      position: v.position,
      staffCategory: v.staffCategory as StaffCategory,
      unitId: v.unitId ?? '',
      startDate: v.startDate,
      status: v.status ?? 'working',
      note: v.note,
    };
    try {
      const saved = person ? await update.run({ ...fields, id: person.id, expectedVersion: person.version }) : await create.run(fields);
      await draft.clear();
      notifications.show({ color: 'teal', message: t('saved', { name: saved.fullName }) });
      onDone();
    } catch (error) {
      showApiError(error, form);
    }
  };

  const unitOptions = units.filter((u) => u.status === 'active' || u.id === person?.unitId).map((u) => ({ value: u.id, label: u.name }));

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      data-testid="person-form"
    >
      <Stack gap="md">
        <DraftBanner draft={draft} onRestore={(data) => form.setValues({ ...form.values, ...data })} />
        <TextInput label={t('fullName')} withAsterisk data-autofocus data-testid="person-fullName" {...form.text('fullName')} />
        <SimpleGrid cols={2}>
          <Select
            label={t('gender')}
            withAsterisk
            allowDeselect={false}
            data={GENDERS.map((g) => ({ value: g, label: pick(GENDER_LABELS[g], lang) }))}
            data-testid="person-gender"
            {...form.field('gender')}
            onChange={(v) => form.setValue('gender', v as Gender | null)}
          />
          <DateField label={t('birthDate')} data-testid="person-birthDate" {...form.field('birthDate')} />
        </SimpleGrid>
        <TextInput label={t('position')} placeholder={t('positionPh')} data-testid="person-position" {...form.text('position')} />
        <Select
          label={t('staffCategory')}
          withAsterisk
          allowDeselect={false}
          data={STAFF_CATEGORIES.map((c) => ({ value: c, label: pick(STAFF_CATEGORY_LABELS[c], lang) }))}
          data-testid="person-staffCategory"
          {...form.field('staffCategory')}
          onChange={(v) => form.setValue('staffCategory', v as StaffCategory | null)}
        />
        <Select label={t('unit')} withAsterisk allowDeselect={false} searchable data={unitOptions} data-testid="person-unit" {...form.field('unitId')} onChange={(v) => form.setValue('unitId', v)} />
        <SimpleGrid cols={2}>
          <DateField label={t('startDate')} data-testid="person-startDate" {...form.field('startDate')} />
          <Select
            label={t('status')}
            allowDeselect={false}
            data={PERSON_STATUSES.map((s) => ({ value: s, label: pick(PERSON_STATUS_LABELS[s], lang) }))}
            data-testid="person-status"
            {...form.field('status')}
            onChange={(v) => form.setValue('status', v as PersonStatus | null)}
          />
        </SimpleGrid>
        <Textarea label={t('note')} autosize minRows={2} maxRows={6} {...form.text('note')} />
        <Group justify="space-between" mt="sm">
          <Text size="xs" c="dimmed" data-testid="draft-status">
            {draft.lastSavedAt ? t('draftSaved', { time: formatDraftTime(draft.lastSavedAt, new Date()) }) : ''}
          </Text>
          <Group>
            <Button variant="default" onClick={onDone}>
              {t('cancel')}
            </Button>
            <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={create.running || update.running} data-testid="person-save">
              {t('save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
