import { ApiError, type FieldIssue } from '../../shared/api/errors.js';
import type { DecisionAuthority } from '../../shared/api/methods/authority.js';
import {
  AUTHORITY_KINDS,
  DEFAULT_AUTHORITY_RULES,
  checkAuthority,
  defaultAuthorityKind,
  type AuthorityItem,
  type AuthorityKind,
  type AuthorityRule,
  type DatedUnit,
  type PastAward,
} from '../../shared/awards/authority.js';
import { decisionLabel } from '../../shared/awards/decision.js';
import type { Queryable } from '../../shared/db/port.js';
import { mutate, type Writer } from '../store/mutation.js';
import { asUser, requireSession, type HandlersFor } from '../handlers/context.js';
import type { UnitRow } from '../handlers/rows.js';
import { loadDecision } from './data.js';
import { isoDay } from './rows.js';

/**
 * The authority table in the store and the check of a decision against it.
 * Default rows get ids derived from the office id (as the other awards
 * defaults do), so reading before the first change sees the ids a change
 * will write.
 */

type R = Record<string, unknown>;

export const authorityRuleId = (office: string, code: string): string => `${office}:authority:${code}`;

const dayOrNull = (v: unknown): string | null => (v == null ? null : isoDay(v));
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? (JSON.parse(v) as string[]) : []);

function ruleFromRow(r: R): AuthorityRule {
  return {
    id: String(r.id),
    code: String(r.code),
    authorities: list(r.authorities).filter((k): k is AuthorityKind => (AUTHORITY_KINDS as readonly string[]).includes(k)),
    awardCodes: list(r.award_codes),
    validFrom: dayOrNull(r.valid_from),
    validTo: dayOrNull(r.valid_to),
    localIssue: Boolean(r.local_issue),
    source: String(r.source),
    confidence: r.confidence as AuthorityRule['confidence'],
    note: r.note == null ? null : String(r.note),
    configurable: Boolean(r.configurable),
    enabled: Boolean(r.enabled),
    version: Number(r.version),
  };
}

export async function loadAuthorityRules(db: Queryable, office: string): Promise<AuthorityRule[]> {
  const rows = (await db.query('SELECT * FROM award_authority_rules WHERE owner_unit_id = $1 ORDER BY code', [office])).rows;
  if (rows.length > 0) return rows.map(ruleFromRow);
  return DEFAULT_AUTHORITY_RULES.map((r) => ({ ...r, id: authorityRuleId(office, r.code), version: 0 }));
}

/** Writes the default rows once, inside the caller's mutation. */
async function ensureAuthoritySeeded(w: Writer, office: string): Promise<void> {
  const n = await w.tx.query<{ n: number }>('SELECT count(*)::int AS n FROM award_authority_rules WHERE owner_unit_id = $1', [office]);
  if ((n.rows[0]?.n ?? 0) > 0) return;
  for (const r of DEFAULT_AUTHORITY_RULES) {
    await w.insert('award_authority_rules', {
      id: authorityRuleId(office, r.code),
      code: r.code,
      authorities: JSON.stringify(r.authorities),
      award_codes: JSON.stringify(r.awardCodes),
      valid_from: r.validFrom,
      valid_to: r.validTo,
      local_issue: r.localIssue,
      source: r.source,
      confidence: r.confidence,
      note: r.note,
      configurable: r.configurable,
      enabled: r.enabled,
    });
  }
}

function datedUnit(u: UnitRow | undefined): DatedUnit | null {
  return u ? { id: u.id, name: u.name, validFrom: dayOrNull(u.valid_from), validTo: dayOrNull(u.valid_to) } : null;
}

async function unitById(db: Queryable, id: string | null): Promise<UnitRow | undefined> {
  if (!id) return undefined;
  return (await db.query<UnitRow>('SELECT * FROM units WHERE id = $1', [id])).rows[0];
}

/** The authority a decision is made under: stored, else the usual one for the office's level. */
export async function officeAuthorityKind(db: Queryable, office: string): Promise<AuthorityKind | null> {
  return defaultAuthorityKind((await unitById(db, office))?.level);
}

/**
 * Runs the rules on a stored decision: its items' recipients and their units,
 * and the awards already in the register (issued, not cancelled; the decision
 * a correction replaces does not count against it).
 */
