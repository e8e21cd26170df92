import type { Plan, PlanContent, PlanStatus, PlanSummary } from '../../shared/plans/model.js';
import { numberSymbol } from '../../shared/plans/model.js';

/** The plans row (snake_case) and its domain objects. */
export interface PlanRow {
  id: string;
  owner_unit_id: string;
  status: PlanStatus;
  year: number;
  doc_year: number;
  number: string;
  symbol: string;
  summary: string;
  issuing_body: string;
  theme: string | null;
  parent_plan_id: string | null;
  revision_of: string | null;
  revision: number;
  source_unit_name: string | null;
  issued_at: string | Date | null;
  content: PlanContent;
  version: number;
  updated_at: string | Date;
  [key: string]: unknown;
}

const iso = (v: string | Date | null): string | null => (v === null ? null : v instanceof Date ? v.toISOString() : String(v));

export function planFromRow(r: PlanRow): Plan {
  return {
    id: r.id,
    ownerUnitId: r.owner_unit_id,
    status: r.status,
    parentPlanId: r.parent_plan_id,
    revisionOf: r.revision_of,
    revision: r.revision,
    sourceUnitName: r.source_unit_name,
    issuedAt: iso(r.issued_at),
    content: r.content,
    version: r.version,
    updatedAt: iso(r.updated_at) ?? '',
  };
}

export function summaryFromRow(r: PlanRow): PlanSummary {
  return {
    id: r.id,
    status: r.status,
    year: r.year,
    numberSymbol: r.symbol === '' ? '' : numberSymbol({ number: r.number, symbol: r.symbol }),
    summary: r.summary,
    issuingBody: r.source_unit_name ?? r.issuing_body,
    theme: r.theme,
    parentPlanId: r.parent_plan_id,
    revision: r.revision,
    version: r.version,
    updatedAt: iso(r.updated_at) ?? '',
  };
}

/** The indexed columns written beside the content. */
export function planColumns(c: PlanContent) {
  const signYear = c.ref.date.iso ? Number(c.ref.date.iso.slice(0, 4)) : null;
  return {
    year: c.year,
    doc_year: signYear ?? c.year,
    number: c.ref.number,
    symbol: c.ref.symbol,
    summary: c.summary,
    issuing_body: c.header.issuingBody,
    theme: c.theme,
    content: c,
  };
}
