import { Alert, Button, Group, Modal, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Switch, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { AwardsConfig } from '../../../../shared/api/methods/awards.js';
import type { AwardKind } from '../../../../shared/awards/types.js';
import { apiErrorDetails } from '../../api/errors.js';
import { useApi } from '../../api/hooks.js';
import { DateField } from '../../forms/DateField.js';
import { useT } from '../../i18n/language.js';
import { awardsMessages as m } from './messages.js';
import { registerChoices } from './register-choices.js';

type KindDraft = Omit<AwardKind, 'id' | 'version' | 'coefficient'> & { coefficient: number | string };

const EMPTY: KindDraft = {
  code: '',
  name: '',
  category: 'form',
  subject: 'person',
  coefficient: '',
  validFrom: null,
  validTo: null,
  source: '',
  confidence: 'certain',
  note: null,
  registerId: null,
  active: true,
};

/**
 * A title or form of award as data: an office adds the ones its rules name
 * (e.g. a Giấy khen of the Director of a Department) or corrects a name, its
 * dates of validity, its legal source and how sure that source is.
 */
export function KindForm({ config, kind, opened, onClose }: { config: AwardsConfig; kind: AwardKind | null; opened: boolean; onClose(): void }) {
  const t = useT(m);
  const api = useApi();
  const [draft, setDraft] = useState<KindDraft>(() => (kind ? { ...kind } : EMPTY));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const set = <K extends keyof KindDraft>(k: K, v: KindDraft[K]) => setDraft((d) => ({ ...d, [k]: v }));

  const save = async () => {
    setSaving(true);
    setErrors({});
    setFailure(null);
    try {
      await api.call('awards.saveKind', {
        ...(kind ? { id: kind.id } : {}),
        code: draft.code.trim().toUpperCase(),
        name: draft.name,
        category: draft.category,
        subject: draft.subject,
        // An empty box is sent as it is, so the store answers "Hệ số phải là số." under the field.
        coefficient: draft.coefficient === '' ? Number.NaN : Number(draft.coefficient),
        validFrom: draft.validFrom,
        validTo: draft.validTo,
        source: draft.source,
        confidence: draft.confidence,
        note: draft.note,
        registerId: draft.registerId,
        active: draft.active,
      });
      notifications.show({ color: 'teal', message: t('kindSaved') });
      onClose();
    } catch (error) {
      // Shown inside the dialog: a notification would sit over its buttons.
      const details = apiErrorDetails(error);
      setErrors(details.fields);
      setFailure(details.message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title={kind ? t('kindEdit', { name: kind.name }) : t('kindNew')} size="lg" centered>
      <Stack gap="sm" data-testid="kind-form">
        <SimpleGrid cols={2}>
          <TextInput label={t('kindCode')} description={t('kindCodeHint')} value={draft.code} onChange={(e) => set('code', e.currentTarget.value.toUpperCase())} error={errors.code} disabled={kind !== null} data-testid="kind-code" />
          <NumberInput label={t('coefficient')} description={t('coefficientHint')} value={draft.coefficient} onChange={(v) => set('coefficient', v)} decimalScale={3} decimalSeparator="," step={0.05} min={0} error={errors.coefficient} data-testid="kind-coefficient" />
        </SimpleGrid>
        <TextInput label={t('kindName')} value={draft.name} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} data-testid="kind-name" />
        <SimpleGrid cols={2}>
          <SegmentedControl
            fullWidth
            data={[
              { value: 'form', label: t('kindForm') },
              { value: 'title', label: t('kindTitle') },
            ]}
            value={draft.category}
            onChange={(v) => set('category', v as AwardKind['category'])}
            disabled={kind !== null}
          />
          <SegmentedControl
            fullWidth
            data={[
              { value: 'person', label: t('person') },
              { value: 'collective', label: t('collective') },
            ]}
            value={draft.subject}
            onChange={(v) => set('subject', v as AwardKind['subject'])}
            disabled={kind !== null}
            data-testid="kind-subject"
          />
        </SimpleGrid>
        <SimpleGrid cols={2}>
          <DateField label={t('validFrom')} value={draft.validFrom} onChange={(v) => set('validFrom', v)} error={errors.validFrom} />
          <DateField label={t('validTo')} value={draft.validTo} onChange={(v) => set('validTo', v)} error={errors.validTo} />
        </SimpleGrid>
        <TextInput label={t('kindSource')} placeholder={t('kindSourcePh')} value={draft.source} onChange={(e) => set('source', e.currentTarget.value)} error={errors.source} data-testid="kind-source" />
        <SimpleGrid cols={2}>
          <Select
            label={t('confidence')}
            data={[
              { value: 'certain', label: t('certain') },
              { value: 'likely', label: t('likely') },
              { value: 'unsure', label: t('unsure') },
            ]}
            value={draft.confidence}
            onChange={(v) => v && set('confidence', v as AwardKind['confidence'])}
            allowDeselect={false}
          />
          <Select
            label={t('registerOfKind')}
            data={registerChoices(config.registers, draft.registerId)}
            value={draft.registerId ?? config.registers.find((r) => r.isDefault)?.id ?? null}
            onChange={(v) => set('registerId', v)}
            allowDeselect={false}
          />
        </SimpleGrid>
        <Textarea label={t('kindNote')} autosize minRows={2} value={draft.note ?? ''} onChange={(e) => set('note', e.currentTarget.value || null)} error={errors.note} />
        <Switch label={t('kindActive')} checked={draft.active} onChange={(e) => set('active', e.currentTarget.checked)} />
        {failure ? (
          <Alert color="red" data-testid="kind-error">
            {failure}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button onClick={() => void save()} loading={saving} data-testid="kind-save">
            {t('save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
