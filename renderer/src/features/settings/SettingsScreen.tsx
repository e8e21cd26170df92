import { Card, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { UNIT_LEVEL_LABELS } from '../../../../shared/domain/units.js';
import { useQuery } from '../../api/hooks.js';
import { useLanguage, useT } from '../../i18n/language.js';
import { defineMessages, pick, type Language } from '../../i18n/messages.js';

const m = defineMessages({
  vi: {
    title: 'Cài đặt',
    language: 'Ngôn ngữ giao diện',
    languageHint: 'Lựa chọn được ghi nhớ trên máy này.',
    office: 'Thông tin cơ quan',
    officeHint: 'Thông tin này được nhập khi cài đặt lần đầu. Chức năng sửa sẽ có trong bản cập nhật sau.',
    name: 'Tên đơn vị',
    shortName: 'Tên viết tắt',
    level: 'Cấp đơn vị',
    parentName: 'Cơ quan cấp trên',
    province: 'Tỉnh, thành phố',
    placeName: 'Địa danh ghi trên văn bản',
    schema: 'Phiên bản dữ liệu',
  },
  en: {
    title: 'Settings',
    language: 'Interface language',
    languageHint: 'The choice is remembered on this computer.',
    office: 'Office details',
    officeHint: 'Entered during first-run setup. Editing will come in a later update.',
    name: 'Unit name',
    shortName: 'Short name',
    level: 'Level',
    parentName: 'Parent body',
    province: 'Province or city',
    placeName: 'Place name on documents',
    schema: 'Data version',
  },
});

export function SettingsScreen() {
  const t = useT(m);
  const { lang, setLang } = useLanguage();
  const status = useQuery('system.status', {}, { tables: ['units'] });
  const office = status.data?.office ?? null;
  const rows: Array<[string, string]> = office
    ? [
        [t('name'), office.name],
        [t('shortName'), office.shortName ?? '—'],
        [t('level'), pick(UNIT_LEVEL_LABELS[office.level], lang)],
        [t('parentName'), office.parentName ?? '—'],
        [t('province'), office.province ?? '—'],
        [t('placeName'), office.placeName ?? '—'],
        [t('schema'), status.data?.schemaVersion ?? '—'],
      ]
    : [];
  return (
    <Stack gap="lg">
      <Title order={2}>{t('title')}</Title>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder radius="md" padding="lg">
          <Stack gap="sm">
            <Title order={4}>{t('language')}</Title>
            <SegmentedControl
              data-testid="language-switch"
              value={lang}
              onChange={(value) => setLang(value as Language)}
              data={[
                { value: 'vi', label: 'Tiếng Việt' },
                { value: 'en', label: 'English' },
              ]}
            />
            <Text size="sm" c="dimmed">
              {t('languageHint')}
            </Text>
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Stack gap="sm">
            <Title order={4}>{t('office')}</Title>
            <Table withRowBorders={false} verticalSpacing={6}>
              <Table.Tbody>
                {rows.map(([label, value]) => (
                  <Table.Tr key={label}>
                    <Table.Td c="dimmed" w="40%">
                      {label}
                    </Table.Td>
                    <Table.Td fw={500}>{value}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="sm" c="dimmed">
              {t('officeHint')}
            </Text>
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
