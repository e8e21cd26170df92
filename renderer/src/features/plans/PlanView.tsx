import { Alert, Anchor, Badge, Button, Checkbox, Group, List, Loader, Modal, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconCopy, IconFileExport, IconFileTypeDocx, IconFileTypePdf, IconGitBranch, IconPencil, IconRosette } from '@tabler/icons-react';
import { useState } from 'react';
import { numberSymbol, type PlanContent } from '../../../../shared/plans/model.js';
import { generateBody } from '../../../../shared/plans/derive.js';
import { bodyFollowsParts } from '../../../../shared/plans/edit.js';
import type { FileData } from '../../../../shared/api/methods/people.js';
import { showApiError } from '../../api/errors.js';
import { useApi, useQuery, useSession } from '../../api/hooks.js';
import { downloadFile } from '../../files/download.js';
import { useT } from '../../i18n/language.js';
import { planMessages as m } from './messages.js';
import { PlanFacts } from './PlanFacts.js';
import { PlanEditor } from './PlanEditor.js';
import { editorMessages } from './editor-messages.js';
import { DraftBanner } from '../../drafts/DraftBanner.js';
import { formatDraftTime } from '../../drafts/time.js';
import { useDraft } from '../../drafts/useDraft.js';
import { OfficeProgressCard } from './OfficeProgressCard.js';
import { ReviewStatus } from '../reviews/ReviewStatus.js';

