import { Anchor, Badge, Card, Group, Progress, SimpleGrid, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingCommunity, IconHistory, IconSitemap, IconUsers } from '@tabler/icons-react';
import { STAFF_CATEGORIES, STAFF_CATEGORY_LABELS } from '../../../../shared/domain/people.js';
import { UNIT_LEVEL_LABELS } from '../../../../shared/domain/units.js';
import { useQuery } from '../../api/hooks.js';
import { navigate } from '../../app/router.js';
import { draftPath, useDraftList } from '../../drafts/useDraftList.js';
import { formatDraftTime } from '../../drafts/time.js';
import { useLanguage, useT } from '../../i18n/language.js';
import { defineMessages, pick } from '../../i18n/messages.js';

const m = defineMessages({
  vi: {
    title: 'Tổng quan',
    office: 'Đơn vị',
    people: 'Cán bộ đang theo dõi',
    units: 'Đơn vị trong danh mục',
    byCategory: 'Cán bộ theo loại',
    byUnit: 'Cán bộ theo đơn vị',
    drafts: 'Bản nháp chưa lưu',
    noDrafts: 'Không có bản nháp nào. Nội dung đang nhập trong mọi biểu mẫu được tự động lưu nháp.',
    open: 'Mở',
    empty: 'Chưa có cán bộ nào. Vào Danh mục › Cán bộ để thêm hoặc nhập từ tệp Excel.',
    unit: 'Đơn vị',
    count: 'Số người',
    province: 'Tỉnh',
    place: 'Địa danh',
  },
  en: {
    title: 'Overview',
    office: 'Office',
    people: 'People tracked',
    units: 'Units in the catalogue',
    byCategory: 'People by staff category',
    byUnit: 'People by unit',
    drafts: 'Unsaved drafts',
    noDrafts: 'No drafts. Whatever you type in any form is saved as a draft automatically.',
    open: 'Open',
    empty: 'No people yet. Go to Catalogues › People to add them or import an Excel file.',
    unit: 'Unit',
    count: 'People',
    province: 'Province',
    place: 'Place name',
  },
});

export function DashboardScreen() {
  const t = useT(m);
  const { lang } = useLanguage();
  const status = useQuery('system.status', {}, { tables: ['units'] });
  const people = useQuery('people.list', {}, { tables: ['people'] });
  const units = useQuery('units.list', {}, { tables: ['units'] });
  const { drafts } = useDraftList();
  const office = status.data?.office;
  const list = people.data ?? [];
  const unitName = new Map((units.data ?? []).map((u) => [u.id, u.name]));

  const byCategory = STAFF_CATEGORIES.map((c) => ({ id: c, label: pick(STAFF_CATEGORY_LABELS[c], lang), count: list.filter((p) => p.staffCategory === c).length })).filter((r) => r.count > 0);
  const unitCounts = new Map<string, number>();
  for (const p of list) unitCounts.set(p.unitId, (unitCounts.get(p.unitId) ?? 0) + 1);
  const byUnit = [...unitCounts.entries()].map(([id, count]) => ({ id, name: unitName.get(id) ?? id, count })).sort((a, b) => b.count - a.count);
  const max = Math.max(1, ...byCategory.map((r) => r.count));

  return (
    <Stack gap="lg">
      <Title order={2}>{t('title')}</Title>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <Card withBorder radius="md" padding="lg" data-testid="dashboard-office">
          <Group wrap="nowrap" align="flex-start">
            <ThemeIcon size={44} radius="md" color="red.7" variant="light">
              <IconBuildingCommunity size={26} />
            </ThemeIcon>
            <Stack gap={2} miw={0}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('office')}
              </Text>
              <Text fw={700} size="lg" lh={1.3}>
                {office?.name ?? '—'}
              </Text>
              {office && (
                <Text size="sm" c="dimmed">
                  {pick(UNIT_LEVEL_LABELS[office.level], lang)}
                  {office.parentName ? ` · ${office.parentName}` : ''}
                  {office.province ? ` · ${office.province}` : ''}
                </Text>
              )}
            </Stack>
          </Group>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Group wrap="nowrap">
            <ThemeIcon size={44} radius="md" variant="light">
              <IconUsers size={26} />
            </ThemeIcon>
            <Stack gap={0}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('people')}
              </Text>
              <Text fw={700} fz={32} lh={1.1} data-testid="dashboard-people-count">
                {people.data ? list.length : '…'}
              </Text>
            </Stack>
          </Group>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Group wrap="nowrap">
            <ThemeIcon size={44} radius="md" variant="light" color="grape">
              <IconSitemap size={26} />
            </ThemeIcon>
            <Stack gap={0}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('units')}
              </Text>
              <Text fw={700} fz={32} lh={1.1}>
                {units.data ? units.data.length : '…'}
              </Text>
            </Stack>
          </Group>
        </Card>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder radius="md" padding="lg">
          <Title order={4} mb="md">
            {t('byCategory')}
          </Title>
          {byCategory.length === 0 ? (
            <Text c="dimmed">{t('empty')}</Text>
          ) : (
            <Stack gap="sm">
              {byCategory.map((r) => (
                <div key={r.id}>
                  <Group justify="space-between" mb={4}>
                    <Text size="sm">{r.label}</Text>
                    <Text size="sm" fw={600}>
                      {r.count}
                    </Text>
                  </Group>
                  <Progress value={(r.count / max) * 100} size="sm" />
                </div>
              ))}
            </Stack>
          )}
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Title order={4} mb="md">
            {t('byUnit')}
          </Title>
          {byUnit.length === 0 ? (
            <Text c="dimmed">{t('empty')}</Text>
          ) : (
            <Table striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('unit')}</Table.Th>
                  <Table.Th ta="right">{t('count')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {byUnit.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.name}</Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {r.count}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      </SimpleGrid>

      <Card withBorder radius="md" padding="lg" data-testid="dashboard-drafts">
        <Group gap="xs" mb="md">
          <IconHistory size={20} />
          <Title order={4}>{t('drafts')}</Title>
          {drafts.length > 0 && <Badge color="yellow">{drafts.length}</Badge>}
        </Group>
        {drafts.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('noDrafts')}
          </Text>
        ) : (
          <Stack gap={6}>
            {drafts.map((d) => (
              <Group key={d.key} justify="space-between">
                <Text size="sm">{d.label}</Text>
                <Group gap="md">
                  <Text size="xs" c="dimmed">
                    {formatDraftTime(d.savedAt, new Date())}
                  </Text>
                  <Anchor component="button" type="button" size="sm" onClick={() => navigate(draftPath(d.key), { draft: d.key })}>
                    {t('open')}
                  </Anchor>
                </Group>
              </Group>
            ))}
          </Stack>
        )}
      </Card>
    </Stack>
  );
}
