import { ActionIcon, NumberInput, Table, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { FIELD_LABELS } from '../../../../shared/awards/layout.js';
import { useT } from '../../i18n/language.js';
import { certificatesMessages as m } from './messages.js';
import type { FieldInput } from './template-input.js';

type NumberKey = 'xMm' | 'yMm' | 'wMm' | 'hMm' | 'fontSizePt' | 'minFontSizePt' | 'maxLines';
const NUMBER_KEYS: readonly NumberKey[] = ['xMm', 'yMm', 'wMm', 'hMm', 'fontSizePt', 'minFontSizePt', 'maxLines'];

/** Every field's box in millimetres and its sizes, typed exactly (a blank measured with a ruler); a click selects the row. */
export function FieldTable({
  fields,
  selectedId,
  errors,
  onSelect,
  onChange,
  onRemove,
}: {
  fields: readonly FieldInput[];
  selectedId: string | null;
  errors: Record<string, string>;
  onSelect(id: string): void;
  onChange(id: string, patch: Partial<FieldInput>): void;
  onRemove(id: string): void;
}) {
  const t = useT(m);
  const heads: Record<NumberKey, string> = { xMm: t('x'), yMm: t('y'), wMm: t('w'), hMm: t('h'), fontSizePt: t('size'), minFontSizePt: t('min'), maxLines: t('lines') };
  return (
    <Table withTableBorder verticalSpacing={2} horizontalSpacing={4} data-testid="field-table">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('field')}</Table.Th>
          {NUMBER_KEYS.map((k) => (
            <Table.Th key={k}>{heads[k]}</Table.Th>
          ))}
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map((f, i) => {
          const wrong = Object.keys(errors).some((k) => k.startsWith(`fields.${i}.`));
          const label = f.key === 'literal' ? `${FIELD_LABELS.literal}: ${f.text ?? ''}` : FIELD_LABELS[f.key];
          return (
            <Table.Tr
              key={f.id}
              onClick={() => onSelect(f.id)}
              data-testid={`field-row-${f.id}`}
              style={{ cursor: 'pointer', background: wrong ? 'var(--mantine-color-red-1)' : f.id === selectedId ? 'var(--mantine-color-blue-0)' : undefined }}
            >
              <Table.Td maw={220}>
                <Text size="xs" fw={f.id === selectedId ? 700 : 400} truncate="end">
                  {label}
                </Text>
              </Table.Td>
              {NUMBER_KEYS.map((k) => (
                <Table.Td key={k}>
                  <NumberInput
                    size="xs"
                    w={k === 'maxLines' ? 52 : 70}
                    value={f[k]}
                    onChange={(v) => onChange(f.id, { [k]: Number(v) || 0 })}
                    onFocus={() => onSelect(f.id)}
                    step={k === 'maxLines' ? 1 : 0.5}
                    decimalScale={1}
                    hideControls
                    aria-label={`${FIELD_LABELS[f.key]}: ${heads[k]}`}
                    data-testid={`field-${f.id}-${k}`}
                  />
                </Table.Td>
              ))}
              <Table.Td>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={`${t('removeField')}: ${label}`}
                  title={t('removeField')}
                  onClick={(e) => {
                    e.stopPropagation();
                    onRemove(f.id);
                  }}
                  data-testid={`field-${f.id}-remove`}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
