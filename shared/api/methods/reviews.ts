import { z } from 'zod';
import { command, query } from '../define.js';
import { idSchema, optionalText } from '../../schema/text.js';

/**
 * Reviews and returns (issue 4, point 3): the province answers what an
 * office sent — received, accepted, or returned with a reason — and the
 * office sees the answer next to the item. The province's answers travel
 * down the feed to that office only (submission_reviews.target_unit_id).
 */
export const REVIEW_SUBJECTS = ['plans', 'award_decisions'] as const;
export type ReviewSubject = (typeof REVIEW_SUBJECTS)[number];
export const REVIEW_STATUSES = ['received', 'accepted', 'returned'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export interface ReviewView {
  id: string;
  subjectTable: ReviewSubject;
  subjectId: string;
  /** The version of the item the province looked at. */
  subjectVersion: number;
  subjectLabel: string;
  status: ReviewStatus;
  comment: string | null;
  reviewerName: string;
  reviewedOn: string;
  version: number;
}

/** One item an office sent, as the province sees it. */
export interface SubmissionView {
  subjectTable: ReviewSubject;
  subjectId: string;
  subjectVersion: number;
  label: string;
  officeUnitId: string;
  officeName: string;
  /** When the office last changed it (its row's updated_at). */
  sentAt: string;
  review: ReviewView | null;
  /** The office changed the item after the province's last answer. */
  changedSinceReview: boolean;
  attachments: number;
}

const reviewers = ['head', 'admin'] as const;

export const reviewQueries = {
  /** Province: what offices sent (issued plans and decisions that reached this database), with the answer given so far. */
  'reviews.inbox': query<SubmissionView[]>()(z.object({ show: z.enum(['open', 'all']).default('open') }), 'user'),
  /** Office: the province's answers about this office's items (all, or one item's). */
  'reviews.mine': query<ReviewView[]>()(z.object({ subjectTable: z.enum(REVIEW_SUBJECTS).optional(), subjectId: idSchema.optional() }), 'user'),
};

export const reviewCommands = {
  /** Province: Tiếp nhận / Chấp thuận / Trả lại (a return needs its reason). */
  'reviews.set': command<ReviewView>()(
    z
      .object({
        subjectTable: z.enum(REVIEW_SUBJECTS, { error: 'Loại văn bản: không hợp lệ.' }),
        subjectId: idSchema,
        subjectVersion: z.number().int().positive(),
        status: z.enum(REVIEW_STATUSES, { error: 'Trạng thái: chọn Tiếp nhận, Chấp thuận hoặc Trả lại.' }),
        comment: optionalText('Lý do / nhận xét', 1000),
      })
      .superRefine((v, ctx) => {
        if (v.status === 'returned' && !v.comment) ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Lý do trả lại: không được để trống (đơn vị cần biết phải sửa gì).' });
      }),
    reviewers,
  ),
};
