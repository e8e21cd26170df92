import { Alert, Badge, Button, Checkbox, Group, Modal, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { AUTHORITY_KIND_LABELS, FIXED_RULES, RULE_AWARD_NAMES, type AuthorityRule } from '../../../../shared/awards/authority.js';
import type { AwardKind, Confidence } from '../../../../shared/awards/types.js';
import { formatDateShort } from '../../../../shared/vi/dates.js';
import { showApiError } from '../../api/errors.js';
import { useApi, useQuery, useSession } from '../../api/hooks.js';
import { DateField } from '../../forms/DateField.js';
import { pick } from '../../i18n/messages.js';
import { useLanguage, useT } from '../../i18n/language.js';
import { authorityMessages as m } from './authority-messages.js';

const CONF_COLOR: Record<Confidence, string> = { certain: 'teal', likely: 'yellow', unsure: 'red' };

/** Thẩm quyền khen thưởng: the authority table with its sources; the admin edits the rows that are not certain. */
export function AuthorityTab({ kinds }: { kinds: readonly AwardKind[] }) {
  const t = useT(m);
  const { lang } = useLanguage();
  const { session } = useSession();
  const isAdmin = session?.user.role === 'admin';
  const rules = useQuery('awards.authorityRules', {}, { tables: ['award_authority_rules', 'units'] });
  const [editing, setEditing] = useState<AuthorityRule | null>(null);
  const names = new Map(kinds.map((k) => [k.code, k.name]));
  const period = (r: AuthorityRule) =>
    [r.validFrom ? t('from', { date: formatDateShort(r.validFrom) }) : null, r.validTo ? t('to', { date: formatDateShort(r.validTo) }) : null].filter(Boolean).join(' ') || t('always');
  return (
    <Stack data-testid="authority-tab">
      <Title order={4}>{t('tab')}</Title>
      <Text size="sm" c="dimmed">
        {t('intro')}
      </Text>
      {!isAdmin ? <Text size="sm">{t('adminOnly')}</Text> : null}
      <Table withTableBorder striped data-testid="authority-rules">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('colRule')}</Table.Th>
            <Table.Th>{t('colAuthority')}</Table.Th>
            <Table.Th>{t('colAwards')}</Table.Th>
            <Table.Th>{t('colPeriod')}</Table.Th>
            <Table.Th>{t('colSource')}</Table.Th>
            <Table.Th>{t('colConfidence')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(rules.data?.rules ?? []).map((r) => (
            <Table.Tr key={r.id} data-testid="authority-rule" data-rule={r.code} style={r.enabled ? undefined : { opacity: 0.55 }}>
              <Table.Td>
                <Text fw={600}>{r.code}</Text>
                {!r.enabled ? <Badge color="gray">{t('disabled')}</Badge> : null}
              </Table.Td>
              <Table.Td>
                {r.authorities.map((a) => (
                  <Text size="sm" key={a}>
                    {pick(AUTHORITY_KIND_LABELS[a], lang)}
                  </Text>
                ))}
                <Text size="xs" mt={4} fw={600} c={r.localIssue ? 'blue' : 'grape'}>
                  {r.localIssue ? t('localIssue') : t('dossierOnly')}
                </Text>
              </Table.Td>
              <Table.Td>
                {r.awardCodes.map((c) => (
                  <Text size="sm" key={c}>
                    {names.get(c) ?? RULE_AWARD_NAMES[c] ?? c}{' '}
                    <Text span c="dimmed" size="xs">
                      ({c}{names.has(c) ? '' : `, ${t('unknownCode')}`})
                    </Text>
                  </Text>
                ))}
              </Table.Td>
              <Table.Td>{period(r)}</Table.Td>
              <Table.Td maw={280}>
                <Text size="sm">{r.source}</Text>
                {r.note ? (
                  r.confidence === 'certain' ? (
                    <Text size="xs" c="dimmed">{r.note}</Text>
                  ) : (
                    <Alert color="orange" p={6} mt={4} data-testid="authority-note">
                      <Text size="xs">{r.note}</Text>
                    </Alert>
                  )
                ) : null}
              </Table.Td>
              <Table.Td w={160} miw={160}>
                <Badge color={CONF_COLOR[r.confidence]}>{t(r.confidence)}</Badge>
              </Table.Td>
              <Table.Td>
                {r.configurable && isAdmin ? (
                  <Button size="xs" variant="light" onClick={() => setEditing(r)} data-testid="authority-edit">
                    {t('edit')}
                  </Button>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Title order={5}>{t('fixedTitle')}</Title>
      <Table withTableBorder>
        <Table.Tbody>
          {Object.entries(FIXED_RULES).map(([id, r]) => (
            <Table.Tr key={id}>
              <Table.Td w={120} fw={600}>{id}</Table.Td>
              <Table.Td>{r.title}</Table.Td>
              <Table.Td>{r.source}</Table.Td>
              <Table.Td w={160} miw={160}>
                <Badge color={CONF_COLOR[r.confidence]}>{t(r.confidence)}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? t('editTitle', { code: editing.code }) : ''} size="lg">
        {editing ? <RuleForm rule={editing} onDone={() => setEditing(null)} /> : null}
      </Modal>
    </Stack>
  );
}

function RuleForm({ rule, onDone }: { rule: AuthorityRule; onDone(): void }) {
  const t = useT(m);
  const api = useApi();
  const [codes, setCodes] = useState(rule.awardCodes.join(', '));
  const [from, setFrom] = useState<string | null>(rule.validFrom);
  const [to, setTo] = useState<string | null>(rule.validTo);
  const [enabled, setEnabled] = useState(rule.enabled);
  const [note, setNote] = useState(rule.note ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    try {
      await api.call('awards.saveAuthorityRule', {
        id: rule.id,
        expectedVersion: rule.version,
        awardCodes: codes.split(/[,;\s]+/u).map((c) => c.trim().toUpperCase()).filter(Boolean),
        validFrom: from,
        validTo: to,
        enabled,
        note,
      });
      notifications.show({ color: 'teal', message: t('saved', { code: rule.code }) });
      onDone();
    } catch (e) {
      setErrors(showApiError(e));
    }
  };
  return (
    <Stack>
      <Text size="sm">{rule.source}</Text>
      <TextInput label={t('awardCodes')} value={codes} onChange={(e) => setCodes(e.currentTarget.value)} error={errors.awardCodes ?? errors['awardCodes.0']} data-testid="authority-codes" />
      <Group grow>
        <DateField label={t('validFrom')} value={from} onChange={setFrom} error={errors.validFrom} />
        <DateField label={t('validTo')} value={to} onChange={setTo} error={errors.validTo} />
      </Group>
      <Checkbox label={t('enabled')} checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} data-testid="authority-enabled" />
      <Textarea label={t('note')} autosize minRows={3} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
      <Group justify="flex-end">
        <Button onClick={() => void save()} data-testid="authority-save">
          {t('save')}
        </Button>
      </Group>
    </Stack>
  );
}
