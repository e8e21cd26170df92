import { ApiError, type FieldIssue } from '../../shared/api/errors.js';
import type { AwardItemInput, DecisionInput } from '../../shared/api/methods/awards.js';
import { checkDecisionForIssue, checkItem, checkSymbol, decisionLabel, formatDecisionNumber } from '../../shared/awards/decision.js';
import { computePrize } from '../../shared/awards/prize.js';
import { checkManualRegisterNumber, nextRegisterNumber, type UsedNumber } from '../../shared/awards/register.js';
import type { AwardKind, AwardOptions, BaseSalary, DecisionWithItems } from '../../shared/awards/types.js';
import type { Queryable } from '../../shared/db/port.js';
import { foldVietnamese } from '../../shared/vi/search.js';
import { mutate, type Writer } from '../store/mutation.js';
import { asUser, requireSession, type HandlerContext, type HandlersFor } from '../handlers/context.js';
import type { PersonRow, UnitRow } from '../handlers/rows.js';
import { defaultId, ensureSeeded, listRegister, loadAwardData, loadDecision, REGISTER_USED, registerEntry, type AwardData } from './data.js';
import { decisionDefaults } from './decision-defaults.js';
import { peekSigningKeyId } from './signing.js';
import { baseSalaryFromRow, decisionFromRow, itemFromRow, kindFromRow, registerFromRow } from './rows.js';
import { decisionDocx } from './decision-docx.js';
import { decisionPdf } from './decision-pdf.js';
import { vietnamDate } from '../../shared/vi/dates.js';
import { pdfEngineFactory } from './engine-choice.js';
import { assertAuthority, officeAuthorityKind } from './authority-handlers.js';

/** A resolved award line: everything the row needs, checked. */
interface ResolvedItem {
  recipient_kind: 'person' | 'collective';
  person_id: string | null;
  unit_id: string | null;
  recipient_title: string | null;
  recipient_name: string;
  recipient_position: string | null;
  recipient_unit_name: string | null;
  award_kind_id: string;
  award_code: string;
  award_name: string;
  achievement: string;
  coefficient: number;
  base_salary: number;
  prize_amount: number;
  search_key: string;
}

function today(ctx: HandlerContext): string {
  return vietnamDate(ctx.deps.clock());
}

function office(ctx: HandlerContext): string {
  return requireSession(ctx).officeUnitId;
}

function kindValidOn(k: AwardKind, date: string): boolean {
  return (!k.validFrom || k.validFrom <= date) && (!k.validTo || k.validTo >= date);
}

async function resolveItem(db: Queryable, it: AwardItemInput, date: string, data: AwardData, index: number | null): Promise<ResolvedItem> {
  const issues: FieldIssue[] = [];
  const at = (path: string, message: string) => issues.push({ path: index === null ? path : `items.${index}.${path}`, message: index === null ? message : `Dòng ${index + 1}: ${message}` });
  const kind = data.kinds.find((k) => k.id === it.awardKindId);
  let name = it.recipientName ?? '';
  let position = it.recipientPosition;
  let unitName = it.recipientUnitName;
  let title: string | null = null;
  if (it.recipientKind === 'person' && it.personId) {
    const p = (await db.query<PersonRow>('SELECT * FROM people WHERE id = $1', [it.personId])).rows[0];
    if (!p) at('personId', 'người được khen không có trong danh sách cán bộ.');
    else {
      name = name || p.full_name;
      position = position ?? p.position;
      title = p.gender === 'female' ? 'Bà' : 'Ông';
      if (!unitName) unitName = (await db.query<UnitRow>('SELECT name FROM units WHERE id = $1', [p.unit_id])).rows[0]?.name ?? null;
    }
  }
  if (it.recipientKind === 'collective' && it.unitId) {
    const u = (await db.query<UnitRow>('SELECT * FROM units WHERE id = $1', [it.unitId])).rows[0];
    if (!u) at('unitId', 'tập thể được khen không có trong danh sách đơn vị.');
    else name = name || u.name;
  }
  if (!kind) at('awardKindId', 'chưa chọn danh hiệu hoặc hình thức khen thưởng.');
  else if (!kind.active) at('awardKindId', `"${kind.name}" đã ngừng sử dụng.`);
  else if (!kindValidOn(kind, date)) at('awardKindId', `"${kind.name}" không còn hiệu lực vào ngày quyết định.`);
  for (const p of checkItem({ recipientKind: it.recipientKind, recipientName: name, personId: it.personId, unitId: it.unitId, awardSubject: kind?.subject ?? it.recipientKind, achievement: it.achievement })) {
    at(p.path, p.message);
  }
  let prize = { amount: 0, baseSalary: 0, coefficient: kind?.coefficient ?? 0 };
  if (kind) {
    const r = computePrize(kind.coefficient, date, data.baseSalaries, { mode: data.options.roundingMode, step: data.options.roundingStep });
    if (!r.ok) at('awardKindId', r.reason);
    else prize = { amount: r.value.amount, baseSalary: r.value.baseSalary, coefficient: r.value.coefficient };
  }
  if (issues.length > 0 || !kind) throw new ApiError('invalid_input', issues[0]?.message ?? 'Dòng khen thưởng chưa hợp lệ.', issues);
  return {
    recipient_kind: it.recipientKind,
    person_id: it.recipientKind === 'person' ? it.personId : null,
    unit_id: it.recipientKind === 'collective' ? it.unitId : null,
    recipient_title: title,
    recipient_name: name,
    recipient_position: it.recipientKind === 'person' ? position : null,
    recipient_unit_name: unitName,
    award_kind_id: kind.id,
    award_code: kind.code,
    award_name: kind.name,
    achievement: it.achievement,
    coefficient: prize.coefficient,
    base_salary: prize.baseSalary,
    prize_amount: prize.amount,
    search_key: foldVietnamese([name, position, unitName, kind.name, kind.code].filter(Boolean).join(' ')),
  };
}

