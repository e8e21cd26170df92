import { Badge, Button, Card, FileButton, Group, Stack, Table, Tabs, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClipboardText, IconFileImport } from '@tabler/icons-react';
import { useState } from 'react';
import { showApiError } from '../../api/errors.js';
import { useApi, useQuery } from '../../api/hooks.js';
import { readFileAsBase64 } from '../../files/download.js';
import { useT } from '../../i18n/language.js';
import { planMessages as m } from './messages.js';
import { DeadlineBoard } from './DeadlineBoard.js';
import { ImportDialog } from './ImportDialog.js';
import { PlanView } from './PlanView.js';
import { YearCalendar } from './YearCalendar.js';
import { PageHeader } from '../../app/PageHeader.js';

const STATUS_COLOR = { draft: 'gray', issued: 'teal', superseded: 'dark', received: 'blue' } as const;

export function PlansScreen() {
  const t = useT(m);
  const api = useApi();
  const [tab, setTab] = useState<string | null>('plans');
  const [openId, setOpenId] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  const plans = useQuery('plans.list', {}, { tables: ['plans'] });
  const list = plans.data ?? [];

  const receive = async (file: File | null) => {
    if (!file) return;
    try {
      const plan = await api.call('plans.receiveFile', await readFileAsBase64(file));
      notifications.show({ color: 'teal', message: t('received') });
      setOpenId(plan.id);
    } catch (e) {
      showApiError(e);
    }
  };

  if (openId) return <PlanView id={openId} onBack={() => setOpenId(null)} onOpen={setOpenId} />;
  return (
    <Stack gap="md">
      <PageHeader title={t('title')} subtitle={t('subtitle')}>
        <Group>
          <FileButton onChange={(f) => void receive(f)} accept=".json,application/json">
            {(props) => (
              <Button variant="light" leftSection={<IconFileImport size={18} />} {...props} data-testid="plans-receive-file">
                {t('receiveFile')}
              </Button>
            )}
          </FileButton>
          <Button leftSection={<IconClipboardText size={18} />} onClick={() => setImporting(true)} data-testid="plans-import">
            {t('importText')}
          </Button>
        </Group>
      </PageHeader>
      <Tabs value={tab} onChange={setTab}>
        <Tabs.List>
          <Tabs.Tab value="plans" data-testid="plans-tab-list">
            {t('tabPlans')}
          </Tabs.Tab>
          <Tabs.Tab value="board" data-testid="plans-tab-board">
            {t('tabBoard')}
          </Tabs.Tab>
          <Tabs.Tab value="calendar" data-testid="plans-tab-calendar">
            {t('tabCalendar')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="plans" pt="md">
          <Card withBorder p={0}>
            {list.length === 0 ? (
              <Text p="md" c="dimmed">
                {t('empty')}
              </Text>
            ) : (
              <Table highlightOnHover>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('colNumber')}</Table.Th>
                    <Table.Th>{t('colSummary')}</Table.Th>
                    <Table.Th>{t('colIssuer')}</Table.Th>
                    <Table.Th>{t('colYear')}</Table.Th>
                    <Table.Th>{t('colStatus')}</Table.Th>
                    <Table.Th />
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.map((p) => (
                    <Table.Tr key={p.id} data-testid="plan-row">
                      <Table.Td>{p.numberSymbol}</Table.Td>
                      <Table.Td>{p.summary}</Table.Td>
                      <Table.Td>{p.issuingBody}</Table.Td>
                      <Table.Td>{p.year}</Table.Td>
                      <Table.Td>
                        <Badge color={STATUS_COLOR[p.status]}>{t(`status_${p.status}`)}</Badge>
                      </Table.Td>
                      <Table.Td>
                        <Button size="compact-sm" variant="light" onClick={() => setOpenId(p.id)} data-testid="plan-open">
                          {t('open')}
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        </Tabs.Panel>
        <Tabs.Panel value="board" pt="md">
          {tab === 'board' && <DeadlineBoard onOpen={setOpenId} years={[...new Set(list.map((p) => p.year))]} />}
        </Tabs.Panel>
        <Tabs.Panel value="calendar" pt="md">
          {tab === 'calendar' && <YearCalendar plans={list.filter((p) => p.status !== 'superseded')} />}
        </Tabs.Panel>
      </Tabs>
      <ImportDialog opened={importing} onClose={() => setImporting(false)} onSaved={setOpenId} />
    </Stack>
  );
}
