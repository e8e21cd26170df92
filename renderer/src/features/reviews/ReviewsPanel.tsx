import { Badge, Button, Group, Modal, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { ReviewStatus, SubmissionView } from '../../../../shared/api/methods/reviews.js';
import { formatDateShort } from '../../../../shared/vi/dates.js';
import { useCommand, useQuery } from '../../api/hooks.js';
import { showApiError } from '../../api/errors.js';
import { useT } from '../../i18n/language.js';
import { reviewMessages as m } from './messages.js';

const COLOR: Record<ReviewStatus, string> = { received: 'blue', accepted: 'teal', returned: 'red' };

/** Province: what the offices sent, with Tiếp nhận / Chấp thuận / Trả lại kèm lý do. */
export function ReviewsPanel() {
  const t = useT(m);
  const [show, setShow] = useState<'open' | 'all'>('open');
  const inbox = useQuery('reviews.inbox', { show }, { tables: ['plans', 'award_decisions', 'submission_reviews', 'attachments'] });
  const set = useCommand('reviews.set');
  const [returning, setReturning] = useState<SubmissionView | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);

  const answer = async (s: SubmissionView, status: ReviewStatus, comment: string | null) => {
    try {
      await set.run({ subjectTable: s.subjectTable, subjectId: s.subjectId, subjectVersion: s.subjectVersion, status, comment });
      inbox.reload();
      return true;
    } catch (error) {
      const issues = showApiError(error);
      setReasonError(issues.comment ?? null);
      return false;
    }
  };

  const rows = inbox.data ?? [];
  return (
    <Stack gap="md" data-testid="reviews-panel">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={720}>
          {t('intro')}
        </Text>
        <SegmentedControl value={show} onChange={(v) => setShow(v === 'all' ? 'all' : 'open')} data={[{ value: 'open', label: t('showOpen') }, { value: 'all', label: t('showAll') }]} />
      </Group>
      {rows.length === 0 ? (
        <Text c="dimmed" data-testid="reviews-empty">
          {t('empty')}
        </Text>
      ) : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('office')}</Table.Th>
              <Table.Th>{t('item')}</Table.Th>
              <Table.Th>{t('sent')}</Table.Th>
              <Table.Th>{t('state')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((s) => (
              <Table.Tr key={`${s.subjectTable}:${s.subjectId}`} data-testid="review-row">
                <Table.Td>{s.officeName}</Table.Td>
                <Table.Td>
                  <Text size="sm">{s.label}</Text>
                  {s.attachments > 0 && (
                    <Text size="xs" c="dimmed">
                      {t('files', { n: s.attachments })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{formatDateShort(s.sentAt.slice(0, 10))}</Table.Td>
                <Table.Td miw={170}>
                  {s.review ? (
                    <Stack gap={2}>
                      <Badge color={COLOR[s.review.status]} variant="light" tt="none">
                        {t(`status_${s.review.status}`)}
                      </Badge>
                      {s.review.comment && <Text size="xs">{s.review.comment}</Text>}
                      {s.changedSinceReview && (
                        <Text size="xs" c="orange">
                          {t('changed')}
                        </Text>
                      )}
                    </Stack>
                  ) : (
                    <Badge color="gray" variant="light" tt="none">
                      {t('none')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button size="xs" variant="default" loading={set.running} onClick={() => void answer(s, 'received', null)} data-testid="review-receive">
                      {t('receive')}
                    </Button>
                    <Button size="xs" color="teal" loading={set.running} onClick={() => void answer(s, 'accepted', null)} data-testid="review-accept">
                      {t('accept')}
                    </Button>
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      onClick={() => {
                        setReason('');
                        setReasonError(null);
                        setReturning(s);
                      }}
                      data-testid="review-return"
                    >
                      {t('return')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Modal opened={returning !== null} onClose={() => setReturning(null)} title={returning ? `${t('return')}: ${returning.label}` : ''} size="lg">
        <Stack>
          <Textarea label={t('reason')} placeholder={t('reasonPh')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={reasonError} autosize minRows={3} data-testid="review-reason" />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setReturning(null)}>
              {t('cancel')}
            </Button>
            <Button
              color="red"
              loading={set.running}
              data-testid="review-return-confirm"
              onClick={() => {
                if (returning) void answer(returning, 'returned', reason).then((ok) => ok && setReturning(null));
              }}
            >
              {t('confirmReturn')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
