import { Alert, Badge, Button, Divider, Group, Modal, NumberInput, SegmentedControl, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypeDocx, IconFileTypePdf, IconPencil, IconPrinter, IconWritingSign } from '@tabler/icons-react';
import { useState } from 'react';
import type { AwardsConfig } from '../../../../shared/api/methods/awards.js';
import { decisionLabel, formatDecisionNumber } from '../../../../shared/awards/decision.js';
import { formatMoney } from '../../../../shared/awards/prize.js';
import { formatRegisterNumber } from '../../../../shared/awards/register.js';
import { formatDateShort } from '../../../../shared/vi/dates.js';
import { showApiError } from '../../api/errors.js';
import { useApi, useQuery, useSession } from '../../api/hooks.js';
import { downloadFile } from '../../files/download.js';
import { useT } from '../../i18n/language.js';
import { DecisionEditor } from './DecisionEditor.js';
import { awardsMessages as m } from './messages.js';
import { PrintPanel } from './PrintPanel.js';
import { AuthorityPanel } from './AuthorityPanel.js';

/** One decision: a draft can be edited and issued; an issued one is read-only, exported, printed, corrected. */
export function DecisionView({ id, config, onOpen }: { id: string; config: AwardsConfig; onOpen(id: string): void }) {
  const t = useT(m);
  const api = useApi();
  const { session } = useSession();
  const decision = useQuery('awards.getDecision', { id }, { tables: ['award_decisions', 'award_items'] });
  const log = useQuery('certificates.printLog', { decisionId: id }, { tables: ['certificate_prints'] });
  const authority = useQuery('awards.checkAuthority', { id }, { tables: ['award_decisions', 'award_items', 'award_authority_rules', 'units', 'people'] });
  const [editing, setEditing] = useState(false);
  const [number, setNumber] = useState<number | string>('');
  const [printItem, setPrintItem] = useState<{ id: string; name: string; code: string; reprint: boolean } | null>(null);
  const [printAll, setPrintAll] = useState(false);
  const [printKind, setPrintKind] = useState('');
  const [correcting, setCorrecting] = useState(false);
  const [note, setNote] = useState('');
  const canIssue = session?.user.role === 'head' || session?.user.role === 'admin';
  const d = decision.data;
  if (!d) return <Text>…</Text>;
  if (editing) return <DecisionEditor config={config} existing={d} authorityKind={authority.data?.authorityKind ?? null} onSaved={() => setEditing(false)} onClose={() => setEditing(false)} />;
  const dec = d.decision;
  const printed = new Set((log.data ?? []).map((p) => p.itemId));
  // The awards that get a certificate, grouped by kind: a decision mixing Giấy khen and titles prints each with its own template.
  const standing = d.items.filter((it) => it.status === 'issued');
  const firstToPrint = standing.find((it) => !printKind || it.awardCode === printKind);
  const kindCounts = new Map<string, { name: string; n: number }>();
  for (const it of standing) kindCounts.set(it.awardCode, { name: it.awardName, n: (kindCounts.get(it.awardCode)?.n ?? 0) + 1 });
  const kinds = [...kindCounts].map(([code, k]) => [code, k.name, k.n] as const);

  const issue = async () => {
    try {
      const r = await api.call('awards.issueDecision', { id: dec.id, expectedVersion: dec.version, ...(typeof number === 'number' ? { number } : {}) });
      notifications.show({ color: 'teal', message: t('issuedOk', { label: decisionLabel(r.decision) }) });
    } catch (e) {
      showApiError(e);
    }
  };
  const exportFile = async (kind: 'docx' | 'pdf') => {
    try {
      const f = await api.call(kind === 'docx' ? 'awards.exportDocx' : 'awards.exportPdf', { id: dec.id });
      downloadFile(f, kind === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf');
    } catch (e) {
      showApiError(e);
    }
  };
  const correct = async () => {
    try {
      const r = await api.call('awards.startCorrection', { id: dec.id, note });
      setCorrecting(false);
      onOpen(r.decision.id);
    } catch (e) {
      showApiError(e);
    }
  };

  return (
    <Stack data-testid="decision-view">
      <Group justify="space-between">
        <Stack gap={0}>
          <Title order={3} data-testid="decision-title">
            {dec.status === 'issued' ? decisionLabel(dec) : `${t('draft')}: ${formatDecisionNumber(null, dec.symbol)}`}
          </Title>
          <Text>{dec.subject}</Text>
          {d.correctsLabel ? <Text size="sm" c="dimmed">{t('correctionOf', { label: d.correctsLabel })}</Text> : null}
        </Stack>
        <Badge color={dec.status === 'issued' ? 'teal' : 'gray'} size="lg" data-testid="decision-status">
          {dec.status === 'issued' ? t('issued') : t('draft')}
        </Badge>
      </Group>
      <Group>
        {dec.status === 'draft' ? (
          <>
            <Button variant="light" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)} data-testid="decision-edit">
              {t('editorEdit')}
            </Button>
            {canIssue ? (
              <Group align="flex-end" gap="xs">
                <NumberInput label={t('issueNumber')} value={number} onChange={setNumber} min={1} w={260} data-testid="decision-number" />
                <Button leftSection={<IconWritingSign size={16} />} onClick={() => void issue()} data-testid="decision-issue">
                  {t('issue')}
                </Button>
              </Group>
            ) : null}
          </>
        ) : (
          <>
            <Button leftSection={<IconPrinter size={16} />} onClick={() => setPrintAll(true)} data-testid="decision-print-all">
              {t('printAll')}
            </Button>
            <Button variant="light" onClick={() => setCorrecting(true)}>
              {t('correction')}
            </Button>
          </>
        )}
        <Button variant="default" leftSection={<IconFileTypeDocx size={16} />} onClick={() => void exportFile('docx')} data-testid="decision-docx">
          {t('exportDocx')}
        </Button>
        <Button variant="default" leftSection={<IconFileTypePdf size={16} />} onClick={() => void exportFile('pdf')}>
          {t('exportPdf')}
        </Button>
      </Group>
      {dec.status === 'issued' ? <Alert color="blue">{t('readOnly')}</Alert> : null}
      {dec.status === 'draft' && authority.data ? <AuthorityPanel check={authority.data} /> : null}
      <Table striped withTableBorder data-testid="decision-items">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>TT</Table.Th>
            <Table.Th>{t('recipient')}</Table.Th>
            <Table.Th>{t('award')}</Table.Th>
            <Table.Th>{t('achievement')}</Table.Th>
            <Table.Th ta="right">{t('prize')}</Table.Th>
            <Table.Th>{t('regNo')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {d.items.map((it, i) => (
            <Table.Tr key={it.id} data-testid="decision-item">
              <Table.Td>{i + 1}</Table.Td>
              <Table.Td>
                <Text fw={600}>{it.recipientTitle ? `${it.recipientTitle} ${it.recipientName}` : it.recipientName}</Text>
                <Text size="xs" c="dimmed">
                  {[it.recipientPosition, it.recipientUnitName].filter(Boolean).join(', ')}
                </Text>
              </Table.Td>
              <Table.Td>{it.awardName}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {it.achievement}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{formatMoney(it.prizeAmount)}</Table.Td>
              <Table.Td>
                {it.registerNumber !== null && it.registerYear !== null ? formatRegisterNumber(it.registerNumber, it.registerYear) : '—'}
                {it.status === 'cancelled' ? <Badge color="red" ml="xs">{t('cancelled')}</Badge> : null}
              </Table.Td>
              <Table.Td>
                {it.status === 'issued' ? (
                  <Button size="xs" variant="subtle" onClick={() => setPrintItem({ id: it.id, name: it.recipientName, code: it.awardCode, reprint: printed.has(it.id) })} data-testid="item-print">
                    {printed.has(it.id) ? t('reprint') : t('printOne')}
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {(log.data ?? []).length > 0 ? (
        <>
          <Divider label={t('printLog')} />
          <Table data-testid="print-log">
            <Table.Tbody>
              {(log.data ?? []).map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{formatDateShort(p.printedAt.slice(0, 10))} {p.printedAt.slice(11, 16)}</Table.Td>
                  <Table.Td>{d.items.find((i) => i.id === p.itemId)?.recipientName}</Table.Td>
                  <Table.Td>{p.kind === 'reprint' ? t('printKindReprint') : t('printKindPrint')}</Table.Td>
                  <Table.Td>{p.reason}</Table.Td>
                  <Table.Td>{p.printedBy}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : null}
      <Modal opened={printAll} onClose={() => setPrintAll(false)} title={t('printAll')} size="lg">
        <Stack gap="xs">
          {kinds.length > 1 ? (
            <>
              <Text size="sm" c="dimmed">
                {t('printByKind')}
              </Text>
              <SegmentedControl
                fullWidth
                data={[{ value: '', label: t('printKindAll', { n: standing.length }) }, ...kinds.map(([code, name, n]) => ({ value: code, label: `${name} (${n})` }))]}
                value={printKind}
                onChange={setPrintKind}
                data-testid="print-kind"
              />
            </>
          ) : null}
          <PrintPanel
            key={printKind}
            {...(printKind ? { itemIds: standing.filter((it) => it.awardCode === printKind).map((it) => it.id) } : { decisionId: dec.id })}
            awardCodes={printKind ? [printKind] : kinds.map(([code]) => code)}
            {...(firstToPrint ? { previewItemId: firstToPrint.id } : {})}
            reprint={standing.some((it) => printed.has(it.id) && (!printKind || it.awardCode === printKind))}
            onDone={() => setPrintAll(false)}
          />
        </Stack>
      </Modal>
      <Modal opened={printItem !== null} onClose={() => setPrintItem(null)} title={printItem?.name ?? ''} size="lg">
        {printItem ? <PrintPanel itemIds={[printItem.id]} awardCodes={[printItem.code]} previewItemId={printItem.id} reprint={printItem.reprint} onDone={() => setPrintItem(null)} /> : null}
      </Modal>
      <Modal opened={correcting} onClose={() => setCorrecting(false)} title={t('correction')}>
        <Stack>
          <TextInput label={t('correctionNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button onClick={() => void correct()}>{t('correction')}</Button>
        </Stack>
      </Modal>
    </Stack>
  );
}
