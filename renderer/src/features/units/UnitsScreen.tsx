import { ActionIcon, Badge, Box, Button, Card, Drawer, Group, Stack, Switch, Table, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconBuildingCommunity, IconCornerDownRight, IconPencil, IconPlus, IconRestore, IconSubtask } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { HISTORICAL_LEVELS, UNIT_LEVEL_LABELS, buildUnitTree, type Unit, type UnitNode } from '../../../../shared/domain/units.js';
import { compareVietnamese } from '../../../../shared/vi/names.js';
import { formatDateShort } from '../../../../shared/vi/dates.js';
import { showApiError } from '../../api/errors.js';
import { useApi, useQuery, useSession } from '../../api/hooks.js';
import { useClearParams, useRoute } from '../../app/router.js';
import { useLanguage, useT } from '../../i18n/language.js';
import { pick } from '../../i18n/messages.js';
import { unitMessages as m } from './messages.js';
import { UnitForm } from './UnitForm.js';
import { PageHeader } from '../../app/PageHeader.js';

type Editing = { unit: Unit | null; parentId: string | null } | null;

function flatten(nodes: UnitNode[], depth: number, out: Array<{ unit: UnitNode; depth: number }>): void {
  for (const node of [...nodes].sort((a, b) => compareVietnamese(a.name, b.name))) {
    out.push({ unit: node, depth });
    flatten(node.children, depth + 1, out);
  }
}

export function UnitsScreen() {
  const t = useT(m);
  const { lang } = useLanguage();
  const api = useApi();
  const { session } = useSession();
  const route = useRoute();
  const clearParams = useClearParams();
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const units = useQuery('units.list', { includeInactive: true }, { tables: ['units'] });
  const all = units.data ?? [];
  const shown = includeInactive ? all : all.filter((u) => u.status === 'active');
  const rows: Array<{ unit: UnitNode; depth: number }> = [];
  flatten(buildUnitTree(shown), 0, rows);
  const canSetStatus = session?.user.role === 'head' || session?.user.role === 'admin';

  const draftParam = route.params.get('draft');
  useEffect(() => {
    if (!draftParam || !units.data) return;
    clearParams();
    if (draftParam === 'units.new') setEditing({ unit: null, parentId: null });
    else {
      const unit = units.data.find((u) => `units.edit:${u.id}` === draftParam);
      if (unit) setEditing({ unit, parentId: unit.parentId });
    }
  }, [draftParam, units.data, clearParams]);

  const setStatus = async (unit: Unit, status: 'active' | 'inactive') => {
    try {
      const u = await api.call('units.setStatus', { id: unit.id, status });
      notifications.show({ color: 'teal', message: t('statusChanged', { name: u.name }) });
    } catch (error) {
      showApiError(error);
    }
  };

  const validity = (u: Unit) => {
    if (!u.validFrom && !u.validTo) return t('always');
    return [u.validFrom ? t('from', { d: formatDateShort(u.validFrom) }) : '', u.validTo ? t('to', { d: formatDateShort(u.validTo) }) : ''].filter(Boolean).join(' ');
  };

  return (
    <Stack gap="md">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        <Button leftSection={<IconPlus size={18} />} onClick={() => setEditing({ unit: null, parentId: session?.officeUnitId ?? null })} data-testid="units-add">
          {t('add')}
        </Button>
      </PageHeader>
      <Switch label={t('showInactive')} checked={includeInactive} onChange={(e) => setIncludeInactive(e.currentTarget.checked)} />
      <Card withBorder radius="md" p={0}>
        <Table.ScrollContainer minWidth={860}>
          <Table highlightOnHover verticalSpacing="sm" data-testid="units-table">
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>{t('colName')}</Table.Th>
                <Table.Th>{t('colLevel')}</Table.Th>
                <Table.Th>{t('colValidity')}</Table.Th>
                <Table.Th>{t('colStatus')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map(({ unit: u, depth }) => {
                const historical = HISTORICAL_LEVELS.includes(u.level);
                const isOffice = u.id === session?.officeUnitId;
                return (
                  <Table.Tr key={u.id} data-testid="unit-row" opacity={u.status === 'inactive' ? 0.6 : 1}>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap" pl={depth * 24}>
                        {depth > 0 ? <IconCornerDownRight size={16} color="var(--mantine-color-gray-5)" /> : <IconBuildingCommunity size={18} color="var(--mantine-color-red-7)" />}
                        <Box>
                          <Text fw={isOffice || depth === 0 ? 700 : 500} size="sm">
                            {u.name}
                          </Text>
                          {u.parentName && depth === 0 && (
                            <Text size="xs" c="dimmed">
                              {u.parentName}
                            </Text>
                          )}
                          {(isOffice || historical) && (
                            <Group gap={6} mt={4}>
                              {isOffice && (
                                <Badge size="sm" tt="none" color="red" variant="light">
                                  {t('office')}
                                </Badge>
                              )}
                              {historical && (
                                <Tooltip label={t('historicalHint')} multiline w={280}>
                                  <Badge size="sm" tt="none" color="gray" variant="outline">
                                    {t('historical')}
                                  </Badge>
                                </Tooltip>
                              )}
                            </Group>
                          )}
                        </Box>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{pick(UNIT_LEVEL_LABELS[u.level], lang)}</Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{validity(u)}</Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Badge variant="light" tt="none" size="md" color={u.status === 'active' ? 'teal' : 'gray'}>
                        {u.status === 'active' ? t('active') : t('inactive')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Tooltip label={t('addChild')}>
                          <ActionIcon variant="subtle" onClick={() => setEditing({ unit: null, parentId: u.id })} aria-label={t('addChild')}>
                            <IconSubtask size={18} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('edit')}>
                          <ActionIcon variant="subtle" onClick={() => setEditing({ unit: u, parentId: u.parentId })} aria-label={t('edit')} data-testid="unit-edit">
                            <IconPencil size={18} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={canSetStatus ? (u.status === 'active' ? t('deactivate') : t('reactivate')) : t('onlyHead')}>
                          <ActionIcon
                            variant="subtle"
                            color={u.status === 'active' ? 'red' : 'teal'}
                            disabled={!canSetStatus || isOffice}
                            onClick={() => void setStatus(u, u.status === 'active' ? 'inactive' : 'active')}
                            aria-label={u.status === 'active' ? t('deactivate') : t('reactivate')}
                          >
                            {u.status === 'active' ? <IconArchive size={18} /> : <IconRestore size={18} />}
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {units.data && rows.length === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            {t('empty')}
          </Text>
        )}
      </Card>
      <Drawer opened={editing !== null} onClose={() => setEditing(null)} position="right" size={560} title={<Text fw={700} size="lg">{editing?.unit ? t('editTitle', { name: editing.unit.name }) : t('newTitle')}</Text>}>
        {editing && <UnitForm key={editing.unit?.id ?? `new:${editing.parentId ?? ''}`} unit={editing.unit} parentId={editing.parentId} units={all} onDone={() => setEditing(null)} />}
      </Drawer>
    </Stack>
  );
}