async function resolveDecision(ctx: HandlerContext, input: DecisionInput): Promise<{ columns: Record<string, unknown>; items: ResolvedItem[] }> {
  const sym = checkSymbol(input.symbol);
  if (sym) throw new ApiError('invalid_input', sym, [{ path: 'symbol', message: sym }]);
  const data = await loadAwardData(ctx.deps.db, office(ctx));
  const items: ResolvedItem[] = [];
  const issues: FieldIssue[] = [];
  for (const [i, it] of input.items.entries()) {
    try {
      items.push(await resolveItem(ctx.deps.db, it, input.decisionDate, data, i));
    } catch (error) {
      if (error instanceof ApiError && error.issues) issues.push(...error.issues);
      else throw error;
    }
  }
  if (issues.length > 0) throw new ApiError('invalid_input', `Danh sách khen thưởng chưa hợp lệ: ${issues[0]?.message ?? ''}`, issues);
  return {
    columns: {
      symbol: input.symbol,
      decision_date: input.decisionDate,
      year: Number(input.decisionDate.slice(0, 4)),
      place: input.place,
      parent_body: input.parentBody,
      issuer_name: input.issuerName,
      authority_title: input.authorityTitle,
      authority_kind: input.authorityKind ?? (await officeAuthorityKind(ctx.deps.db, office(ctx))),
      sign_mode: input.signMode,
      sign_head_title: input.signHeadTitle,
      signer_title: input.signerTitle,
      signer_name: input.signerName,
      subject: input.subject,
      legal_bases: JSON.stringify(input.legalBases),
      execution_text: input.executionText,
      recipients: JSON.stringify(input.recipients),
    },
    items,
  };
}

async function writeItems(w: Writer, ctx: HandlerContext, decisionId: string, items: readonly ResolvedItem[]): Promise<void> {
  const existing = (await w.tx.query<{ id: string; version: number }>("SELECT id, version FROM award_items WHERE decision_id = $1 AND status <> 'removed' ORDER BY seq", [decisionId])).rows;
  for (const [i, it] of items.entries()) {
    const prior = existing[i];
    if (prior) await w.update('award_items', prior.id, { ...it, seq: i + 1, status: 'draft' });
    else await w.insert('award_items', { id: ctx.deps.newId(), decision_id: decisionId, seq: i + 1, status: 'draft', ...it });
  }
  for (const extra of existing.slice(items.length)) await w.update('award_items', extra.id, { status: 'removed' });
}

async function usedRegisterNumbers(db: Queryable, owner: string, registerId: string, year: number): Promise<UsedNumber[]> {
  const rows = (
    await db.query<{ register_number: number; status: string }>(
      'SELECT register_number, status FROM award_items WHERE owner_unit_id = $1 AND register_id = $2 AND register_year = $3 AND register_number IS NOT NULL',
      [owner, registerId, year],
    )
  ).rows;
  return rows.map((r) => ({ number: Number(r.register_number), cancelled: r.status === 'cancelled' }));
}

