import { Card, Checkbox, ColorInput, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { DEFAULT_FONT, FIELD_LABELS, FONT_IDS, FONTS, type Align, type FontId } from '../../../../shared/awards/layout.js';
import { useT } from '../../i18n/language.js';
import { certificatesMessages as m } from './messages.js';
import type { FieldInput } from './template-input.js';

/** The selected field's look: its fixed text, font, alignment, bold/italic/underline/capitals and colour. */
export function FieldProperties({ field, onChange }: { field: FieldInput | null; onChange(patch: Partial<FieldInput>): void }) {
  const t = useT(m);
  if (!field) {
    return (
      <Card withBorder p="sm">
        <Text size="sm" c="dimmed">
          {t('selectField')}
        </Text>
      </Card>
    );
  }
  const isQr = field.key === 'qr';
  return (
    <Card withBorder p="sm" data-testid="field-properties">
      <Stack gap="xs">
        <Text fw={700} size="sm">
          {FIELD_LABELS[field.key]}
        </Text>
        {field.key === 'literal' ? (
          <TextInput size="xs" label={t('literalText')} value={field.text ?? ''} onChange={(e) => onChange({ text: e.currentTarget.value })} data-testid="field-text" />
        ) : null}
        {isQr ? (
          <Text size="xs" c="dimmed">
            {t('qrNote')}
          </Text>
        ) : (
          <>
            <Select
              size="xs"
              label={t('font')}
              data={FONT_IDS.map((id) => ({ value: id, label: FONTS[id].label }))}
              value={field.font ?? DEFAULT_FONT}
              onChange={(v) => v && onChange({ font: v as FontId })}
              allowDeselect={false}
              data-testid="field-font"
            />
            <SegmentedControl
              size="xs"
              fullWidth
              data={[
                { value: 'left', label: t('left') },
                { value: 'center', label: t('center') },
                { value: 'right', label: t('right') },
              ]}
              value={field.align === 'justify' ? 'left' : field.align}
              onChange={(v) => onChange({ align: v as Align })}
              aria-label={t('align')}
            />
            <Group gap="md">
              <Checkbox size="xs" label={t('bold')} checked={field.bold} onChange={(e) => onChange({ bold: e.currentTarget.checked })} />
              <Checkbox size="xs" label={t('italic')} checked={field.italic} onChange={(e) => onChange({ italic: e.currentTarget.checked })} />
              <Checkbox size="xs" label={t('underline')} checked={field.underline} onChange={(e) => onChange({ underline: e.currentTarget.checked })} />
              <Checkbox size="xs" label={t('uppercase')} checked={field.uppercase} onChange={(e) => onChange({ uppercase: e.currentTarget.checked })} />
            </Group>
            <ColorInput
              size="xs"
              label={t('color')}
              value={field.color}
              onChange={(v) => onChange({ color: v })}
              format="hex"
              swatches={['#000000', '#b3121a', '#1c3f94']}
              withEyeDropper={false}
              data-testid="field-color"
            />
          </>
        )}
      </Stack>
    </Card>
  );
}
