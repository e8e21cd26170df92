import type { Queryable } from '../../shared/db/port.js';
import { ApiError } from '../../shared/api/errors.js';
import { DEFAULT_AWARD_KINDS, DEFAULT_BASE_SALARIES, DEFAULT_OPTIONS, DEFAULT_REGISTER } from '../../shared/awards/defaults.js';
import { BUILTIN_TEMPLATES, type CertificateTemplate } from '../../shared/awards/layout.js';
import type { AwardKind, AwardOptions, AwardRegister, BaseSalary, DecisionWithItems, RegisterEntry } from '../../shared/awards/types.js';
import { decisionLabel } from '../../shared/awards/decision.js';
import { matchesFoldedKey } from '../../shared/vi/search.js';
import type { Writer } from '../store/mutation.js';
import { baseSalaryFromRow, decisionFromRow, itemFromRow, kindFromRow, registerEntryFromRow, registerFromRow, templateFromRow } from './rows.js';

/** SQL: whether register `r` has given any number (its code is then fixed: see awards.saveRegister). */
export const REGISTER_USED = 'EXISTS (SELECT 1 FROM award_items i WHERE i.register_id = r.id AND i.register_number IS NOT NULL)';

/**
 * Reading awards data, and seeding an office's starting data. Default rows
 * get ids derived from the office id, so a read before the first write sees
 * the same ids the write will create, and two offices' rows never collide at
 * the hub.
 */
export const defaultId = {
  register: (office: string) => `${office}:register:${DEFAULT_REGISTER.code}`,
  kind: (office: string, code: string) => `${office}:kind:${code}`,
  salary: (office: string, from: string) => `${office}:salary:${from}`,
  options: (office: string) => `${office}:award-options`,
  template: (office: string, builtinId: string) => `${office}:tpl:${builtinId.replace(/^builtin-/u, "")}`,
};

function defaultKinds(office: string): AwardKind[] {
  return DEFAULT_AWARD_KINDS.map((k) => ({ ...k, id: defaultId.kind(office, k.code), registerId: null, active: true, version: 0 }));
}

export interface AwardData {
  baseSalaries: BaseSalary[];
  kinds: AwardKind[];
  registers: AwardRegister[];
  options: AwardOptions;
}

export async function loadAwardData(db: Queryable, office: string): Promise<AwardData> {
  const registers = (
    await db.query(`SELECT r.*, ${REGISTER_USED} AS used FROM award_registers r WHERE r.owner_unit_id = $1 ORDER BY r.is_default DESC, r.active DESC, r.code`, [office])
  ).rows.map(registerFromRow);
  if (registers.length === 0) {
    // Not seeded yet: the defaults exactly as ensureSeeded will write them.
    return {
      baseSalaries: DEFAULT_BASE_SALARIES.map((s) => ({ ...s, id: defaultId.salary(office, s.effectiveFrom) })),
      kinds: defaultKinds(office),
      registers: [{ id: defaultId.register(office), code: DEFAULT_REGISTER.code, name: DEFAULT_REGISTER.name, isDefault: true, used: false, active: true, version: 0 }],
      options: { ...DEFAULT_OPTIONS },
    };
  }
  const baseSalaries = (await db.query('SELECT * FROM base_salaries WHERE owner_unit_id = $1 ORDER BY effective_from', [office])).rows.map(baseSalaryFromRow);
  const kinds = (await db.query('SELECT * FROM award_kinds WHERE owner_unit_id = $1 ORDER BY category DESC, code', [office])).rows.map(kindFromRow);
  const opt = (await db.query<{ rounding_mode: AwardOptions['roundingMode']; rounding_step: number }>('SELECT * FROM award_options WHERE owner_unit_id = $1', [office])).rows[0];
  return { baseSalaries, kinds, registers, options: opt ? { roundingMode: opt.rounding_mode, roundingStep: Number(opt.rounding_step) } : { ...DEFAULT_OPTIONS } };
}