/** What saveRegister reads of a register before changing it. */
interface RegisterState {
  code: string;
  used: boolean;
  active: boolean;
  is_default: boolean;
}

/**
 * A register may stop giving numbers only when nothing would still be numbered into it: it is not the
 * office's general register (the one every kind naming none goes into), and no award kind names it.
 * Then issuing a decision can never reach a retired register.
 */
async function assertRetirable(db: Queryable, owner: string, registerId: string | undefined, isDefault: boolean, code: string): Promise<void> {
  if (isDefault) {
    throw new ApiError('conflict', `Sổ "${code}" là sổ chung nên không ngừng dùng được: đặt một sổ khác làm sổ chung trước.`, [{ path: 'active', message: 'Sổ chung luôn dùng.' }]);
  }
  if (!registerId) return;
  const kinds = (await db.query<{ name: string }>('SELECT name FROM award_kinds WHERE owner_unit_id = $1 AND register_id = $2 ORDER BY code', [owner, registerId])).rows;
  if (kinds.length > 0) {
    throw new ApiError(
      'conflict',
      `Còn ${kinds.length} danh hiệu, hình thức ghi số vào sổ "${code}" (${kinds.map((k) => k.name).join(', ')}): chuyển sang sổ khác rồi mới ngừng dùng sổ này.`,
      [{ path: 'active', message: 'Sổ còn được dùng.' }],
    );
  }
}

export const awardHandlers: HandlersFor<
  | 'awards.config'
  | 'awards.listDecisions'
  | 'awards.getDecision'
  | 'awards.prizePreview'
  | 'awards.register'
  | 'awards.history'
  | 'awards.exportDocx'
  | 'awards.exportPdf'
  | 'awards.saveBaseSalary'
  | 'awards.saveKind'
  | 'awards.saveRegister'
  | 'awards.setOptions'
  | 'awards.createDecision'
  | 'awards.updateDecision'
  | 'awards.issueDecision'
  | 'awards.startCorrection'
  | 'awards.cancelItem'
  | 'awards.recordHistorical'