const STATUS_COLOR = { draft: 'gray', issued: 'teal', superseded: 'dark', received: 'blue' } as const;
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function PlanView({ id, onBack, onOpen }: { id: string; onBack(): void; onOpen(id: string): void }) {
  const t = useT(m);
  const api = useApi();
  const { session } = useSession();
  const detail = useQuery('plans.get', { id }, { tables: ['plans'] });
  const [editing, setEditing] = useState<PlanContent | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  // Whether saving rewrites the printed body from the structured parts (see startEditing).
  const [rewriteBody, setRewriteBody] = useState(false);
  const te = useT(editorMessages);
  const loaded = detail.data?.plan;
  // Everything typed in the editor is kept as a draft (Dexie + mirror file) until it is saved.
  const draft = useDraft<PlanContent>(`plans.edit:${id}`, te('draftLabel', { name: loaded ? (loaded.content.ref.symbol ? numberSymbol(loaded.content.ref) : loaded.content.summary) : '' }), editing ?? ({} as PlanContent), { enabled: editing !== null });

  if (!detail.data) return detail.loading ? <Loader /> : <Alert color="red">{String(detail.error ?? '')}</Alert>;
  const { plan, issues, issueBlockers, parent, children, history } = detail.data;
  const c = plan.content;
  const canIssue = session?.user.role === 'head' || session?.user.role === 'admin';

  const act = async (name: string, fn: () => Promise<void>) => {
    setBusy(name);
    try {
      await fn();
    } catch (e) {
      showApiError(e);
    } finally {
      setBusy(null);
    }
  };
  const saveFile = (file: FileData, mime: string) => {
    downloadFile(file, mime);
    notifications.show({ color: 'teal', message: t('fileSaved', { name: file.fileName }) });
  };
  const startEditing = () => {
    // A body still equal to what the app would generate (derived plans) follows the edits; an imported text's own wording is kept unless asked.
    setRewriteBody(bodyFollowsParts(c));
    setErrors({});
    setEditing(c);
  };
  const save = async () => {
    if (!editing) return;
    setBusy('save');
    try {
      const content = rewriteBody ? { ...editing, body: generateBody(editing) } : editing;
      await api.call('plans.update', { id: plan.id, expectedVersion: plan.version, content });
      await draft.clear();
      notifications.show({ color: 'teal', message: t('saved') });
      setEditing(null);
      setErrors({});
    } catch (e) {
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(showApiError(e))) fields[k.replace(/^content\./u, '')] = v;
      setErrors(fields);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Stack gap="md" data-testid="plan-view">
      <Group>
        <Button variant="subtle" leftSection={<IconArrowLeft size={16} />} onClick={onBack} data-testid="plan-back">
          {t('back')}
        </Button>
      </Group>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="xs">
            <Badge color={STATUS_COLOR[plan.status]} data-testid="plan-status">
              {t(`status_${plan.status}`)}
            </Badge>
            {plan.revision > 1 && <Badge variant="outline">{t('rev', { n: plan.revision })}</Badge>}
            {plan.status !== 'draft' && <ReviewStatus subjectTable="plans" subjectId={plan.id} />}
            <Text c="dimmed" size="sm">
              {c.ref.symbol ? `${c.ref.number || '…'}/${c.ref.symbol}` : ''} {plan.sourceUnitName ?? c.header.issuingBody}
            </Text>
          </Group>
          <Title order={2} mt={4}>
            {c.docType} — {c.summary}
          </Title>
          <Text size="sm" c="dimmed">
            {c.ref.place}
            {c.ref.place ? ', ' : ''}
            {c.ref.date.text}
          </Text>
        </div>
        <Group gap="xs">
          {plan.status === 'draft' && (
            <Button leftSection={<IconPencil size={16} />} variant="light" onClick={startEditing} data-testid="plan-edit">
              {t('edit')}
            </Button>
          )}
          {plan.status === 'draft' && canIssue && (
            <Button leftSection={<IconRosette size={16} />} loading={busy === 'issue'} onClick={() => void act('issue', async () => { await api.call('plans.issue', { id: plan.id, expectedVersion: plan.version }); notifications.show({ color: 'teal', message: t('issued') }); })} data-testid="plan-issue">
              {t('issue')}
            </Button>
          )}
          {plan.status === 'issued' && (
            <Button leftSection={<IconCopy size={16} />} variant="light" loading={busy === 'revise'} onClick={() => void act('revise', async () => onOpen((await api.call('plans.revise', { id: plan.id })).id))} data-testid="plan-revise">
              {t('revise')}
            </Button>
          )}
          {(plan.status === 'issued' || plan.status === 'received') && (
            <Button leftSection={<IconGitBranch size={16} />} loading={busy === 'derive'} onClick={() => void act('derive', async () => { const d = await api.call('plans.derive', { parentId: plan.id }); notifications.show({ color: 'teal', message: t('derived') }); onOpen(d.id); })} data-testid="plan-derive">
              {t('derive')}
            </Button>
          )}
        </Group>
      </Group>
      <Group gap="xs">
        <Button size="xs" variant="default" leftSection={<IconFileTypeDocx size={16} />} loading={busy === 'docx'} onClick={() => void act('docx', async () => saveFile(await api.call('plans.exportDocx', { id: plan.id, part: 'plan' }), DOCX))} data-testid="plan-export-docx">
          {t('exportDocx')}
        </Button>
        <Button size="xs" variant="default" leftSection={<IconFileTypePdf size={16} />} loading={busy === 'pdf'} onClick={() => void act('pdf', async () => saveFile(await api.call('plans.exportPdf', { id: plan.id, part: 'plan' }), 'application/pdf'))} data-testid="plan-export-pdf">
          {t('exportPdf')}
        </Button>
        {c.issuingDecision && (
          <Button size="xs" variant="default" leftSection={<IconFileTypeDocx size={16} />} onClick={() => void act('qd', async () => saveFile(await api.call('plans.exportDocx', { id: plan.id, part: 'decision' }), DOCX))}>
            {t('exportDecision')}
          </Button>
        )}
        {plan.status !== 'draft' && (
          <Button size="xs" variant="default" leftSection={<IconFileExport size={16} />} onClick={() => void act('file', async () => saveFile(await api.call('plans.exportFile', { id: plan.id }), 'application/json'))} data-testid="plan-export-file">
            {t('exportFile')}
          </Button>
        )}
      </Group>
      {plan.status === 'received' && <Alert color="blue">{t('readOnly')}</Alert>}
      {plan.status === 'issued' && <Alert color="teal">{t('issuedNote')}</Alert>}
      {issueBlockers.length > 0 && (
        <Alert color="orange" title={t('blockers')} data-testid="plan-blockers">
          <List size="sm">
            {issueBlockers.map((i) => (
              <List.Item key={i.path + i.message}>{i.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {issues.filter((i) => i.severity === 'warning').length > 0 && (
        <Alert color="yellow" title={t('warnings')}>
          <List size="sm">
            {issues
              .filter((i) => i.severity === 'warning')
              .map((i) => (
                <List.Item key={i.path + i.message}>{i.message}</List.Item>
              ))}
          </List>
        </Alert>
      )}
      {parent && (
        <Text size="sm">
          {t('parent')}:{' '}
          <Anchor onClick={() => onOpen(parent.id)}>
            {parent.numberSymbol} {parent.summary} ({parent.issuingBody})
          </Anchor>
        </Text>
      )}
      {children.length > 0 && (
        <Text size="sm">
          {t('children')}:{' '}
          {children.map((ch) => (
            <Anchor key={ch.id} mr="sm" onClick={() => onOpen(ch.id)}>
              {ch.numberSymbol || ch.summary}
            </Anchor>
          ))}
        </Text>
      )}
      {history.length > 0 && (
        <Text size="sm">
          {t('history')}:{' '}
          {history.map((h) => (
            <Anchor key={h.id} mr="sm" onClick={() => onOpen(h.id)}>
              {h.numberSymbol} ({t('rev', { n: h.revision })})
            </Anchor>
          ))}
        </Text>
      )}
      <PlanFacts plan={c} />
      {plan.status === 'issued' && plan.ownerUnitId === session?.officeUnitId && <OfficeProgressCard planId={plan.id} />}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} size="95%" title={<Title order={3}>{t('editTitle')}</Title>}>
        {editing && (
          <Stack>
            <DraftBanner draft={draft} onRestore={(data) => setEditing({ ...editing, ...data })} />
            <PlanEditor value={editing} onChange={setEditing} errors={errors} />
            <Group justify="space-between" align="flex-end">
              <Checkbox label={te('regenerateBody')} description={te('regenerateBodyHint')} checked={rewriteBody} onChange={(e) => setRewriteBody(e.currentTarget.checked)} maw={640} data-testid="plan-rewrite-body" />
              <Group>
                {draft.lastSavedAt && (
                  <Text size="xs" c="dimmed" data-testid="plan-draft-saved">
                    {te('draftSaved', { time: formatDraftTime(draft.lastSavedAt, new Date()) })}
                  </Text>
                )}
                <Button variant="subtle" onClick={() => setEditing(null)}>
                  {t('cancel')}
                </Button>
                <Button loading={busy === 'save'} onClick={() => void save()} data-testid="plan-save">
                  {t('save')}
                </Button>
              </Group>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