export async function checkDecisionAuthority(db: Queryable, office: string, decisionId: string): Promise<DecisionAuthority> {
  const { decision, items } = await loadDecision(db, decisionId);
  const stored = (await db.query<{ authority_kind: string | null }>('SELECT authority_kind FROM award_decisions WHERE id = $1', [decisionId])).rows[0]?.authority_kind ?? null;
  const authorityKind = stored && (AUTHORITY_KINDS as readonly string[]).includes(stored) ? (stored as AuthorityKind) : await officeAuthorityKind(db, office);
  const issuer = await unitById(db, office);
  // Two reads for the whole list (a decision may hold hundreds of lines): the people's units, then those units.
  const personIds = items.map((it) => it.personId).filter((id): id is string => Boolean(id));
  const personUnit = new Map(
    (await db.query<{ id: string; unit_id: string | null }>('SELECT id, unit_id FROM people WHERE id = ANY($1::text[])', [personIds])).rows.map((r) => [r.id, r.unit_id]),
  );
  const unitOf = (it: (typeof items)[number]): string | null => (it.recipientKind === 'collective' ? it.unitId : it.personId ? (personUnit.get(it.personId) ?? null) : null);
  const unitIds = [...new Set(items.map(unitOf).filter((id): id is string => Boolean(id)))];
  const units = new Map((await db.query<UnitRow>('SELECT * FROM units WHERE id = ANY($1::text[])', [unitIds])).rows.map((u) => [u.id, u]));
  const checkItems: AuthorityItem[] = items.map((it) => ({
    recipientKind: it.recipientKind,
    recipientName: it.recipientName,
    personId: it.personId,
    unitId: it.unitId,
    awardCode: it.awardCode,
    awardName: it.awardName,
    achievement: it.achievement,
    recipientUnit: datedUnit(units.get(unitOf(it) ?? '')),
  }));
  const past = (
    await db.query<R>(
      `SELECT i.recipient_kind, i.recipient_name, i.person_id, i.unit_id, i.award_name, i.achievement, i.historical_decision, i.historical_date,
         d.number AS d_number, d.symbol AS d_symbol, d.decision_date AS d_decision_date
       FROM award_items i LEFT JOIN award_decisions d ON d.id = i.decision_id
       WHERE i.owner_unit_id = $1 AND i.status = 'issued' AND (i.decision_id IS NULL OR i.decision_id <> ALL($2::text[]))`,
      [office, [decision.id, decision.correctsDecisionId ?? decision.id]],
    )
  ).rows;
  const history: PastAward[] = past.map((r) => ({
    recipientKind: r.recipient_kind as PastAward['recipientKind'],
    recipientName: String(r.recipient_name),
    personId: r.person_id == null ? null : String(r.person_id),
    unitId: r.unit_id == null ? null : String(r.unit_id),
    awardName: String(r.award_name),
    achievement: String(r.achievement),
    decisionLabel:
      r.d_number != null
        ? decisionLabel({ number: Number(r.d_number), symbol: String(r.d_symbol), decisionDate: isoDay(r.d_decision_date) })
        : `${String(r.historical_decision ?? 'sổ cũ')}${r.historical_date ? ` (${isoDay(r.historical_date).split('-').reverse().join('/')})` : ''}`,
  }));
  const result = checkAuthority({
    rules: await loadAuthorityRules(db, office),
    authorityKind,
    issuerUnit: datedUnit(issuer),
    decisionDate: decision.decisionDate,
    items: checkItems,
    history,
  });
  return { ...result, authorityKind };
}

/** Refuses (writing nothing) when the decision breaks an authority rule; every error is a field issue naming its line and rule. */
export async function assertAuthority(db: Queryable, office: string, decisionId: string): Promise<void> {
  const check = await checkDecisionAuthority(db, office, decisionId);
  const errors = check.findings.filter((f) => f.severity === 'error');
  if (errors.length === 0) return;
  const issues: FieldIssue[] = errors.map((f) => ({ path: f.path, message: `${f.message} [${f.ruleId}: ${f.source}]` }));
  const first = errors[0];
  const more = errors.length > 1 ? ` (và ${errors.length - 1} lỗi khác)` : '';
  throw new ApiError('invalid_input', `Chưa ban hành được: ${first?.message ?? ''} [${first?.ruleId ?? ''}: ${first?.source ?? ''}]${more}`, issues);
}

export const authorityHandlers: HandlersFor<'awards.authorityRules' | 'awards.checkAuthority' | 'awards.saveAuthorityRule'> = {
  async 'awards.authorityRules'(_input, ctx) {
    const office = requireSession(ctx).officeUnitId;
    return { rules: await loadAuthorityRules(ctx.deps.db, office), defaultAuthorityKind: await officeAuthorityKind(ctx.deps.db, office) };
  },

  async 'awards.checkAuthority'(input, ctx) {
    return checkDecisionAuthority(ctx.deps.db, requireSession(ctx).officeUnitId, input.id);
  },

  async 'awards.saveAuthorityRule'(input, ctx) {
    const office = requireSession(ctx).officeUnitId;
    if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
      throw new ApiError('invalid_input', 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.', [{ path: 'validTo', message: 'Phải sau ngày bắt đầu.' }]);
    }
    const current = (await loadAuthorityRules(ctx.deps.db, office)).find((r) => r.id === input.id);
    if (!current) throw new ApiError('not_found', 'Không tìm thấy dòng thẩm quyền này.');
    if (!current.configurable) {
      throw new ApiError('forbidden', `Dòng ${current.code} là quy định của luật đã được xác minh (${current.source}); không sửa được trong phần mềm.`);
    }
    if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
      throw new ApiError('conflict', 'Dòng thẩm quyền này vừa được người khác sửa. Hãy mở lại rồi sửa.');
    }
    const codes = [...new Set(input.awardCodes)];
    const row = await mutate(asUser(ctx), 'awards.saveAuthorityRule', async (w) => {
      await ensureAuthoritySeeded(w, office);
      return w.update('award_authority_rules', current.id, {
        award_codes: JSON.stringify(codes),
        valid_from: input.validFrom,
        valid_to: input.validTo,
        enabled: input.enabled,
        note: input.note,
      });
    });
    return ruleFromRow(row);
  },
};
