import { Badge, Button, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDecisionNumber } from '../../../../shared/awards/decision.js';
import { formatMoney } from '../../../../shared/awards/prize.js';
import { formatDateShort } from '../../../../shared/vi/dates.js';
import { useQuery } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { DecisionEditor } from './DecisionEditor.js';
import { DecisionView } from './DecisionView.js';
import { awardsMessages as m } from './messages.js';
import { RatesTab } from './RatesTab.js';
import { RegisterTab } from './RegisterTab.js';
import { VerifyTab } from './VerifyTab.js';
import { AuthorityTab } from './AuthorityTab.js';
import { authorityMessages } from './authority-messages.js';

const AWARD_TABLES = ['award_decisions', 'award_items', 'award_kinds', 'base_salaries', 'award_options', 'award_registers', 'certificate_prints'];

/** Khen thưởng: decisions, the register, verification, prize rates. */
export function AwardsScreen() {
  const t = useT(m);
  const ta = useT(authorityMessages);
  const config = useQuery('awards.config', {}, { tables: AWARD_TABLES });
  const decisions = useQuery('awards.listDecisions', {}, { tables: AWARD_TABLES });
  const [open, setOpen] = useState<string | 'new' | null>(null);
  const [tab, setTab] = useState<string | null>('decisions');
  if (!config.data) return <Text>…</Text>;
  const cfg = config.data;
  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Tabs value={tab} onChange={(v) => { setTab(v); setOpen(null); }}>
        <Tabs.List>
          <Tabs.Tab value="decisions" data-testid="awards-tab-decisions">{t('tabDecisions')}</Tabs.Tab>
          <Tabs.Tab value="register" data-testid="awards-tab-register">{t('tabRegister')}</Tabs.Tab>
          <Tabs.Tab value="verify" data-testid="awards-tab-verify">{t('tabVerify')}</Tabs.Tab>
          <Tabs.Tab value="rates" data-testid="awards-tab-rates">{t('tabRates')}</Tabs.Tab>
          <Tabs.Tab value="authority" data-testid="awards-tab-authority">{ta('tab')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="decisions" pt="md">
          {open === 'new' ? (
            <DecisionEditor config={cfg} existing={null} onSaved={(d) => setOpen(d.decision.id)} onClose={() => setOpen(null)} />
          ) : open ? (
            <Stack>
              <Group>
                <Button variant="subtle" onClick={() => setOpen(null)} data-testid="decision-back">
                  ← {t('tabDecisions')}
                </Button>
              </Group>
              <DecisionView id={open} config={cfg} onOpen={setOpen} />
            </Stack>
          ) : (
            <Stack>
              <Group justify="flex-end">
                <Button leftSection={<IconPlus size={16} />} onClick={() => setOpen('new')} data-testid="decision-new">
                  {t('newDecision')}
                </Button>
              </Group>
              {(decisions.data ?? []).length === 0 ? (
                <Text c="dimmed" data-testid="decisions-empty">{t('emptyDecisions')}</Text>
              ) : (
                <Table striped highlightOnHover withTableBorder>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('colNumber')}</Table.Th>
                      <Table.Th>{t('colDate')}</Table.Th>
                      <Table.Th>{t('colSubject')}</Table.Th>
                      <Table.Th>{t('colStatus')}</Table.Th>
                      <Table.Th ta="right">{t('colCount')}</Table.Th>
                      <Table.Th ta="right">{t('colTotal')}</Table.Th>
                      <Table.Th ta="right">{t('colPrinted')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {(decisions.data ?? []).map((s) => (
                      <Table.Tr key={s.decision.id} onClick={() => setOpen(s.decision.id)} style={{ cursor: 'pointer' }} data-testid="decision-row">
                        <Table.Td>{formatDecisionNumber(s.decision.number, s.decision.symbol)}</Table.Td>
                        <Table.Td>{formatDateShort(s.decision.decisionDate)}</Table.Td>
                        <Table.Td>{s.decision.subject}</Table.Td>
                        <Table.Td>
                          <Badge color={s.decision.status === 'issued' ? 'teal' : 'gray'}>{s.decision.status === 'issued' ? t('issued') : t('draft')}</Badge>
                        </Table.Td>
                        <Table.Td ta="right">{s.itemCount}</Table.Td>
                        <Table.Td ta="right">{formatMoney(s.totalPrize).replace(' đồng', '')}</Table.Td>
                        <Table.Td ta="right">{s.printedCount}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="register" pt="md">
          {tab === 'register' ? <RegisterTab /> : null}
        </Tabs.Panel>
        <Tabs.Panel value="verify" pt="md">
          <VerifyTab />
        </Tabs.Panel>
        <Tabs.Panel value="rates" pt="md">
          <RatesTab config={cfg} />
        </Tabs.Panel>
        <Tabs.Panel value="authority" pt="md">
          {tab === 'authority' ? <AuthorityTab kinds={cfg.kinds} /> : null}
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
