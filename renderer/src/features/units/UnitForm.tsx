import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { HISTORICAL_LEVELS, UNIT_LEVELS, UNIT_LEVEL_LABELS, unitSubtreeIds, type Unit, type UnitLevel } from '../../../../shared/domain/units.js';
import { showApiError } from '../../api/errors.js';
import { useCommand } from '../../api/hooks.js';
import { DraftBanner } from '../../drafts/DraftBanner.js';
import { useDraft } from '../../drafts/useDraft.js';
import { DateField } from '../../forms/DateField.js';
import { useForm } from '../../forms/useForm.js';
import { useLanguage, useT } from '../../i18n/language.js';
import { pick } from '../../i18n/messages.js';
import { unitMessages as m } from './messages.js';

function initialValues(unit: Unit | null, parentId: string | null) {
  return {
    name: unit?.name ?? '',
    shortName: unit?.shortName ?? '',
    level: (unit?.level ?? null) as UnitLevel | null,
    parentId: unit ? unit.parentId : parentId,
    parentName: unit?.parentName ?? '',
    province: unit?.province ?? '',
    placeName: unit?.placeName ?? '',
    validFrom: unit?.validFrom ?? null,
    validTo: unit?.validTo ?? null,
  };
}

/** Create or edit a unit; a unit cannot be put under itself or one of its own sub-units. */
export function UnitForm({ unit, parentId, units, onDone }: { unit: Unit | null; parentId: string | null; units: Unit[]; onDone(): void }) {
  const t = useT(m);
  const { lang } = useLanguage();
  const form = useForm(initialValues(unit, parentId));
  const draft = useDraft(unit ? `units.edit:${unit.id}` : 'units.new', unit ? t('editTitle', { name: unit.name }) : t('draftNew'), form.values);
  const create = useCommand('units.create');
  const update = useCommand('units.update');
  const excluded = unit ? unitSubtreeIds(units, unit.id) : new Set<string>();

  const save = async () => {
    const fields = { ...form.values, level: form.values.level as UnitLevel };
    try {
      const saved = unit ? await update.run({ ...fields, id: unit.id, expectedVersion: unit.version }) : await create.run(fields);
      await draft.clear();
      notifications.show({ color: 'teal', message: t('saved', { name: saved.name }) });
      onDone();
    } catch (error) {
      showApiError(error, form);
    }
  };

  const historical = form.values.level !== null && HISTORICAL_LEVELS.includes(form.values.level);

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      data-testid="unit-form"
    >
      <Stack gap="md">
        <DraftBanner draft={draft} onRestore={(data) => form.setValues({ ...form.values, ...data })} />
        <TextInput label={t('name')} withAsterisk data-autofocus data-testid="unit-name" {...form.text('name')} />
        <SimpleGrid cols={2}>
          <Select
            label={t('level')}
            withAsterisk
            allowDeselect={false}
            data={UNIT_LEVELS.map((l) => ({ value: l, label: pick(UNIT_LEVEL_LABELS[l], lang) }))}
            data-testid="unit-level"
            {...form.field('level')}
            onChange={(v) => form.setValue('level', v as UnitLevel | null)}
          />
          <TextInput label={t('shortName')} {...form.text('shortName')} />
        </SimpleGrid>
        <Select
          label={t('parent')}
          placeholder={t('parentNone')}
          clearable
          searchable
          data={units.filter((u) => !excluded.has(u.id)).map((u) => ({ value: u.id, label: u.name }))}
          data-testid="unit-parent"
          {...form.field('parentId')}
          onChange={(v) => form.setValue('parentId', v)}
        />
        <TextInput label={t('parentName')} description={t('parentNameHint')} {...form.text('parentName')} />
        <SimpleGrid cols={2}>
          <TextInput label={t('province')} {...form.text('province')} />
          <TextInput label={t('placeName')} {...form.text('placeName')} />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <DateField label={t('validFrom')} {...form.field('validFrom')} />
          <DateField label={t('validTo')} {...(historical ? { description: t('validToHint') } : {})} {...form.field('validTo')} />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('cancel')}
          </Button>
          <Button type="submit" leftSection={<IconDeviceFloppy size={18} />} loading={create.running || update.running} data-testid="unit-save">
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
