import { Alert, Badge, Group, Stack, Tabs, Text } from '@mantine/core';
import { IconCertificate2, IconDevices, IconInfoCircle, IconServer, IconUsb } from '@tabler/icons-react';
import { useState } from 'react';
import { useQuery } from '../../api/hooks.js';
import { PageHeader } from '../../app/PageHeader.js';
import { useT } from '../../i18n/language.js';
import { CodesTab } from './CodesTab.js';
import { DevicesTab } from './DevicesTab.js';
import { ServerTab } from './ServerTab.js';
import { UsbTab } from './UsbTab.js';
import { provinceMessages as m } from './messages.js';
import { ReviewsPanel } from '../reviews/ReviewsPanel.js';
import { reviewMessages } from '../reviews/messages.js';

/** Tỉnh / Trạm đồng bộ: the province's side of sync, shown only when this office is provincial. */
export function ProvinceScreen() {
  const t = useT(m);
  const tr = useT(reviewMessages);
  const status = useQuery('province.status', {}, { tables: ['province', 'units'] });
  const [tab, setTab] = useState<string | null>('codes');
  const s = status.data;
  if (s && !s.province) {
    return (
      <Stack gap="lg">
        <PageHeader title={t('title')} />
        <Alert color="gray" icon={<IconInfoCircle />} data-testid="province-not-province">
          {t('notProvince')}
        </Alert>
      </Stack>
    );
  }
  const url = s?.server.urls[0] ?? '';
  return (
    <Stack gap="lg">
      <PageHeader title={t('title')} subtitle={t('subtitle', { hub: s?.hubName ?? '…' })}>
        <Group gap="xs">
          <Badge color={s?.server.running ? 'teal' : 'gray'} variant="light" size="lg" tt="none" data-testid="province-server-badge">
            {s?.server.running ? t('serverOn', { url }) : t('serverOff')}
          </Badge>
          <Badge color="blue" variant="light" size="lg" tt="none">
            {t('activeDevices', { n: s?.activeDevices ?? 0 })}
          </Badge>
        </Group>
      </PageHeader>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="codes" leftSection={<IconCertificate2 size={16} />} data-testid="province-tab-codes">
            {t('tabCodes')}
          </Tabs.Tab>
          <Tabs.Tab value="devices" leftSection={<IconDevices size={16} />} data-testid="province-tab-devices">
            {t('tabDevices')}
          </Tabs.Tab>
          <Tabs.Tab value="usb" leftSection={<IconUsb size={16} />} data-testid="province-tab-usb">
            {t('tabUsb')}
          </Tabs.Tab>
          <Tabs.Tab value="server" leftSection={<IconServer size={16} />} data-testid="province-tab-server">
            {t('tabServer')}
          </Tabs.Tab>
          <Tabs.Tab value="reviews" data-testid="province-tab-reviews">{tr('tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="codes" pt="md">
          <CodesTab hubUrl={s?.server.running ? url : ''} />
        </Tabs.Panel>
        <Tabs.Panel value="devices" pt="md">
          <DevicesTab />
        </Tabs.Panel>
        <Tabs.Panel value="usb" pt="md">
          <UsbTab />
        </Tabs.Panel>
        <Tabs.Panel value="reviews" pt="md">
          <ReviewsPanel />
        </Tabs.Panel>
        <Tabs.Panel value="server" pt="md">
          {s ? <ServerTab server={s.server} onChange={status.reload} /> : <Text c="dimmed">…</Text>}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