/** Writes the starting data once, inside the caller's mutation. */
export async function ensureSeeded(w: Writer, office: string): Promise<void> {
  const n = await w.tx.query<{ n: number }>('SELECT count(*)::int AS n FROM award_registers WHERE owner_unit_id = $1', [office]);
  if ((n.rows[0]?.n ?? 0) > 0) return;
  await w.insert('award_registers', { id: defaultId.register(office), code: DEFAULT_REGISTER.code, name: DEFAULT_REGISTER.name, is_default: true });
  for (const s of DEFAULT_BASE_SALARIES) {
    await w.insert('base_salaries', { id: defaultId.salary(office, s.effectiveFrom), effective_from: s.effectiveFrom, amount: s.amount, source: s.source, confidence: s.confidence });
  }
  for (const k of defaultKinds(office)) {
    await w.insert('award_kinds', {
      id: k.id,
      code: k.code,
      name: k.name,
      category: k.category,
      subject: k.subject,
      coefficient: k.coefficient,
      valid_from: k.validFrom,
      valid_to: k.validTo,
      source: k.source,
      confidence: k.confidence,
      note: k.note,
      register_id: null,
      active: true,
    });
  }
  await w.insert('award_options', { id: defaultId.options(office), rounding_mode: DEFAULT_OPTIONS.roundingMode, rounding_step: DEFAULT_OPTIONS.roundingStep });
}

export async function loadTemplates(db: Queryable, office: string): Promise<CertificateTemplate[]> {
  const stored = (await db.query('SELECT * FROM certificate_templates WHERE owner_unit_id = $1 ORDER BY name', [office])).rows.map(templateFromRow);
  const ids = new Set(stored.map((t) => t.id));
  const builtins = BUILTIN_TEMPLATES.map((t) => ({ ...t, id: defaultId.template(office, t.id), version: 0 })).filter((t) => !ids.has(t.id));
  return [...builtins, ...stored];
}

export async function loadTemplate(db: Queryable, office: string, id: string): Promise<CertificateTemplate> {
  const t = (await loadTemplates(db, office)).find((x) => x.id === id);
  if (!t) throw new ApiError('not_found', 'Không tìm thấy mẫu giấy khen.');
  return t;
}

export async function loadDecision(db: Queryable, id: string): Promise<DecisionWithItems> {
  const row = (await db.query('SELECT * FROM award_decisions WHERE id = $1', [id])).rows[0];
  if (!row) throw new ApiError('not_found', 'Không tìm thấy quyết định.');
  const decision = decisionFromRow(row);
  const items = (await db.query("SELECT * FROM award_items WHERE decision_id = $1 AND status <> 'removed' ORDER BY seq", [id])).rows.map(itemFromRow);
  let correctsLabel: string | null = null;
  if (decision.correctsDecisionId) {
    const c = (await db.query('SELECT * FROM award_decisions WHERE id = $1', [decision.correctsDecisionId])).rows[0];
    if (c) correctsLabel = decisionLabel(decisionFromRow(c));
  }
  return { decision, items, correctsLabel };
}

const REGISTER_SELECT = `SELECT i.*, d.number AS d_number, d.symbol AS d_symbol, d.decision_date AS d_decision_date, r.code AS reg_code
  FROM award_items i
  LEFT JOIN award_decisions d ON d.id = i.decision_id
  LEFT JOIN award_registers r ON r.id = i.register_id
  WHERE i.register_number IS NOT NULL`;

export interface RegisterFilter {
  search?: string | undefined;
  year?: number | undefined;
  registerId?: string | undefined;
  includeCancelled?: boolean | undefined;
  personId?: string | undefined;
  unitId?: string | undefined;
}

export async function listRegister(db: Queryable, f: RegisterFilter): Promise<RegisterEntry[]> {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const add = (sql: string, v: string | number) => {
    params.push(v);
    where.push(sql.replace('?', `$${params.length}`));
  };
  if (f.year !== undefined) add('i.register_year = ?', f.year);
  if (f.registerId) add('i.register_id = ?', f.registerId);
  if (f.personId) add('i.person_id = ?', f.personId);
  if (f.unitId) add('i.unit_id = ?', f.unitId);
  if (!f.includeCancelled) where.push("i.status <> 'cancelled'");
  const sql = `${REGISTER_SELECT}${where.length ? ` AND ${where.join(' AND ')}` : ''} ORDER BY i.register_year DESC, r.code, i.register_number`;
  const rows = (await db.query(sql, params)).rows;
  const found = f.search ? rows.filter((r) => matchesFoldedKey(String(r.search_key), f.search ?? '')) : rows;
  return found.map(registerEntryFromRow);
}

export async function registerEntry(db: Queryable, itemId: string): Promise<RegisterEntry> {
  const row = (await db.query(`${REGISTER_SELECT} AND i.id = $1`, [itemId])).rows[0];
  if (!row) throw new ApiError('not_found', 'Không tìm thấy dòng này trong sổ khen thưởng.');
  return registerEntryFromRow(row);
}