> = {
  async 'awards.config'(_input, ctx) {
    const data = await loadAwardData(ctx.deps.db, office(ctx));
    const unit = (await ctx.deps.db.query<UnitRow>('SELECT * FROM units WHERE id = $1', [office(ctx)])).rows[0];
    // A read never writes: before the first print there is no key yet, and the id is empty.
    return { ...data, decisionDefaults: decisionDefaults(unit ?? null), signingKeyId: (await peekSigningKeyId(ctx.deps.db)) ?? '' };
  },

  async 'awards.listDecisions'(input, ctx) {
    const params: (string | number)[] = [office(ctx)];
    let sql = `SELECT d.*, (SELECT count(*)::int FROM award_items i WHERE i.decision_id = d.id AND i.status <> 'removed') AS item_count,
      (SELECT coalesce(sum(i.prize_amount), 0)::bigint FROM award_items i WHERE i.decision_id = d.id AND i.status IN ('draft', 'issued')) AS total_prize,
      (SELECT count(DISTINCT p.item_id)::int FROM certificate_prints p JOIN award_items i ON i.id = p.item_id WHERE i.decision_id = d.id) AS printed_count
      FROM award_decisions d WHERE d.owner_unit_id = $1`;
    if (input.year !== undefined) {
      params.push(input.year);
      sql += ` AND d.year = $${params.length}`;
    }
    if (input.status) {
      params.push(input.status);
      sql += ` AND d.status = $${params.length}`;
    }
    sql += ' ORDER BY d.decision_date DESC, d.number DESC NULLS FIRST, d.created_at DESC';
    return (await ctx.deps.db.query(sql, params)).rows.map((r) => ({
      decision: decisionFromRow(r),
      itemCount: Number(r.item_count),
      totalPrize: Number(r.total_prize),
      printedCount: Number(r.printed_count),
    }));
  },

  async 'awards.getDecision'(input, ctx) {
    return loadDecision(ctx.deps.db, input.id);
  },

  async 'awards.prizePreview'(input, ctx) {
    const data = await loadAwardData(ctx.deps.db, office(ctx));
    const kind = data.kinds.find((k) => k.id === input.awardKindId);
    if (!kind) throw new ApiError('not_found', 'Không tìm thấy danh hiệu / hình thức khen thưởng.');
    const r = computePrize(kind.coefficient, input.date, data.baseSalaries, { mode: data.options.roundingMode, step: data.options.roundingStep });
    if (!r.ok) throw new ApiError('not_configured', r.reason);
    return r.value;
  },

  async 'awards.register'(input, ctx) {
    return listRegister(ctx.deps.db, input);
  },

  async 'awards.history'(input, ctx) {
    return listRegister(ctx.deps.db, { personId: input.personId, unitId: input.unitId, includeCancelled: true });
  },

  async 'awards.exportDocx'(input, ctx) {
    const d = await loadDecision(ctx.deps.db, input.id);
    return decisionDocx(d);
  },

  async 'awards.exportPdf'(input, ctx) {
    const d = await loadDecision(ctx.deps.db, input.id);
    return decisionPdf(d, pdfEngineFactory(ctx.deps));
  },

  async 'awards.saveBaseSalary'(input, ctx) {
    const owner = office(ctx);
    const row = await mutate(asUser(ctx), 'awards.saveBaseSalary', async (w) => {
      await ensureSeeded(w, owner);
      const existing = (await w.tx.query<{ id: string }>('SELECT id FROM base_salaries WHERE owner_unit_id = $1 AND effective_from = $2', [owner, input.effectiveFrom])).rows[0];
      const cols = { amount: input.amount, source: input.source, confidence: input.confidence };
      return existing
        ? w.update('base_salaries', existing.id, cols)
        : w.insert('base_salaries', { id: defaultId.salary(owner, input.effectiveFrom), effective_from: input.effectiveFrom, ...cols });
    });
    return baseSalaryFromRow(row);
  },

  async 'awards.saveKind'(input, ctx) {
    const owner = office(ctx);
    if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
      throw new ApiError('invalid_input', 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.', [{ path: 'validTo', message: 'Phải sau ngày bắt đầu.' }]);
    }
    const row = await mutate(asUser(ctx), 'awards.saveKind', async (w) => {
      await ensureSeeded(w, owner);
      const clash = (await w.tx.query<{ id: string }>('SELECT id FROM award_kinds WHERE owner_unit_id = $1 AND code = $2', [owner, input.code])).rows[0];
      if (clash && clash.id !== input.id) throw new ApiError('conflict', `Mã "${input.code}" đã được dùng cho một danh hiệu / hình thức khác.`, [{ path: 'code', message: 'Trùng mã.' }]);
      if (input.registerId) {
        const register = (await w.tx.query<{ code: string; active: boolean }>('SELECT code, active FROM award_registers WHERE id = $1 AND owner_unit_id = $2', [input.registerId, owner])).rows[0];
        if (!register) throw new ApiError('not_found', 'Không tìm thấy sổ khen thưởng.', [{ path: 'registerId', message: 'Không tồn tại.' }]);
        if (!register.active) throw new ApiError('conflict', `Sổ "${register.code}" đã ngừng dùng, không cấp số mới: chọn sổ khác.`, [{ path: 'registerId', message: 'Sổ đã ngừng dùng.' }]);
      }
      const cols = {
        code: input.code,
        name: input.name,
        category: input.category,
        subject: input.subject,
        coefficient: input.coefficient,
        valid_from: input.validFrom,
        valid_to: input.validTo,
        source: input.source,
        confidence: input.confidence,
        note: input.note,
        register_id: input.registerId,
        active: input.active,
      };
      return input.id ? w.update('award_kinds', input.id, cols) : w.insert('award_kinds', { id: ctx.deps.newId(), ...cols });
    });
    return kindFromRow(row);
  },

  async 'awards.saveRegister'(input, ctx) {
    const owner = office(ctx);
    let used = false;
    const row = await mutate(asUser(ctx), 'awards.saveRegister', async (w) => {
      await ensureSeeded(w, owner);
      const clash = (await w.tx.query<{ id: string }>('SELECT id FROM award_registers WHERE owner_unit_id = $1 AND code = $2', [owner, input.code])).rows[0];
      if (clash && clash.id !== input.id) throw new ApiError('conflict', `Đã có sổ mang mã "${input.code}".`, [{ path: 'code', message: 'Trùng mã.' }]);
      let current: RegisterState | undefined;
      if (input.id) {
        current = (
          await w.tx.query<RegisterState>(
            `SELECT r.code, ${REGISTER_USED} AS used, r.active, r.is_default FROM award_registers r WHERE r.id = $1 AND r.owner_unit_id = $2`,
            [input.id, owner],
          )
        ).rows[0];
        if (!current) throw new ApiError('not_found', 'Không tìm thấy sổ khen thưởng.');
        used = current.used;
        // The code is part of every register number given from this register: printed on the certificates
        // ("01/2026/SKT") and signed into their QR codes, which are verified by it. Once a number exists it stays.
        if (current.code !== input.code && current.used) {
          throw new ApiError('conflict', `Sổ "${current.code}" đã cấp số vào sổ nên không đổi mã được: mã sổ đã in trên giấy khen và nằm trong mã QR dùng để xác thực. Chỉ đổi được tên sổ.`, [
            { path: 'code', message: 'Sổ đã cấp số: giữ nguyên mã.' },
          ]);
        }
      }
      const active = input.active ?? current?.active ?? true;
      if (input.makeDefault && !active) {
        throw new ApiError('conflict', `Sổ "${input.code}" đã ngừng dùng nên không làm sổ chung được: dùng lại sổ trước.`, [{ path: 'makeDefault', message: 'Sổ đã ngừng dùng.' }]);
      }
      if (!active && current?.active !== false) await assertRetirable(w.tx, owner, input.id, current?.is_default === true, input.code);
      const cols = { code: input.code, name: input.name, active };
      if (input.makeDefault && !current?.is_default) {
        // One default per office: the old one stops being it in the same transaction.
        for (const old of (await w.tx.query<{ id: string }>('SELECT id FROM award_registers WHERE owner_unit_id = $1 AND is_default', [owner])).rows) {
          await w.update('award_registers', old.id, { is_default: false });
        }
      }
      const isDefault = input.makeDefault === true || current?.is_default === true;
      return input.id ? w.update('award_registers', input.id, { ...cols, is_default: isDefault }) : w.insert('award_registers', { id: ctx.deps.newId(), ...cols, is_default: isDefault });
    });
    return registerFromRow({ ...row, used });
  },

  async 'awards.setOptions'(input, ctx) {
    const owner = office(ctx);
    await mutate(asUser(ctx), 'awards.setOptions', async (w) => {
      await ensureSeeded(w, owner);
      await w.update('award_options', defaultId.options(owner), { rounding_mode: input.roundingMode, rounding_step: input.roundingStep });
    });
    const opts: AwardOptions = { roundingMode: input.roundingMode, roundingStep: input.roundingStep };
    return opts;
  },

  async 'awards.createDecision'(input, ctx) {
    const owner = office(ctx);
    const { columns, items } = await resolveDecision(ctx, input);
    if (input.correctsDecisionId) {
      const orig = (await ctx.deps.db.query<{ status: string }>('SELECT status FROM award_decisions WHERE id = $1', [input.correctsDecisionId])).rows[0];
      if (!orig || orig.status !== 'issued') throw new ApiError('invalid_input', 'Chỉ đính chính được một quyết định đã ban hành.', [{ path: 'correctsDecisionId', message: 'Không hợp lệ.' }]);
    }
    const id = ctx.deps.newId();
    await mutate(asUser(ctx), 'awards.createDecision', async (w) => {
      await ensureSeeded(w, owner);
      await w.insert('award_decisions', {
        id,
        status: 'draft',
        number: null,
        ...columns,
        corrects_decision_id: input.correctsDecisionId ?? null,
        correction_note: input.correctionNote,
      });
      await writeItems(w, ctx, id, items);
    });
    return loadDecision(ctx.deps.db, id);
  },

  async 'awards.updateDecision'(input, ctx) {
    const current = await loadDecision(ctx.deps.db, input.id);
    if (current.decision.status !== 'draft') {
      throw new ApiError('conflict', `${decisionLabel(current.decision)} đã ban hành nên không sửa được. Muốn thay đổi, hãy lập quyết định đính chính.`);
    }
    const { columns, items } = await resolveDecision(ctx, input);
    await mutate(asUser(ctx), 'awards.updateDecision', async (w) => {
      await w.update('award_decisions', input.id, columns, input.expectedVersion);
      await writeItems(w, ctx, input.id, items);
    });
    return loadDecision(ctx.deps.db, input.id);
  },

  async 'awards.issueDecision'(input, ctx) {
    const owner = office(ctx);
    const user = requireSession(ctx).displayName;
    const { decision: d, items } = await loadDecision(ctx.deps.db, input.id);
    if (d.status !== 'draft') throw new ApiError('conflict', `${decisionLabel(d)} đã được ban hành trước đó.`);
    const used = (
      await ctx.deps.db.query<{ id: string; number: number; decision_date: string }>(
        'SELECT id, number, decision_date FROM award_decisions WHERE owner_unit_id = $1 AND symbol = $2 AND year = $3 AND number IS NOT NULL',
        [owner, d.symbol, d.year],
      )
    ).rows;
    const number = input.number ?? used.reduce((m, r) => Math.max(m, Number(r.number)), 0) + 1;
    const clash = used.find((r) => Number(r.number) === number);
    if (clash) {
      const when = String(clash.decision_date).slice(0, 10).split('-').reverse().join('/');
      throw new ApiError('conflict', `Số ${formatDecisionNumber(number, d.symbol)} đã được dùng cho quyết định ngày ${when} trong năm ${d.year}. Mỗi số chỉ dùng một lần trong năm; hãy chọn số khác.`, [
        { path: 'number', message: 'Số đã được dùng trong năm.' },
      ]);
    }
    const data = await loadAwardData(ctx.deps.db, owner);
    const issues = checkDecisionForIssue(
      d,
      items.map((it) => ({
        recipientKind: it.recipientKind,
        recipientName: it.recipientName,
        personId: it.personId,
        unitId: it.unitId,
        awardSubject: data.kinds.find((k) => k.id === it.awardKindId)?.subject ?? it.recipientKind,
        achievement: it.achievement,
      })),
      number,
      today(ctx),
    );
    if (issues.length > 0) throw new ApiError('invalid_input', `Chưa ban hành được: ${issues[0]?.message ?? ''}`, issues);
    // Who may award what, dissolved units, one reward per achievement (shared/awards/authority.ts).
    await assertAuthority(ctx.deps.db, owner, d.id);
    const defaultRegister = data.registers.find((r) => r.isDefault) ?? data.registers[0];
    if (!defaultRegister) throw new ApiError('not_configured', 'Chưa có sổ khen thưởng nào.');
    await mutate(asUser(ctx), 'awards.issueDecision', async (w) => {
      await ensureSeeded(w, owner);
      await w.update('award_decisions', d.id, { status: 'issued', number, issued_at: w.now, issued_by: user }, input.expectedVersion);
      const next = new Map<string, number>();
      for (const it of items) {
        const registerId = data.kinds.find((k) => k.id === it.awardKindId)?.registerId ?? defaultRegister.id;
        // Read inside the transaction: the numbers given so far in this register and year, cancelled ones included.
        const n = next.get(registerId) ?? nextRegisterNumber(await usedRegisterNumbers(w.tx, owner, registerId, d.year));
        next.set(registerId, n + 1);
        await w.update('award_items', it.id, { status: 'issued', register_id: registerId, register_year: d.year, register_number: n });
      }
    });
    return loadDecision(ctx.deps.db, d.id);
  },

  async 'awards.startCorrection'(input, ctx) {
    const src: DecisionWithItems = await loadDecision(ctx.deps.db, input.id);
    if (src.decision.status !== 'issued') throw new ApiError('invalid_input', 'Chỉ đính chính được quyết định đã ban hành; bản nháp thì sửa trực tiếp.');
    const id = ctx.deps.newId();
    const d = src.decision;
    await mutate(asUser(ctx), 'awards.startCorrection', async (w) => {
      await w.insert('award_decisions', {
        id,
        status: 'draft',
        number: null,
        symbol: d.symbol,
        decision_date: today(ctx),
        year: Number(today(ctx).slice(0, 4)),
        place: d.place,
        parent_body: d.parentBody,
        issuer_name: d.issuerName,
        authority_title: d.authorityTitle,
        authority_kind: (await w.tx.query<{ authority_kind: string | null }>('SELECT authority_kind FROM award_decisions WHERE id = $1', [d.id])).rows[0]?.authority_kind ?? null,
        sign_mode: d.signMode,
        sign_head_title: d.signHeadTitle,
        signer_title: d.signerTitle,
        signer_name: d.signerName,
        subject: `Về việc đính chính ${decisionLabel(d)}`,
        legal_bases: JSON.stringify([...d.legalBases.map((b) => b.replace(/\.$/u, ';')), `Căn cứ ${decisionLabel(d)};`]),
        execution_text: d.executionText,
        recipients: JSON.stringify(d.recipients),
        corrects_decision_id: d.id,
        correction_note: input.note,
      });
      for (const it of src.items) {
        await w.insert('award_items', {
          id: ctx.deps.newId(),
          decision_id: id,
          seq: it.seq,
          status: 'draft',
          recipient_kind: it.recipientKind,
          person_id: it.personId,
          unit_id: it.unitId,
          recipient_title: it.recipientTitle,
          recipient_name: it.recipientName,
          recipient_position: it.recipientPosition,
          recipient_unit_name: it.recipientUnitName,
          award_kind_id: it.awardKindId,
          award_code: it.awardCode,
          award_name: it.awardName,
          achievement: it.achievement,
          coefficient: it.coefficient,
          base_salary: it.baseSalary,
          prize_amount: it.prizeAmount,
          search_key: foldVietnamese([it.recipientName, it.recipientPosition, it.recipientUnitName, it.awardName, it.awardCode].filter(Boolean).join(' ')),
        });
      }
    });
    return loadDecision(ctx.deps.db, id);
  },

  async 'awards.cancelItem'(input, ctx) {
    const row = (await ctx.deps.db.query('SELECT * FROM award_items WHERE id = $1', [input.itemId])).rows[0];
    if (!row) throw new ApiError('not_found', 'Không tìm thấy dòng khen thưởng.');
    const it = itemFromRow(row);
    if (it.status === 'cancelled') throw new ApiError('conflict', 'Khen thưởng này đã bị hủy trước đó.');
    if (it.status !== 'issued') throw new ApiError('invalid_input', 'Chỉ hủy được khen thưởng đã vào sổ; bản nháp thì bỏ khỏi danh sách.');
    await mutate(asUser(ctx), 'awards.cancelItem', (w) =>
      w.update('award_items', it.id, { status: 'cancelled', cancel_reason: input.reason, cancelled_at: w.now, cancelled_by: requireSession(ctx).displayName }, it.version),
    );
    return registerEntry(ctx.deps.db, it.id);
  },

  async 'awards.recordHistorical'(input, ctx) {
    const owner = office(ctx);
    const data = await loadAwardData(ctx.deps.db, owner);
    const register = input.registerId ? data.registers.find((r) => r.id === input.registerId) : data.registers.find((r) => r.isDefault);
    if (!register) throw new ApiError('invalid_input', 'Không tìm thấy sổ khen thưởng.', [{ path: 'registerId', message: 'Không tồn tại.' }]);
    // The prize of an old award is what the paper register says (typed in), not recomputed: a stand-in
    // base salary keeps resolveItem from refusing dates before the table starts; its amount is discarded.
    const anyDate: BaseSalary = { id: '-', effectiveFrom: '1900-01-01', amount: 1, source: '', confidence: 'certain' };
    const resolved = await resolveItem(ctx.deps.db, input.item, input.decisionDate, { ...data, baseSalaries: [anyDate] }, null);
    const bad = checkManualRegisterNumber(input.registerNumber, input.registerYear, await usedRegisterNumbers(ctx.deps.db, owner, register.id, input.registerYear));
    if (bad) throw new ApiError(input.registerNumber >= 1 && Number.isInteger(input.registerNumber) ? 'conflict' : 'invalid_input', bad, [{ path: 'registerNumber', message: bad }]);
    const id = ctx.deps.newId();
    await mutate(asUser(ctx), 'awards.recordHistorical', async (w) => {
      await ensureSeeded(w, owner);
      await w.insert('award_items', {
        id,
        decision_id: null,
        seq: 1,
        status: 'issued',
        ...resolved,
        base_salary: 0,
        prize_amount: input.prizeAmount,
        register_id: register.id,
        register_year: input.registerYear,
        register_number: input.registerNumber,
        historical_decision: input.decisionLabel,
        historical_date: input.decisionDate,
      });
    });
    return registerEntry(ctx.deps.db, id);
  },
};
