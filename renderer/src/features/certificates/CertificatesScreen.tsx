import { Box, Button, Checkbox, Grid, Group, Menu, SegmentedControl, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { FIELD_KEYS, FIELD_LABELS, PAPERS, type FieldKey } from '../../../../shared/awards/layout.js';
import { showApiError } from '../../api/errors.js';
import { useApi, useQuery } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { CalibrationCard } from './CalibrationCard.js';
import { FieldOverlay } from './FieldOverlay.js';
import { FieldProperties } from './FieldProperties.js';
import { FieldTable } from './FieldTable.js';
import { certificatesMessages as m } from './messages.js';
import { newField } from './new-field.js';
import { Preview } from './Preview.js';
import { toInput, type FieldInput, type TemplateInput } from './template-input.js';

/**
 * Giấy khen: templates (plain paper or overlay on blanks). The preview is the
 * printout's own HTML; its boxes are dragged, resized and nudged in place,
 * the table takes exact millimetres, the side panel the selected field's look.
 * Below, the per-printer calibration.
 */
export function CertificatesScreen() {
  const t = useT(m);
  const api = useApi();
  const templates = useQuery('certificates.templates', {}, { tables: ['certificate_templates'] });
  const [selected, setSelected] = useState<string | null>(null);
  const [draft, setDraft] = useState<TemplateInput | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [selectedField, setSelectedField] = useState<string | null>(null);
  const { ref: previewColumn, width: previewSpace } = useElementSize();
  const list = templates.data ?? [];
  const current = list.find((x) => x.id === selected) ?? list[0];
  useEffect(() => {
    if (current && (!draft || draft.id !== current.id)) setDraft(toInput(current));
  }, [current, draft]);
  if (!draft || !current) return <Text>…</Text>;

  const paper = PAPERS[draft.paper];
  const changeField = (id: string, patch: Partial<FieldInput>) => setDraft((d) => (d ? { ...d, fields: d.fields.map((f) => (f.id === id ? { ...f, ...patch } : f)) } : d));
  const addField = (key: FieldKey) => {
    const field = newField(key, draft.fields, paper);
    setDraft({ ...draft, fields: [...draft.fields, field] });
    setSelectedField(field.id);
  };
  const removeField = (id: string) => {
    setDraft({ ...draft, fields: draft.fields.filter((f) => f.id !== id) });
    if (selectedField === id) setSelectedField(null);
  };
  const addable = FIELD_KEYS.filter((k) => k === 'literal' || !draft.fields.some((f) => f.key === k));
  const selectedBox = draft.fields.find((f) => f.id === selectedField) ?? null;
  const save = async (asNew: boolean) => {
    setErrors({});
    try {
      const { id: _id, expectedVersion: _v, ...rest } = draft;
      const saved = await api.call('certificates.saveTemplate', asNew ? { ...rest, name: `${draft.name} (bản sao)` } : draft);
      notifications.show({ color: 'teal', message: t('saved', { name: saved.name }) });
      setSelected(saved.id);
      setDraft(toInput(saved));
    } catch (e) {
      setErrors(showApiError(e));
    }
  };

  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Group align="flex-end">
        <Select
          label={t('templates')}
          data={list.map((x) => ({ value: x.id, label: x.name }))}
          value={current.id}
          onChange={(v) => {
            setSelected(v);
            setDraft(null);
            setSelectedField(null);
            setErrors({});
          }}
          w={420}
          allowDeselect={false}
          data-testid="template-select"
        />
        <Text size="sm" c="dimmed">
          {current.mode === 'plain' ? t('plain') : t('overlay')}
        </Text>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="xs">
            <TextInput label={t('name')} value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })} error={errors.name} />
            <SegmentedControl
              fullWidth
              data={[
                { value: 'plain', label: t('plain') },
                { value: 'overlay', label: t('overlay') },
              ]}
              value={draft.mode}
              onChange={(v) => setDraft({ ...draft, mode: v as 'plain' | 'overlay', border: v === 'plain' && draft.border })}
            />
            <Group grow>
              <Select label={t('paper')} data={['A4', 'A3']} value={draft.paper} onChange={(v) => v && setDraft({ ...draft, paper: v as 'A4' | 'A3' })} allowDeselect={false} />
              <TextInput label={t('heading')} value={draft.heading} onChange={(e) => setDraft({ ...draft, heading: e.currentTarget.value })} />
            </Group>
            <Checkbox label={t('border')} checked={draft.border} onChange={(e) => setDraft({ ...draft, border: e.currentTarget.checked })} disabled={draft.mode === 'overlay'} />
            <FieldProperties field={selectedBox} onChange={(patch) => selectedBox && changeField(selectedBox.id, patch)} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Box ref={previewColumn}>
            {previewSpace > 0 ? (
              <Preview
                template={draft}
                width={Math.min(Math.floor(previewSpace) - 2, 900)}
                overlay={(pxPerMm) => <FieldOverlay fields={draft.fields} paper={paper} pxPerMm={pxPerMm} selectedId={selectedField} onSelect={setSelectedField} onChange={changeField} />}
              />
            ) : null}
            <Text size="xs" c="dimmed" mt={4}>
              {t('dragHelp')}
            </Text>
          </Box>
        </Grid.Col>
      </Grid>
      <FieldTable fields={draft.fields} selectedId={selectedField} errors={errors} onSelect={setSelectedField} onChange={changeField} onRemove={removeField} />
      <Group justify="space-between">
        <Menu position="bottom-start" withinPortal>
          <Menu.Target>
            <Button variant="light" leftSection={<IconPlus size={16} />} data-testid="field-add">
              {t('addField')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {addable.map((k) => (
              <Menu.Item key={k} onClick={() => addField(k)} data-testid={`field-add-${k}`}>
                {FIELD_LABELS[k]}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        <Group>
          <Button variant="default" onClick={() => void save(true)}>
            {t('saveCopy')}
          </Button>
          <Button onClick={() => void save(false)} data-testid="template-save">
            {t('save')}
          </Button>
        </Group>
      </Group>
      <CalibrationCard />
    </Stack>
  );
}
