import { DEADLINE_KIND_LABELS, type Deadline, type DeadlineKind, type PlanContent } from './model.js';
import { daysBetween } from './dates.js';
import { checkCommemoration } from './anniversary.js';

/**
 * Following the plan: the deadline board and the year calendar. Pure: plans,
 * what is done and today's date in; rows with their state and a Vietnamese
 * label out. "Today" is an ISO date from the caller's clock, never Date.now().
 */
export type DeadlineState = 'overdue' | 'due_today' | 'due_soon' | 'upcoming' | 'no_date' | 'done';

export interface BoardItem {
  planId: string;
  planLabel: string;
  deadline: Deadline;
  /** ISO date it was marked done, or null. */
  doneOn: string | null;
}

export interface BoardRow {
  planId: string;
  planLabel: string;
  deadlineId: string;
  kind: DeadlineKind;
  kindLabel: string;
  title: string;
  dueIso: string | null;
  dueText: string;
  state: DeadlineState;
  /** Days from today to the due date (negative when overdue); null without a date. */
  daysLeft: number | null;
  /** "Còn 5 ngày", "Quá hạn 3 ngày", "Hạn hôm nay", "Đã xong (12/01/2024)", "Chưa có ngày". */
  label: string;
  appliesTo: string[];
  sendTo: string | null;
  doneOn: string | null;
}

const ORDER: Record<DeadlineState, number> = { overdue: 0, due_today: 1, due_soon: 2, upcoming: 3, no_date: 4, done: 5 };

export const DEADLINE_STATE_LABELS: Record<DeadlineState, string> = {
  overdue: 'Quá hạn',
  due_today: 'Đến hạn hôm nay',
  due_soon: 'Sắp đến hạn',
  upcoming: 'Chưa đến hạn',
  no_date: 'Chưa có ngày',
  done: 'Đã xong',
};

function dmy(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

export function deadlineState(dueIso: string | null, doneOn: string | null, today: string, soonDays: number): { state: DeadlineState; daysLeft: number | null; label: string } {
  const daysLeft = dueIso ? daysBetween(today, dueIso) : null;
  if (doneOn) return { state: 'done', daysLeft, label: `Đã xong (${dmy(doneOn)})` };
  if (daysLeft === null) return { state: 'no_date', daysLeft, label: 'Chưa có ngày' };
  if (daysLeft < 0) return { state: 'overdue', daysLeft, label: `Quá hạn ${-daysLeft} ngày` };
  if (daysLeft === 0) return { state: 'due_today', daysLeft, label: 'Hạn hôm nay' };
  if (daysLeft <= soonDays) return { state: 'due_soon', daysLeft, label: `Còn ${daysLeft} ngày` };
  return { state: 'upcoming', daysLeft, label: `Còn ${daysLeft} ngày` };
}

export function deadlineBoard(items: readonly BoardItem[], today: string, soonDays = 7): BoardRow[] {
  const rows = items.map((it): BoardRow => {
    const s = deadlineState(it.deadline.due.iso, it.doneOn, today, soonDays);
    return {
      planId: it.planId,
      planLabel: it.planLabel,
      deadlineId: it.deadline.id,
      kind: it.deadline.kind,
      kindLabel: DEADLINE_KIND_LABELS[it.deadline.kind],
      title: it.deadline.title,
      dueIso: it.deadline.due.iso,
      dueText: it.deadline.due.text,
      ...s,
      appliesTo: it.deadline.appliesTo,
      sendTo: it.deadline.sendTo,
      doneOn: it.doneOn,
    };
  });
  return rows.sort((a, b) => ORDER[a.state] - ORDER[b.state] || (a.dueIso ?? '9999').localeCompare(b.dueIso ?? '9999') || a.title.localeCompare(b.title, 'vi'));
}

export interface CalendarEvent {
  date: string;
  kind: 'phase_start' | 'phase_end' | 'commemoration' | 'deadline';
  label: string;
}

export interface YearCalendar {
  year: number;
  phases: { name: string; from: string | null; to: string | null }[];
  /** Events by month 1..12 (index 0 = tháng 1). */
  months: CalendarEvent[][];
}

export function yearCalendar(plan: PlanContent): YearCalendar {
  const months: CalendarEvent[][] = Array.from({ length: 12 }, () => []);
  const put = (e: CalendarEvent) => {
    if (Number(e.date.slice(0, 4)) !== plan.year) return;
    months[Number(e.date.slice(5, 7)) - 1]?.push(e);
  };
  for (const ph of plan.phases) {
    if (ph.from.iso) put({ date: ph.from.iso, kind: 'phase_start', label: `Bắt đầu ${ph.name.toLowerCase()}` });
    if (ph.to.iso) put({ date: ph.to.iso, kind: 'phase_end', label: `Kết thúc ${ph.name.toLowerCase()}` });
    for (const c of ph.commemorations) {
      const check = checkCommemoration(c, plan.year);
      if (check.dateInYear) put({ date: check.dateInYear, kind: 'commemoration', label: `${check.computed ?? ''} năm ${c.event}`.trim() });
    }
  }
  for (const d of plan.deadlines) if (d.due.iso) put({ date: d.due.iso, kind: 'deadline', label: `Hạn: ${d.title}` });
  for (const m of months) m.sort((a, b) => a.date.localeCompare(b.date));
  return { year: plan.year, phases: plan.phases.map((p) => ({ name: p.name, from: p.from.iso, to: p.to.iso })), months };
}

/** One lower office's progress on a plan of the office above (the province console's view). */
export interface OfficeProgress {
  unitId: string;
  unitName: string;
  /** The office's own plan derived from this one, if it has sent it up. */
  derived: { id: string; status: string; numberSymbol: string } | null;
  rows: BoardRow[];
  counts: Record<DeadlineState, number>;
}

export interface OfficeProgressInput {
  unitId: string;
  unitName: string;
  derived: OfficeProgress['derived'];
  /** deadline id → ISO date the office marked it done. */
  done: ReadonlyMap<string, string>;
}

/** The same board, per office: each office's state for every deadline of `plan`. Pure; offices sorted by name. */
export function officeProgress(planId: string, planLabel: string, plan: PlanContent, offices: readonly OfficeProgressInput[], today: string, soonDays = 7): OfficeProgress[] {
  return [...offices]
    .sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'))
    .map((o) => {
      const rows = deadlineBoard(
        plan.deadlines.map((deadline) => ({ planId, planLabel, deadline, doneOn: o.done.get(deadline.id) ?? null })),
        today,
        soonDays,
      );
      const counts: Record<DeadlineState, number> = { overdue: 0, due_today: 0, due_soon: 0, upcoming: 0, no_date: 0, done: 0 };
      for (const r of rows) counts[r.state] += 1;
      return { unitId: o.unitId, unitName: o.unitName, derived: o.derived, rows, counts };
    });
}
