import { z } from 'zod';
import { command, query } from '../define.js';

/**
 * Unsaved form drafts. The renderer keeps them in Dexie (IndexedDB) as the
 * user types and mirrors them here, to a file outside the browser profile,
 * so an update that wipes IndexedDB cannot lose them.
 */
export interface DraftRecord {
  /** Stable per form and record, e.g. "people.edit:<id>" or "people.new". */
  key: string;
  /** Who typed it: drafts are per user. */
  userId: string;
  /** Human label shown when offering the draft back ("Sửa hồ sơ: Nguyễn Văn An"). */
  label: string;
  /** The form values as the user left them (JSON). */
  data: unknown;
  savedAt: string;
}

const draftKey = z.string().min(1).max(200).regex(/^[\w.:-]+$/u, { error: 'Khóa bản nháp không hợp lệ.' });

export const draftQueries = {
  'drafts.list': query<DraftRecord[]>()(z.object({}), 'user'),
};

export const draftCommands = {
  'drafts.put': command<{ ok: true }>()(
    z.object({
      key: draftKey,
      label: z.string().max(300).transform((s) => s.normalize('NFC')),
      data: z.unknown().refine((v) => JSON.stringify(v ?? null).length <= 2_000_000, { error: 'Bản nháp quá lớn.' }),
      savedAt: z.string().max(40),
    }),
    'user',
  ),
  'drafts.delete': command<{ ok: true }>()(z.object({ key: draftKey }), 'user'),
};
