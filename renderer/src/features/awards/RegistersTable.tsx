import { ActionIcon, Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput } from '@mantine/core';
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

interface Edited extends Draft {
  id: string;
  active: boolean;
  makeDefault: boolean;
}

/** In use or retired, and whether it becomes the general register (the store says why when it cannot). */
function RegisterStatus({ register, edited, onChange }: { register: AwardRegister; edited: Edited; onChange: (e: Edited) => void }) {
  const t = useT(m);
  return (
    <Stack gap={4} mt="xs">
      <Checkbox
        label={t('registerActive')}
        checked={edited.active}
        disabled={register.isDefault}
        onChange={(e) => onChange({ ...edited, active: e.currentTarget.checked, makeDefault: e.currentTarget.checked && edited.makeDefault })}
      />
      <Text size="xs" c="dimmed">
        {register.isDefault ? t('registerActiveDefault') : t('registerRetiredHelp')}
      </Text>
      {register.isDefault ? null : (
        <Checkbox label={t('registerMakeDefault')} checked={edited.makeDefault} disabled={!edited.active} onChange={(e) => onChange({ ...edited, makeDefault: e.currentTarget.checked })} />
      )}
    </Stack>
  );
}

/**
 * The office's award registers: add one, rename one, retire one, choose the
 * general one. A register's code is part of every number it gives
 * ("01/2026/SKT", printed and signed into the QR codes), so once it has
 * given a number only its name can change: the store refuses the code, and
 * the screen locks it and says why. A retired register gives no new numbers.
 */
export function RegistersTable({ registers, canEdit, run }: { registers: AwardRegister[]; canEdit: boolean; run: (fn: () => Promise<unknown>) => Promise<boolean> }) {
  const t = useT(m);
  const api = useApi();
  const [added, setAdded] = useState<Draft>({ code: '', name: '' });
  const [edited, setEdited] = useState<Edited | null>(null);
  return (
    <>
      <Table withTableBorder data-testid="registers">
        <Table.Tbody>
          {registers.map((r) => (
            <Table.Tr key={r.id} data-testid={`register-${r.code}`}>
              {edited?.id === r.id ? (
                <Table.Td colSpan={3}>
                  <RegisterInputs draft={edited} onChange={(d) => setEdited({ ...edited, ...d })} codeLocked={r.used}>
                    <Button
                      onClick={() =>
                        void run(() =>
                          api.call('awards.saveRegister', { id: edited.id, code: edited.code, name: edited.name, active: edited.active, ...(edited.makeDefault ? { makeDefault: true as const } : {}) }),
                        ).then((ok) => ok && setEdited(null))
                      }
                    >
                      {t('save')}
                    </Button>
                    <Button variant="default" onClick={() => setEdited(null)}>
                      {t('cancelEdit')}
                    </Button>
                  </RegisterInputs>
                  {r.used ? (
                    <Text size="xs" c="dimmed" mt={4}>
                      {t('registerCodeFixed')}
                    </Text>
                  ) : null}
                  <RegisterStatus register={r} edited={edited} onChange={setEdited} />
                </Table.Td>
              ) : (
                <>
                  <Table.Td w={120} {...(r.active ? {} : { c: 'dimmed' })}>
                    {r.code}
                  </Table.Td>
                  <Table.Td {...(r.active ? {} : { c: 'dimmed' })}>
                    {r.name}{' '}
                    {r.isDefault ? (
                      <Badge variant="light" size="sm">
                        {t('registerDefault')}
                      </Badge>
                    ) : null}
                    {r.active ? null : (
                      <Badge variant="light" color="gray" size="sm">
                        {t('registerRetired')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td w={48}>
                    {canEdit ? (
                      <ActionIcon variant="subtle" aria-label={`${t('editRegister')}: ${r.code}`} title={t('editRegister')} onClick={() => setEdited({ id: r.id, code: r.code, name: r.name, active: r.active, makeDefault: false })}>
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
