import { z } from 'zod';
import { command, query } from '../define.js';
import { idSchema, optionalText, requiredText } from '../../schema/text.js';
import type { FileData } from './people.js';

/**
 * Files attached to a row (a plan's signed PDF, a scanned decision). The
 * bytes are stored once, content-addressed, and travel in chunks through the
 * hub: up from the office that attached them, down to the offices that
 * receive the row they are attached to.
 */
export const ATTACHABLE = ['plans', 'award_decisions', 'award_items', 'submission_reviews'] as const;
export type Attachable = (typeof ATTACHABLE)[number];

export interface AttachmentView {
  id: string;
  subjectTable: Attachable;
  subjectId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  /** False while the bytes have not (all) arrived on this PC yet. */
  available: boolean;
  ownerUnitId: string;
  createdAt: string;
}

const editors = ['officer', 'head', 'admin'] as const;
const subject = { subjectTable: z.enum(ATTACHABLE, { error: 'Loại bản ghi đính kèm: không hợp lệ.' }), subjectId: idSchema };

export const attachmentQueries = {
  'attachments.list': query<AttachmentView[]>()(z.object(subject), 'user'),
  /** The file; refused with a clear message while it has not fully arrived. */
  'attachments.get': query<FileData>()(z.object({ id: idSchema }), 'user'),
};

export const attachmentCommands = {
  'attachments.add': command<AttachmentView>()(
    z.object({
      ...subject,
      fileName: requiredText('Tên tệp', 200),
      mediaType: optionalText('Loại tệp', 100),
      base64: z.string({ error: 'Nội dung tệp: không hợp lệ.' }).max(30_000_000, { error: 'Tệp quá lớn (tối đa khoảng 20 MB).' }),
    }),
    editors,
  ),
};
