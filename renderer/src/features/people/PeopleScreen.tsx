import { ActionIcon, Box, Button, Card, Drawer, Group, Menu, Modal, Select, Stack, Switch, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconDots, IconDownload, IconFileExport, IconFileImport, IconPencil, IconRestore, IconSearch, IconUserPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { GENDER_LABELS, PERSON_STATUS_LABELS, STAFF_CATEGORY_LABELS, type Person } from '../../../../shared/domain/people.js';
import { formatDateShort } from '../../../../shared/vi/dates.js';
import { showApiError } from '../../api/errors.js';
import { useApi, useQuery, useSession } from '../../api/hooks.js';
import { useClearParams, useRoute } from '../../app/router.js';
import { downloadFile } from '../../files/download.js';
import { useLanguage, useT } from '../../i18n/language.js';
import { pick } from '../../i18n/messages.js';
import { ImportDialog } from './ImportDialog.js';
import { peopleMessages as m } from './messages.js';
import { PersonForm } from './PersonForm.js';
import { PageHeader } from '../../app/PageHeader.js';

type Sort = 'name' | 'unit' | 'birthDate';
/** Which person the drawer shows: a new one, an existing one, or none. */
type Editing = { mode: 'new' } | { mode: 'edit'; person: Person } | null;

export function PeopleScreen() {
  const t = useT(m);
  const { lang } = useLanguage();
  const api = useApi();
  const { session } = useSession();
  const route = useRoute();
  const clearParams = useClearParams();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [sort, setSort] = useState<Sort>('name');
  const [includeInactive, setIncludeInactive] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [importing, setImporting] = useState(false);
  const [deactivating, setDeactivating] = useState<Person | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  const filter = { ...(debounced.trim() ? { search: debounced.trim() } : {}), ...(unitId ? { unitId } : {}), includeInactive };
  const people = useQuery('people.list', { ...filter, sort }, { tables: ['people', 'units'] });
  const units = useQuery('units.list', { includeInactive: true }, { tables: ['units'] });
  const unitList = units.data ?? [];
  const unitName = new Map(unitList.map((u) => [u.id, u.name]));
  const list = people.data ?? [];

  // Opened from the dashboard's draft list: "#/people?draft=people.edit:<id>".
  const draftParam = route.params.get('draft');
  useEffect(() => {
    if (!draftParam) return;
    clearParams();
    if (draftParam === 'people.new') setEditing({ mode: 'new' });
    else if (draftParam.startsWith('people.edit:')) {
      api.call('people.get', { id: draftParam.slice('people.edit:'.length) }).then(
        (person) => setEditing({ mode: 'edit', person }),
        (error: unknown) => showApiError(error),
      );
    }
  }, [draftParam, clearParams, api]);

  const download = async (what: 'template' | 'export') => {
    setBusy(true);
    try {
      downloadFile(what === 'template' ? await api.call('people.importTemplate', {}) : await api.call('people.exportXlsx', filter));
    } catch (error) {
      showApiError(error);
    } finally {
      setBusy(false);
    }
  };

  const deactivate = async () => {
    if (!deactivating) return;
    try {
      const p = await api.call('people.deactivate', { id: deactivating.id, reason });
      notifications.show({ color: 'teal', message: t('deactivated', { name: p.fullName }) });
      setDeactivating(null);
      setReason('');
    } catch (error) {
      showApiError(error);
    }
  };

  const reactivate = async (person: Person) => {
    try {
      const p = await api.call('people.reactivate', { id: person.id });
      notifications.show({ color: 'teal', message: t('reactivated', { name: p.fullName }) });
    } catch (error) {
      showApiError(error);
    }
  };

  const canWrite = session !== null;
  const rows = list.map((p) => {
    const inactive = p.status === 'inactive';
    return (
      <Table.Tr key={p.id} {...(inactive ? { c: "dimmed" } : {})} data-testid="person-row">
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <Text fw={600} size="sm" {...(inactive ? { c: "dimmed" } : {})}>
            {p.fullName}
          </Text>
        </Table.Td>
        <Table.Td>{pick(GENDER_LABELS[p.gender], lang)}</Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateShort(p.birthDate)}</Table.Td>
        <Table.Td>{p.position}</Table.Td>
        <Table.Td>{pick(STAFF_CATEGORY_LABELS[p.staffCategory], lang)}</Table.Td>
        <Table.Td>{unitName.get(p.unitId) ?? ''}</Table.Td>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>
          <Group gap={6} wrap="nowrap">
            <Box w={8} h={8} style={{ borderRadius: 4, flexShrink: 0 }} bg={p.status === 'working' ? 'teal.6' : inactive ? 'gray.5' : 'orange.6'} />
            <Text size="sm">{pick(PERSON_STATUS_LABELS[p.status], lang)}</Text>
          </Group>
        </Table.Td>
        <Table.Td>
          <Group gap={4} justify="flex-end" wrap="nowrap">
            <Tooltip label={t('edit')}>
              <ActionIcon variant="subtle" onClick={() => setEditing({ mode: 'edit', person: p })} aria-label={t('edit')} data-testid="person-edit">
                <IconPencil size={18} />
              </ActionIcon>
            </Tooltip>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label="…">
                  <IconDots size={18} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                {inactive ? (
                  <Menu.Item leftSection={<IconRestore size={16} />} onClick={() => void reactivate(p)}>
                    {t('reactivate')}
                  </Menu.Item>
                ) : (
                  <Menu.Item color="red" leftSection={<IconArchive size={16} />} onClick={() => setDeactivating(p)}>
                    {t('deactivate')}
                  </Menu.Item>
                )}
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Table.Td>
      </Table.Tr>
    );
  });

  return (
    <Stack gap="md">
      <PageHeader title={t('title')} subtitle={people.data ? t('subtitle', { n: list.length }) : '…'} subtitleTestId="people-count">
        <Group gap="xs">
          <Button variant="default" leftSection={<IconDownload size={18} />} onClick={() => void download('template')} disabled={busy} data-testid="people-template">
            {t('template')}
          </Button>
          <Button variant="default" leftSection={<IconFileImport size={18} />} onClick={() => setImporting(true)} disabled={!canWrite} data-testid="people-import">
            {t('import')}
          </Button>
          <Button variant="default" leftSection={<IconFileExport size={18} />} onClick={() => void download('export')} disabled={busy} data-testid="people-export">
            {t('export')}
          </Button>
          <Button leftSection={<IconUserPlus size={18} />} onClick={() => setEditing({ mode: 'new' })} data-testid="people-add">
            {t('add')}
          </Button>
        </Group>
      </PageHeader>

      <Card withBorder radius="md" p="md">
        <Group gap="md" align="flex-end" wrap="wrap">
          <TextInput
            flex={1}
            miw={280}
            leftSection={<IconSearch size={16} />}
            placeholder={t('search')}
            value={search}
            onChange={(e) => setSearch(e.currentTarget.value)}
            maxLength={200}
            data-testid="people-search"
            aria-label={t('search')}
          />
          <Select
            w={260}
            placeholder={t('allUnits')}
            aria-label={t('unitFilter')}
            clearable
            searchable
            data={unitList.map((u) => ({ value: u.id, label: u.name }))}
            value={unitId}
            onChange={setUnitId}
            data-testid="people-unit-filter"
          />
          <Select
            w={250}
            aria-label={t('sort')}
            data={[
              { value: 'name', label: t('sortName') },
              { value: 'unit', label: t('sortUnit') },
              { value: 'birthDate', label: t('sortBirth') },
            ]}
            value={sort}
            onChange={(v) => setSort((v as Sort | null) ?? 'name')}
            allowDeselect={false}
            data-testid="people-sort"
          />
          <Switch label={t('showInactive')} checked={includeInactive} onChange={(e) => setIncludeInactive(e.currentTarget.checked)} mb={8} />
        </Group>
      </Card>

      <Card withBorder radius="md" p={0}>
        <Table.ScrollContainer minWidth={900}>
          <Table highlightOnHover verticalSpacing="sm" horizontalSpacing="md" data-testid="people-table" styles={{ th: { whiteSpace: 'nowrap' } }}>
            <Table.Thead bg="gray.0">
              <Table.Tr>
                <Table.Th>{t('colName')}</Table.Th>
                <Table.Th>{t('colGender')}</Table.Th>
                <Table.Th>{t('colBirth')}</Table.Th>
                <Table.Th>{t('colPosition')}</Table.Th>
                <Table.Th>{t('colCategory')}</Table.Th>
                <Table.Th>{t('colUnit')}</Table.Th>
                <Table.Th>{t('colStatus')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>{rows}</Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {people.data && list.length === 0 && (
          <Text c="dimmed" ta="center" py="xl" data-testid="people-empty">
            {debounced.trim() ? t('noMatch', { q: debounced.trim() }) : t('empty')}
          </Text>
        )}
      </Card>

      <Drawer
        opened={editing !== null}
        onClose={() => setEditing(null)}
        position="right"
        size={560}
        title={<Text fw={700} size="lg">{editing?.mode === 'edit' ? t('editTitle', { name: editing.person.fullName }) : t('newTitle')}</Text>}
      >
        {editing && (
          <PersonForm
            key={editing.mode === 'edit' ? editing.person.id : 'new'}
            person={editing.mode === 'edit' ? editing.person : null}
            units={unitList}
            defaultUnitId={unitId ?? session?.officeUnitId ?? null}
            onDone={() => setEditing(null)}
          />
        )}
      </Drawer>

      <ImportDialog opened={importing} onClose={() => setImporting(false)} />

      <Modal opened={deactivating !== null} onClose={() => setDeactivating(null)} title={<Text fw={700}>{t('confirmDeactivate', { name: deactivating?.fullName ?? '' })}</Text>} centered>
        <Stack>
          <Text size="sm">{t('confirmDeactivateText')}</Text>
          <TextInput label={t('reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeactivating(null)}>
              {t('cancel')}
            </Button>
            <Button color="red" leftSection={<IconArchive size={16} />} onClick={() => void deactivate()} data-testid="person-deactivate-confirm">
              {t('deactivate')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
