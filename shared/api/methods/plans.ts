import { z } from 'zod';
import { command, query } from '../define.js';
import { idSchema, optionalIsoDate, optionalText, requiredText } from '../../schema/text.js';
import { PLAN_STATUSES, planContentSchema, type Plan, type PlanContent, type PlanSummary } from '../../plans/model.js';
import type { PlanIssue } from '../../plans/validate.js';
import type { ImportResult } from '../../plans/importer.js';
import type { BoardRow, OfficeProgress, YearCalendar } from '../../plans/board.js';
import { fileInput, type FileData } from './people.js';

export interface PlanDetail {
  plan: Plan;
  /** What the rules say about it now (warnings for received plans, errors that would block issuing). */
  issues: PlanIssue[];
  /** The issuing check: errors that block "Ban hành" right now. */
  issueBlockers: PlanIssue[];
  parent: PlanSummary | null;
  children: PlanSummary[];
  /** Earlier issued versions of this plan, newest first. */
  history: PlanSummary[];
}

const editors = ['officer', 'head', 'admin'] as const;

export const planQueries = {
  'plans.list': query<PlanSummary[]>()(
    z.object({
      year: z.number().int().min(1945).max(2200).optional(),
      status: z.enum(PLAN_STATUSES).optional(),
    }),
    'user',
  ),
  'plans.get': query<PlanDetail>()(z.object({ id: idSchema }), 'user'),
  /** Deadlines of the office's received and issued plans, with their state for today (the store's clock). */
  'plans.board': query<{ today: string; rows: BoardRow[] }>()(z.object({ year: z.number().int().min(1945).max(2200).optional() }), 'user'),
  'plans.calendar': query<YearCalendar>()(z.object({ id: idSchema }), 'user'),
  /** Province console: for one plan of this unit, each lower office's derived plan and deadline states (rows that reached this database by sync). */
  'plans.officeProgress': query<{ today: string; offices: OfficeProgress[] }>()(z.object({ planId: idSchema }), 'user'),
  /** A plan file to hand to a lower office (USB, e-mail) until sync carries plans. */
  'plans.exportFile': query<FileData>()(z.object({ id: idSchema }), 'user'),
  'plans.exportDocx': query<FileData>()(z.object({ id: idSchema, part: z.enum(['plan', 'decision']).default('plan') }), 'user'),
  'plans.exportPdf': query<FileData>()(z.object({ id: idSchema, part: z.enum(['plan', 'decision']).default('plan') }), 'user'),
  /** Text → draft for side-by-side review; writes nothing. */
  'plans.importText': query<ImportResult>()(z.object({ text: z.string({ error: 'Nội dung: phải là văn bản.' }).max(2_000_000, { error: 'Văn bản quá dài.' }) }), editors),
  /** .docx → its text → draft; writes nothing. */
  'plans.importDocx': query<ImportResult>()(fileInput, editors),
};

export const planCommands = {
  'plans.create': command<Plan>()(z.object({ content: planContentSchema }), editors),
  'plans.update': command<Plan>()(z.object({ id: idSchema, expectedVersion: z.number().int().positive(), content: planContentSchema }), editors),
  /** Draft → issued, after the issuing rules and the number check. */
  'plans.issue': command<Plan>()(z.object({ id: idSchema, expectedVersion: z.number().int().positive() }), ['head', 'admin']),
  /** An issued plan is never edited: this opens a new draft version of it. */
  'plans.revise': command<Plan>()(z.object({ id: idSchema }), editors),
  /** The office's own draft from a parent plan (received or own), linked to it. */
  'plans.derive': command<Plan>()(z.object({ parentId: idSchema }), editors),
  /** Stores a parent's plan, read-only, from a plan file exported by the parent's app. */
  'plans.receiveFile': command<Plan>()(fileInput, editors),
  /** Stores a parent's plan, read-only, from an imported text or .docx after review. */
  'plans.receiveContent': command<Plan>()(z.object({ content: planContentSchema, sourceUnitName: requiredText('Cơ quan ban hành kế hoạch', 300) }), editors),
  'plans.setDeadlineDone': command<{ planId: string; deadlineId: string; doneOn: string | null }>()(
    z.object({ planId: idSchema, deadlineId: requiredText('Mã hạn', 64), doneOn: optionalIsoDate('Ngày hoàn thành'), note: optionalText('Ghi chú', 1000) }),
    editors,
  ),
};

export type { PlanContent };
