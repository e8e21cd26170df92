import { ActionIcon, Badge, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { AwardRegister } from '../../../../shared/awards/types.js';
import { useApi } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { awardsMessages as m } from './messages.js';

interface Draft {
  code: string;
  name: string;
}

/** Code and name inputs with the button that saves them. */
function RegisterInputs({ draft, onChange, codeLocked, children }: { draft: Draft; onChange: (d: Draft) => void; codeLocked: boolean; children: ReactNode }) {
  const t = useT(m);
  return (
    <Group align="flex-end" wrap="nowrap">
      <TextInput label={t('registerCode')} value={draft.code} onChange={(e) => onChange({ ...draft, code: e.currentTarget.value.toUpperCase() })} w={140} disabled={codeLocked} />
      <TextInput label={t('registerName')} value={draft.name} onChange={(e) => onChange({ ...draft, name: e.currentTarget.value })} style={{ flex: 1 }} />
      {children}
    </Group>
  );
}

/**
 * The office's award registers: add one, rename one. A register's code is
 * part of every number it gives ("01/2026/SKT", printed and signed into the
 * QR codes), so once it has given a number only its name can change: the
 * store refuses the code, and the screen locks it and says why.
 */
export function RegistersTable({ registers, canEdit, run }: { registers: AwardRegister[]; canEdit: boolean; run: (fn: () => Promise<unknown>) => Promise<boolean> }) {
  const t = useT(m);
  const api = useApi();
  const [added, setAdded] = useState<Draft>({ code: '', name: '' });
  const [edited, setEdited] = useState<(Draft & { id: string }) | null>(null);
  return (
    <>
      <Table withTableBorder data-testid="registers">
        <Table.Tbody>
          {registers.map((r) => (
            <Table.Tr key={r.id} data-testid={`register-${r.code}`}>
              {edited?.id === r.id ? (
                <Table.Td colSpan={3}>
                  <RegisterInputs draft={edited} onChange={(d) => setEdited({ ...edited, ...d })} codeLocked={r.used}>
                    <Button onClick={() => void run(() => api.call('awards.saveRegister', edited)).then((ok) => ok && setEdited(null))}>{t('save')}</Button>
                    <Button variant="default" onClick={() => setEdited(null)}>
                      {t('cancelEdit')}
                    </Button>
                  </RegisterInputs>
                  {r.used ? (
                    <Text size="xs" c="dimmed" mt={4}>
                      {t('registerCodeFixed')}
                    </Text>
                  ) : null}
                </Table.Td>
              ) : (
                <>
                  <Table.Td w={120}>{r.code}</Table.Td>
                  <Table.Td>
                    {r.name}{' '}
                    {r.isDefault ? (
                      <Badge variant="light" size="sm">
                        {t('registerDefault')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td w={48}>
                    {canEdit ? (
                      <ActionIcon variant="subtle" aria-label={`${t('editRegister')}: ${r.code}`} title={t('editRegister')} onClick={() => setEdited({ id: r.id, code: r.code, name: r.name })}>
                        <IconPencil size={16} />
                      </ActionIcon>
                    ) : null}
                  </Table.Td>
                </>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canEdit ? (
        <RegisterInputs draft={added} onChange={setAdded} codeLocked={false}>
          <Button onClick={() => void run(() => api.call('awards.saveRegister', added)).then((ok) => ok && setAdded({ code: '', name: '' }))}>{t('addRegister')}</Button>
        </RegisterInputs>
      ) : null}
    </>
  );
}
