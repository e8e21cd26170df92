import { ActionIcon, Alert, Button, Card, Group, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconTrash, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import type { AwardsConfig } from '../../../../shared/api/methods/awards.js';
import type { Input } from '../../../../shared/api/contract.js';
import { computePrize, formatMoney } from '../../../../shared/awards/prize.js';
import { SIGN_MODES, type DecisionWithItems, type SignMode } from '../../../../shared/awards/types.js';
import { showApiError } from '../../api/errors.js';
import { DateField } from '../../forms/DateField.js';
import { useApi, useQuery } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { awardsMessages as m } from './messages.js';
import { ItemsImportDialog } from './ItemsImportDialog.js';
import { AUTHORITY_KINDS, AUTHORITY_KIND_LABELS, checkAuthority, type AuthorityFinding, type AuthorityKind } from '../../../../shared/awards/authority.js';
import { pick } from '../../i18n/messages.js';
import { localIsoDate } from '../../../../shared/vi/dates.js';
import { useLanguage } from '../../i18n/language.js';
import { authorityMessages } from './authority-messages.js';

type DecisionForm = Omit<Input<'awards.createDecision'>, 'items' | 'legalBases' | 'recipients'> & { legalBases: string; recipients: string };
interface ItemForm {
  key: number;
  recipientKind: 'person' | 'collective';
  personId: string | null;
  unitId: string | null;
  recipientName: string | null;
  recipientPosition: string | null;
  recipientUnitName: string | null;
  awardKindId: string;
  achievement: string;
}

function today(): string {
  return localIsoDate(new Date());
}

function initialForm(config: AwardsConfig, existing: DecisionWithItems | null): DecisionForm {
  const d = existing?.decision;
  const def = config.decisionDefaults;
  return {
    symbol: d?.symbol ?? def.symbol,
    decisionDate: d?.decisionDate ?? today(),
    place: d?.place ?? def.place,
    parentBody: d?.parentBody ?? def.parentBody,
    issuerName: d?.issuerName ?? def.issuerName,
    authorityTitle: d?.authorityTitle ?? def.authorityTitle,
    signMode: d?.signMode ?? 'KT.',
    signHeadTitle: d?.signHeadTitle ?? 'CHỦ TỊCH',
    signerTitle: d?.signerTitle ?? 'PHÓ CHỦ TỊCH',
    signerName: d?.signerName ?? '',
    subject: d?.subject ?? 'Về việc tặng Giấy khen cho cá nhân, tập thể có thành tích xuất sắc',
    legalBases: (d?.legalBases ?? def.legalBases).join('\n'),
    executionText: d?.executionText ?? def.executionText,
    recipients: (d?.recipients ?? def.recipients).join('\n'),
  };
}

/** Create or edit a draft decision with its list of awards; prizes are shown as they will be computed. */
export function DecisionEditor({
  config,
  existing,
  authorityKind: storedAuthority = null,
  onSaved,
  onClose,
}: {
  config: AwardsConfig;
  existing: DecisionWithItems | null;
  /** The authority the draft was saved under (null for a new decision: the office's usual one). */
  authorityKind?: AuthorityKind | null;
  onSaved(d: DecisionWithItems): void;
  onClose(): void;
}) {
  const t = useT(m);
  const ta = useT(authorityMessages);
  const { lang } = useLanguage();
  const authorityRules = useQuery('awards.authorityRules', {}, { tables: ['award_authority_rules', 'units'] });
  const [chosenAuthority, setChosenAuthority] = useState<AuthorityKind | null>(storedAuthority);
  const authorityKind = chosenAuthority ?? authorityRules.data?.defaultAuthorityKind ?? null;
  const api = useApi();
  const people = useQuery('people.list', {}, { tables: ['people'] });
  const [form, setForm] = useState<DecisionForm>(() => initialForm(config, existing));
  const [items, setItems] = useState<ItemForm[]>(() =>
    (existing?.items ?? []).map((it, i) => ({
      key: i,
      recipientKind: it.recipientKind,
      personId: it.personId,
      unitId: it.unitId,
      recipientName: it.recipientKind === 'collective' ? it.recipientName : null,
      // As saved: the records' position at the last save, or the one typed (or imported) for this award.
      recipientPosition: it.recipientKind === 'person' ? it.recipientPosition : null,
      recipientUnitName: it.recipientKind === 'collective' ? it.recipientUnitName : null,
      awardKindId: it.awardKindId,
      achievement: it.achievement,
    })),
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const [importing, setImporting] = useState(false);
  const set = <K extends keyof DecisionForm>(k: K, v: DecisionForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const kindsFor = (subject: 'person' | 'collective') => config.kinds.filter((k) => k.active && k.subject === subject).map((k) => ({ value: k.id, label: `${k.name} (${String(k.coefficient).replace('.', ',')})` }));
  const firstKind = (subject: 'person' | 'collective') => config.kinds.find((k) => k.active && k.subject === subject && k.category === 'form')?.id ?? config.kinds.find((k) => k.subject === subject)?.id ?? '';
  const add = (kind: 'person' | 'collective') =>
    setItems((list) => [
      ...list,
      { key: Date.now() + list.length, recipientKind: kind, personId: null, unitId: null, recipientName: null, recipientPosition: null, recipientUnitName: null, awardKindId: firstKind(kind), achievement: '' },
    ]);
  const update = (key: number, patch: Partial<ItemForm>) => setItems((list) => list.map((it) => (it.key === key ? { ...it, ...patch } : it)));

  const prizeOf = (awardKindId: string) => {
    const kind = config.kinds.find((k) => k.id === awardKindId);
    if (!kind || !form.decisionDate) return '';
    const r = computePrize(kind.coefficient, form.decisionDate, config.baseSalaries, { mode: config.options.roundingMode, step: config.options.roundingStep });
    return r.ok ? formatMoney(r.value.amount) : r.reason;
  };

  const save = async () => {
    setSaving(true);
    setErrors({});
    const input = {
      ...form,
      legalBases: form.legalBases.split('\n').map((s) => s.trim()).filter(Boolean),
      recipients: form.recipients.split('\n').map((s) => s.trim().replace(/^-\s*/u, '')).filter(Boolean),
      items: items.map(({ key: _key, ...it }) => it),
      ...(authorityKind ? { authorityKind } : {}),
    };
    try {
      const saved = existing
        ? await api.call('awards.updateDecision', { ...input, id: existing.decision.id, expectedVersion: existing.decision.version })
        : await api.call('awards.createDecision', input);
      notifications.show({ color: 'teal', message: t('saved') });
      onSaved(saved);
    } catch (error) {
      setErrors(showApiError(error));
    } finally {
      setSaving(false);
    }
  };

  // The authority rules run here as the user types (without the register and unit dates, which issuing adds).
  const personName = (id: string | null) => (people.data ?? []).find((p) => p.id === id)?.fullName ?? '';
  /** The placeholder of a line's position box: what prints when it is left empty. */
  const recordedPosition = (id: string | null) => {
    const position = (people.data ?? []).find((p) => p.id === id)?.position;
    return position ? t('positionFromRecords', { position }) : t('positionNotRecorded');
  };
  const early = authorityRules.data
    ? checkAuthority({
        rules: authorityRules.data.rules,
        authorityKind,
        issuerUnit: null,
        decisionDate: form.decisionDate,
        items: items.map((it) => {
          const kind = config.kinds.find((k) => k.id === it.awardKindId);
          return {
            recipientKind: it.recipientKind,
            recipientName: it.recipientKind === 'person' ? personName(it.personId) : (it.recipientName ?? ''),
            personId: it.personId,
            unitId: it.unitId,
            awardCode: kind?.code ?? '',
            awardName: kind?.name ?? '',
            achievement: it.achievement,
            recipientUnit: null,
          };
        }),
        history: [],
      }).findings
    : [];
  const findingsOf = (i: number): AuthorityFinding[] => early.filter((f) => f.itemIndex === i && f.ruleId !== 'R-AUTH');
  const personOptions = (people.data ?? []).map((p) => ({ value: p.id, label: p.position ? `${p.fullName} — ${p.position}` : p.fullName }));
  return (
    <Stack data-testid="decision-editor">
      <Title order={3}>{existing ? t('editorEdit') : t('editorNew')}</Title>
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <TextInput label={t('symbol')} value={form.symbol} onChange={(e) => set('symbol', e.currentTarget.value)} error={errors.symbol} data-testid="decision-symbol" />
        <DateField label={t('decisionDate')} value={form.decisionDate} onChange={(v) => set('decisionDate', v ?? '')} error={errors.decisionDate} data-testid="decision-date" />
        <TextInput label={t('place')} value={form.place} onChange={(e) => set('place', e.currentTarget.value)} error={errors.place} />
        <TextInput label={t('parentBody')} value={form.parentBody ?? ''} onChange={(e) => set('parentBody', e.currentTarget.value)} />
        <TextInput label={t('issuerName')} value={form.issuerName} onChange={(e) => set('issuerName', e.currentTarget.value)} error={errors.issuerName} />
        <TextInput label={t('authorityTitle')} value={form.authorityTitle} onChange={(e) => set('authorityTitle', e.currentTarget.value)} error={errors.authorityTitle} />
        <Select
          label={ta('authorityKind')}
          description={ta('authorityKindHint')}
          data={AUTHORITY_KINDS.filter((k) => AUTHORITY_KIND_LABELS[k].local).map((k) => ({ value: k, label: pick(AUTHORITY_KIND_LABELS[k], lang) }))}
          value={authorityKind}
          onChange={(v) => setChosenAuthority((v as AuthorityKind | null) ?? null)}
          allowDeselect={false}
          error={errors.authorityKind}
          data-testid="decision-authority"
        />
        <Select
          label={t('signMode')}
          data={SIGN_MODES.map((s) => ({ value: s || 'none', label: s || t('signModeNone') }))}
          value={form.signMode || 'none'}
          onChange={(v) => set('signMode', (v === 'none' || !v ? '' : v) as SignMode)}
          allowDeselect={false}
        />
        <TextInput label={t('signHeadTitle')} value={form.signHeadTitle ?? ''} onChange={(e) => set('signHeadTitle', e.currentTarget.value)} disabled={!form.signMode} />
        <TextInput label={t('signerTitle')} value={form.signerTitle} onChange={(e) => set('signerTitle', e.currentTarget.value)} error={errors.signerTitle} />
        <TextInput label={t('signerName')} value={form.signerName} onChange={(e) => set('signerName', e.currentTarget.value)} error={errors.signerName} data-testid="decision-signer" />
      </SimpleGrid>
      <TextInput label={t('subject')} value={form.subject} onChange={(e) => set('subject', e.currentTarget.value)} error={errors.subject} data-testid="decision-subject" />
      <Textarea label={t('legalBases')} autosize minRows={3} value={form.legalBases} onChange={(e) => set('legalBases', e.currentTarget.value)} />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Textarea label={t('executionText')} autosize minRows={3} value={form.executionText} onChange={(e) => set('executionText', e.currentTarget.value)} />
        <Textarea label={t('recipients')} autosize minRows={3} value={form.recipients} onChange={(e) => set('recipients', e.currentTarget.value)} />
      </SimpleGrid>

      <Group justify="space-between">
        <Title order={4}>{t('items')}</Title>
        <Group>
          <Button variant="light" leftSection={<IconUserPlus size={16} />} onClick={() => add('person')} data-testid="item-add-person">
            {t('addPerson')}
          </Button>
          <Button variant="light" leftSection={<IconUsersGroup size={16} />} onClick={() => add('collective')} data-testid="item-add-collective">
            {t('addCollective')}
          </Button>
          <Button variant="light" leftSection={<IconFileSpreadsheet size={16} />} onClick={() => setImporting(true)} data-testid="items-import">
            {t('importItems')}
          </Button>
        </Group>
      </Group>
      <ItemsImportDialog
        opened={importing}
        onClose={() => setImporting(false)}
        onImported={(imported) => {
          setItems((list) => [...list, ...imported.map((it, n) => ({ ...it, key: Date.now() + list.length + n }))]);
          notifications.show({ color: 'teal', message: t('importItemsDone', { n: imported.length }) });
        }}
      />
      {errors.items ? <Alert color="red">{errors.items}</Alert> : null}
      {items.map((it, i) => (
        <Card withBorder key={it.key} data-testid="item-row">
          <Group align="flex-start" wrap="nowrap">
            <Text fw={700} w={24} mt={28}>
              {i + 1}
            </Text>
            <Stack gap="xs" style={{ flex: 1 }}>
              <Group grow align="flex-start">
                <SegmentedControl
                  data={[
                    { value: 'person', label: t('person') },
                    { value: 'collective', label: t('collective') },
                  ]}
                  value={it.recipientKind}
                  onChange={(v) => update(it.key, { recipientKind: v as 'person' | 'collective', awardKindId: firstKind(v as 'person' | 'collective'), personId: null, recipientName: null })}
                  mt={24}
                />
                {it.recipientKind === 'person' ? (
                  <Select
                    label={t('chooseperson')}
                    searchable
                    data={personOptions}
                    value={it.personId}
                    onChange={(v) => update(it.key, { personId: typeof v === 'string' ? v : null, recipientPosition: null })}
                    error={errors[`items.${i}.recipientName`] ?? errors[`items.${i}.personId`]}
                    data-testid="item-person"
                  />
                ) : (
                  <TextInput
                    label={t('collectiveName')}
                    value={it.recipientName ?? ''}
                    onChange={(e) => update(it.key, { recipientName: e.currentTarget.value })}
                    error={errors[`items.${i}.recipientName`]}
                    data-testid="item-collective"
                  />
                )}
                <Select
                  label={t('award')}
                  data={kindsFor(it.recipientKind)}
                  value={it.awardKindId}
                  onChange={(v) => update(it.key, { awardKindId: typeof v === 'string' ? v : '' })}
                  allowDeselect={false}
                  error={errors[`items.${i}.awardKindId`]}
                  data-testid="item-award"
                />
              </Group>
              {it.recipientKind === 'person' && it.personId ? (
                <TextInput
                  label={t('printedPosition')}
                  placeholder={recordedPosition(it.personId)}
                  value={it.recipientPosition ?? ''}
                  onChange={(e) => update(it.key, { recipientPosition: e.currentTarget.value || null })}
                  error={errors[`items.${i}.recipientPosition`]}
                  data-testid="item-position"
                />
              ) : null}
              <Textarea
                label={t('achievement')}
                autosize
                minRows={2}
                value={it.achievement}
                onChange={(e) => update(it.key, { achievement: e.currentTarget.value })}
                error={errors[`items.${i}.achievement`]}
                data-testid="item-achievement"
              />
              <Text size="sm" c="dimmed" data-testid="item-prize">
                {t('prize')}: {prizeOf(it.awardKindId)}
              </Text>
              {findingsOf(i).map((f, n) => (
                <Alert key={n} color={f.dossierTo ? 'grape' : f.severity === 'error' ? 'red' : 'orange'} p="xs" title={f.dossierTo ? ta('dossierTitle') : ta('rule', { id: f.ruleId })} data-testid="item-authority">
                  <Text size="sm">{f.message}</Text>
                </Alert>
              ))}
            </Stack>
            <ActionIcon variant="subtle" color="red" aria-label={t('remove')} onClick={() => setItems((list) => list.filter((x) => x.key !== it.key))} mt={28}>
              <IconTrash size={18} />
            </ActionIcon>
          </Group>
        </Card>
      ))}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('cancel')}
        </Button>
        <Button onClick={() => void save()} loading={saving} data-testid="decision-save">
          {t('saveDraft')}
        </Button>
      </Group>
    </Stack>
  );
}
