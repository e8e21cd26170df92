import { Alert, Badge, Stack, Text } from '@mantine/core';
import type { ReviewStatus as Status, ReviewSubject } from '../../../../shared/api/methods/reviews.js';
import { formatDateShort } from '../../../../shared/vi/dates.js';
import { useQuery } from '../../api/hooks.js';
import { useT } from '../../i18n/language.js';
import { reviewMessages as m } from './messages.js';

const COLOR: Record<Status, string> = { received: 'blue', accepted: 'teal', returned: 'red' };

/** Office: the province's answer next to an item it sent (a returned one shows the province's reason). */
export function ReviewStatus({ subjectTable, subjectId }: { subjectTable: ReviewSubject; subjectId: string }) {
  const t = useT(m);
  const q = useQuery('reviews.mine', { subjectTable, subjectId }, { tables: ['submission_reviews'] });
  const r = q.data?.[0];
  if (!r) return null;
  const by = t('by', { name: r.reviewerName, date: formatDateShort(r.reviewedOn) });
  if (r.status === 'returned') {
    return (
      <Alert color="red" title={t('status_returned')} data-testid="review-status">
        <Stack gap={2}>
          <Text size="sm">{r.comment}</Text>
          <Text size="xs" c="dimmed">
            {by}
          </Text>
        </Stack>
      </Alert>
    );
  }
  return (
    <Badge color={COLOR[r.status]} variant="light" tt="none" data-testid="review-status" title={by}>
      {t(`status_${r.status}`)}
    </Badge>
  );
}
