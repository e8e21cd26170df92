import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiClient } from '../../shared/api/client.js';
import type { Store } from '../../electron/store/open-store.js';
import { configuredStore } from '../support/store.js';
import { addPeople, decisionInput, rejection } from '../support/awards.js';

const OUT = join(process.cwd(), 'test-results', 'awards');

async function count(store: Store, table: string): Promise<number> {
  const r = await store.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return r.rows[0]?.n ?? 0;
}

/** Rows in every awards table plus outbox and audit: "writes nothing" means none of these move. */
async function footprint(store: Store): Promise<number[]> {
  const tables = ['award_decisions', 'award_items', 'award_registers', 'award_kinds', 'base_salaries', 'certificate_prints', 'outbox', 'audit_log'];
  return Promise.all(tables.map((t) => count(store, t)));
}

describe('awards: decisions and the register', () => {
  let store: Store;
  let api: ApiClient;
  let office: string;
  let people: string[];

  beforeEach(async () => {
    ({ store, api, officeUnitId: office } = await configuredStore());
    people = await addPeople(api, office);
  });
  afterEach(async () => {
    await store.close();
  });

  it('drafts a decision for five people with prizes from the base salary in force on the decision date', async () => {
    const d = await api.call('awards.createDecision', await decisionInput(api, people));
    expect(d.decision.status).toBe('draft');
    expect(d.decision.number).toBeNull();
    expect(d.items).toHaveLength(5);
    // 0,3 × 2.340.000 (in force from 01/7/2024) = 702.000 → ceiling to 10.000 = 710.000
    expect(d.items.map((i) => i.prizeAmount)).toEqual([710_000, 710_000, 710_000, 710_000, 710_000]);
    expect(d.items[1]?.recipientTitle).toBe('Bà');
    expect(d.items[1]?.recipientUnitName).toBe('Phòng Tư pháp huyện Mường Nhé');
  });

  it('uses the 2026 base salary for a decision dated after 01/7/2026 and honours the rounding mode', async () => {
    const after = await api.call('awards.createDecision', await decisionInput(api, people.slice(0, 1), { decisionDate: '2026-07-01' }));
    // 0,3 × 2.530.000 = 759.000 → ceiling 760.000
    expect(after.items[0]?.prizeAmount).toBe(760_000);
    await api.call('awards.setOptions', { roundingMode: 'floor', roundingStep: 10_000 });
    const floor = await api.call('awards.createDecision', await decisionInput(api, people.slice(0, 1), { decisionDate: '2026-07-01' }));
    expect(floor.items[0]?.prizeAmount).toBe(750_000);
  });

  it('issues with the next number of the year and sequential register numbers; an issued decision cannot be edited', async () => {
    const first = await api.call('awards.createDecision', await decisionInput(api, people));
    const issued = await api.call('awards.issueDecision', { id: first.decision.id, expectedVersion: first.decision.version });
    expect(issued.decision.status).toBe('issued');
    expect(issued.decision.number).toBe(1);
    expect(issued.items.map((i) => i.registerNumber)).toEqual([1, 2, 3, 4, 5]);
    expect(issued.items.every((i) => i.registerYear === 2026)).toBe(true);

    // Another achievement for the same two people: one achievement is rewarded once (R-ONE-01).
    const secondInput = await decisionInput(api, people.slice(0, 2));
    const second = await api.call('awards.createDecision', { ...secondInput, items: secondInput.items.map((it) => ({ ...it, achievement: 'Có thành tích đột xuất trong công tác hòa giải ở cơ sở năm 2026' })) });
    const issued2 = await api.call('awards.issueDecision', { id: second.decision.id, expectedVersion: second.decision.version });
    expect(issued2.decision.number).toBe(2);
    expect(issued2.items.map((i) => i.registerNumber)).toEqual([6, 7]);

    const before = await footprint(store);
    const err = await rejection(api.call('awards.updateDecision', { ...(await decisionInput(api, people)), id: first.decision.id, expectedVersion: issued.decision.version }));
    expect(err.code).toBe('conflict');
    expect(err.message).toContain('đã ban hành nên không sửa được');
    expect(await footprint(store)).toEqual(before);
  });

  it('refuses a decision number already used that year, in Vietnamese, writing nothing', async () => {
    const a = await api.call('awards.createDecision', await decisionInput(api, people.slice(0, 1)));
    await api.call('awards.issueDecision', { id: a.decision.id, expectedVersion: a.decision.version, number: 5 });
    const b = await api.call('awards.createDecision', await decisionInput(api, people.slice(1, 2)));
    const before = await footprint(store);
    const err = await rejection(api.call('awards.issueDecision', { id: b.decision.id, expectedVersion: b.decision.version, number: 5 }));
    expect(err.code).toBe('conflict');
    expect(err.message).toBe('Số 05/QĐ-UBND đã được dùng cho quyết định ngày 12/01/2026 trong năm 2026. Mỗi số chỉ dùng một lần trong năm; hãy chọn số khác.');
    expect(await footprint(store)).toEqual(before);
    // The same number in another year is fine (numbering restarts each 1 January).
    const c = await api.call('awards.createDecision', await decisionInput(api, people.slice(1, 2), { decisionDate: '2025-12-30' }));
    const ok = await api.call('awards.issueDecision', { id: c.decision.id, expectedVersion: c.decision.version, number: 5 });
    expect(ok.decision.number).toBe(5);
    expect(ok.items[0]?.registerYear).toBe(2025);
    expect(ok.items[0]?.registerNumber).toBe(1);
  });

  it('refuses an award without a recipient, writing nothing', async () => {
    const input = await decisionInput(api, people.slice(0, 1));
    const before = await footprint(store);
    const item = input.items[0];
    if (!item) throw new Error('no item');
    const err = await rejection(api.call('awards.createDecision', { ...input, items: [{ ...item, personId: null, recipientName: '   ' }] }));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toContain('Khen thưởng phải có người hoặc tập thể được khen');
    expect(err.issues?.[0]?.path).toBe('items.0.recipientName');
    expect(await footprint(store)).toEqual(before);
  });

  it('refuses a person award given to a collective and a collective award given to a person', async () => {
    const config = await api.call('awards.config', {});
    const ttldtt = config.kinds.find((k) => k.code === 'TTLDTT');
    const input = await decisionInput(api, people.slice(0, 1));
    const item = input.items[0];
    if (!item || !ttldtt) throw new Error('setup');
    const err = await rejection(api.call('awards.createDecision', { ...input, items: [{ ...item, awardKindId: ttldtt.id }] }));
    expect(err.message).toContain('Hình thức này chỉ dành cho tập thể.');
  });

  it('keeps a cancelled register number (never reused) and records the reason; history spans years', async () => {
    const a = await api.call('awards.createDecision', await decisionInput(api, people.slice(0, 3)));
    const issued = await api.call('awards.issueDecision', { id: a.decision.id, expectedVersion: a.decision.version });
    const cancelled = await api.call('awards.cancelItem', { itemId: issued.items[1]?.id ?? '', reason: 'Trùng thành tích đã được khen (nguyên tắc một thành tích một lần khen).' });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.registerNumber).toBe(2);
    const b = await api.call('awards.createDecision', await decisionInput(api, people.slice(3, 4)));
    const issuedB = await api.call('awards.issueDecision', { id: b.decision.id, expectedVersion: b.decision.version });
    expect(issuedB.items[0]?.registerNumber).toBe(4);

    const visible = await api.call('awards.register', { year: 2026 });
    expect(visible.map((e) => e.registerNumber)).toEqual([1, 3, 4]);
    const all = await api.call('awards.register', { year: 2026, includeCancelled: true });
    expect(all.map((e) => [e.registerNumber, e.status])).toEqual([
      [1, 'issued'],
      [2, 'cancelled'],
      [3, 'issued'],
      [4, 'issued'],
    ]);

    // An older paper register: 2024 typed in with its own number; a duplicate is refused and writes nothing.
    const config = await api.call('awards.config', {});
    const ldtt = config.kinds.find((k) => k.code === 'LDTT');
    const old = {
      item: { recipientKind: 'person' as const, personId: people[0] ?? '', unitId: null, recipientName: null, recipientPosition: null, recipientUnitName: null, awardKindId: ldtt?.id ?? '', achievement: 'Hoàn thành tốt nhiệm vụ năm 2024' },
      registerYear: 2024,
      registerNumber: 17,
      decisionLabel: 'Quyết định số 41/QĐ-UBND ngày 20/12/2024',
      decisionDate: '2024-12-20',
      prizeAmount: 540_000,
    };
    await api.call('awards.recordHistorical', old);
    const before = await footprint(store);
    const dup = await rejection(api.call('awards.recordHistorical', { ...old, item: { ...old.item, personId: people[1] ?? '' } }));
    expect(dup.code).toBe('conflict');
    expect(dup.message).toBe('Số vào sổ 17 năm 2024 đã được dùng; mỗi số chỉ dùng một lần.');
    expect(await footprint(store)).toEqual(before);

    const history = await api.call('awards.history', { personId: people[0] ?? '' });
    expect(history.map((h) => [h.registerYear, h.awardName])).toEqual([
      [2026, 'Giấy khen'],
      [2024, 'Lao động tiên tiến'],
    ]);
    expect(history[1]?.historical).toBe(true);
  });

  it('numbers each configured register on its own: titles in their register, Giấy khen in the general one', async () => {
    const draftReg = await api.call('awards.saveRegister', { code: 'LDT', name: 'Sổ danh hiệu' });
    // Unused yet: code and name may both change.
    const reg = await api.call('awards.saveRegister', { id: draftReg.id, code: 'LDTT', name: 'Sổ danh hiệu Lao động tiên tiến' });
    expect([reg.id, reg.code, reg.name]).toEqual([draftReg.id, 'LDTT', 'Sổ danh hiệu Lao động tiên tiến']);
    const config = await api.call('awards.config', {});
    const ldtt = config.kinds.find((k) => k.code === 'LDTT');
    if (!ldtt) throw new Error('no LDTT');
    await api.call('awards.saveKind', { ...ldtt, registerId: reg.id });
    const input = await decisionInput(api, people.slice(0, 4));
    const items = input.items.map((it, i) => (i % 2 ? { ...it, awardKindId: ldtt.id } : it));
    const d = await api.call('awards.createDecision', { ...input, items });
    const issued = await api.call('awards.issueDecision', { id: d.decision.id, expectedVersion: d.decision.version });
    expect(issued.items.map((i) => [i.awardCode, i.registerNumber])).toEqual([
      ['GK', 1],
      ['LDTT', 1],
      ['GK', 2],
      ['LDTT', 2],
    ]);
    const ldttRegister = await api.call('awards.register', { registerId: reg.id });
    expect(ldttRegister.map((e) => [e.registerCode, e.registerNumber])).toEqual([
      ['LDTT', 1],
      ['LDTT', 2],
    ]);

    // Numbers given: the code is printed and signed into the QR codes, so it stays; the name may still change.
    const before = await footprint(store);
    const refused = await rejection(api.call('awards.saveRegister', { id: reg.id, code: 'LD', name: 'Sổ danh hiệu Lao động tiên tiến' }));
    expect(refused.code).toBe('conflict');
    expect(refused.message).toBe('Sổ "LDTT" đã cấp số vào sổ nên không đổi mã được: mã sổ đã in trên giấy khen và nằm trong mã QR dùng để xác thực. Chỉ đổi được tên sổ.');
    expect(await footprint(store)).toEqual(before);
    const renamed = await api.call('awards.saveRegister', { id: reg.id, code: 'LDTT', name: 'Sổ theo dõi danh hiệu Lao động tiên tiến' });
    expect([renamed.code, renamed.name]).toEqual(['LDTT', 'Sổ theo dõi danh hiệu Lao động tiên tiến']);
    expect((await api.call('awards.register', { registerId: reg.id })).map((e) => e.registerCode)).toEqual(['LDTT', 'LDTT']);
  });

  it('retires a register once nothing is numbered into it: its numbers stay, it gives no new ones, and the general register moves', async () => {
    const reg = await api.call('awards.saveRegister', { code: 'HUYEN', name: 'Sổ khen thưởng của Phòng Tư pháp huyện (đến 30/6/2025)' });
    expect(reg.active).toBe(true);
    const ldtt = (await api.call('awards.config', {})).kinds.find((k) => k.code === 'LDTT');
    if (!ldtt) throw new Error('no LDTT');
    await api.call('awards.saveKind', { ...ldtt, registerId: reg.id });
    const input = await decisionInput(api, people.slice(0, 2));
    const d = await api.call('awards.createDecision', { ...input, items: input.items.map((it) => ({ ...it, awardKindId: ldtt.id })) });
    await api.call('awards.issueDecision', { id: d.decision.id, expectedVersion: d.decision.version });

    // An award kind still numbers into it: refused, naming the kind; nothing written.
    let before = await footprint(store);
    const inUse = await rejection(api.call('awards.saveRegister', { id: reg.id, code: 'HUYEN', name: reg.name, active: false }));
    expect(inUse.code).toBe('conflict');
    expect(inUse.message).toBe('Còn 1 danh hiệu, hình thức ghi số vào sổ "HUYEN" (Lao động tiên tiến): chuyển sang sổ khác rồi mới ngừng dùng sổ này.');
    expect(await footprint(store)).toEqual(before);

    // The general register is what every kind naming none goes into: it cannot be retired.
    const general = (await api.call('awards.config', {})).registers.find((r) => r.isDefault);
    if (!general) throw new Error('no general register');
    const isGeneral = await rejection(api.call('awards.saveRegister', { id: general.id, code: general.code, name: general.name, active: false }));
    expect(isGeneral.message).toBe(`Sổ "${general.code}" là sổ chung nên không ngừng dùng được: đặt một sổ khác làm sổ chung trước.`);
    expect(await footprint(store)).toEqual(before);

    // The kind moved to the general register, the old one retires.
    await api.call('awards.saveKind', { ...ldtt, registerId: general.id });
    const retired = await api.call('awards.saveRegister', { id: reg.id, code: 'HUYEN', name: reg.name, active: false });
    expect([retired.active, retired.used]).toEqual([false, true]);
    // What it gave stays in the register and in each person's history.
    expect((await api.call('awards.register', { registerId: reg.id })).map((e) => [e.registerCode, e.registerNumber])).toEqual([
      ['HUYEN', 1],
      ['HUYEN', 2],
    ]);
    expect((await api.call('awards.history', { personId: people[0] ?? '' })).map((h) => h.registerCode)).toEqual(['HUYEN']);
    // No kind can be pointed at it again; a later decision numbers in the general register.
    before = await footprint(store);
    const closed = await rejection(api.call('awards.saveKind', { ...ldtt, registerId: reg.id }));
    expect(closed.code).toBe('conflict');
    expect(closed.message).toBe('Sổ "HUYEN" đã ngừng dùng, không cấp số mới: chọn sổ khác.');
    expect(await footprint(store)).toEqual(before);
    const laterInput = await decisionInput(api, people.slice(2, 3));
    const later = await api.call('awards.createDecision', { ...laterInput, items: laterInput.items.map((it) => ({ ...it, awardKindId: ldtt.id })) });
    const laterIssued = await api.call('awards.issueDecision', { id: later.decision.id, expectedVersion: later.decision.version });
    expect(laterIssued.items.map((i) => [i.registerId, i.registerNumber])).toEqual([[general.id, 1]]);
    // Old awards from its paper pages can still be typed in.
    const typed = await api.call('awards.recordHistorical', {
      item: { recipientKind: 'person', personId: people[1] ?? '', unitId: null, recipientName: null, recipientPosition: null, recipientUnitName: null, awardKindId: ldtt.id, achievement: 'Hoàn thành tốt nhiệm vụ năm 2024' },
      registerId: reg.id,
      registerYear: 2024,
      registerNumber: 9,
      decisionLabel: 'Quyết định số 30/QĐ-UBND ngày 10/12/2024',
      decisionDate: '2024-12-10',
      prizeAmount: 540_000,
    });
    expect([typed.registerCode, typed.registerNumber]).toEqual(['HUYEN', 9]);

    // Another register becomes the general one; the old general one may then retire.
    const commune = await api.call('awards.saveRegister', { code: 'XA', name: 'Sổ khen thưởng của xã', makeDefault: true });
    const registers = (await api.call('awards.config', {})).registers;
    expect(registers.filter((r) => r.isDefault).map((r) => r.code)).toEqual(['XA']);
    expect(registers.find((r) => r.id === commune.id)?.isDefault).toBe(true);
    await api.call('awards.saveKind', { ...ldtt, registerId: commune.id });
    expect((await api.call('awards.saveRegister', { id: general.id, code: general.code, name: general.name, active: false })).active).toBe(false);
    // A retired register cannot be made the general one, and a retired register may come back into use.
    const notGeneral = await rejection(api.call('awards.saveRegister', { id: reg.id, code: 'HUYEN', name: reg.name, makeDefault: true }));
    expect(notGeneral.message).toBe('Sổ "HUYEN" đã ngừng dùng nên không làm sổ chung được: dùng lại sổ trước.');
    expect((await api.call('awards.saveRegister', { id: reg.id, code: 'HUYEN', name: reg.name, active: true })).active).toBe(true);
  });

  it('finds people and collectives in the register ignoring diacritics, NFD input included', async () => {
    const config = await api.call('awards.config', {});
    const tt = config.kinds.find((k) => k.code === 'TTLDTT');
    const input = await decisionInput(api, people);
    const d = await api.call('awards.createDecision', {
      ...input,
      items: [
        ...input.items,
        { recipientKind: 'collective', personId: null, unitId: office, recipientName: null, recipientPosition: null, recipientUnitName: 'Ủy ban nhân dân huyện Mường Nhé', awardKindId: tt?.id ?? '', achievement: 'Hoàn thành tốt nhiệm vụ năm 2025' },
      ],
    });
    await api.call('awards.issueDecision', { id: d.decision.id, expectedVersion: d.decision.version });
    expect((await api.call('awards.register', { search: 'khanh huyen' })).map((e) => e.recipientName)).toEqual(['Tôn Nữ Hoàng Thị Phương Khánh Huyền']);
    expect((await api.call('awards.register', { search: 'Tập thể lao động tiên tiến'.normalize('NFD') })).map((e) => e.recipientName)).toEqual(['Phòng Tư pháp huyện Mường Nhé']);
    const unitHistory = await api.call('awards.history', { unitId: office });
    expect(unitHistory.map((h) => h.awardName)).toEqual(['Tập thể lao động tiên tiến']);
  });

  it('corrects an issued decision only through a new decision that references it', async () => {
    const a = await api.call('awards.createDecision', await decisionInput(api, people.slice(0, 2)));
    const issued = await api.call('awards.issueDecision', { id: a.decision.id, expectedVersion: a.decision.version });
    const corr = await api.call('awards.startCorrection', { id: issued.decision.id, note: 'Sai chức vụ của bà Lò Thị Bích' });
    expect(corr.decision.status).toBe('draft');
    expect(corr.decision.correctsDecisionId).toBe(issued.decision.id);
    expect(corr.correctsLabel).toBe('Quyết định số 01/QĐ-UBND ngày 12/01/2026');
    expect(corr.decision.legalBases.at(-1)).toBe('Căn cứ Quyết định số 01/QĐ-UBND ngày 12/01/2026;');
    const original = await api.call('awards.getDecision', { id: issued.decision.id });
    expect(original.decision.version).toBe(issued.decision.version);
  });

  it('lets officers draft but only the head or admin issue', async () => {
    await api.call('users.create', { username: 'canbo', displayName: 'Cán bộ Tư pháp', password: 'matkhau123', role: 'officer' });
    const session = await api.call('auth.login', { username: 'canbo', password: 'matkhau123' });
    api.setSession(session.token);
    const d = await api.call('awards.createDecision', await decisionInput(api, people.slice(0, 1)));
    const err = await rejection(api.call('awards.issueDecision', { id: d.decision.id, expectedVersion: d.decision.version }));
    expect(err.code).toBe('forbidden');
  });

  it('exports the decision to .docx in the NĐ 30/2020 layout with the list attached', async () => {
    const a = await api.call('awards.createDecision', await decisionInput(api, people));
    const issued = await api.call('awards.issueDecision', { id: a.decision.id, expectedVersion: a.decision.version });
    const file = await api.call('awards.exportDocx', { id: issued.decision.id });
    expect(file.fileName).toBe('quyet-dinh-01-QD-UBND-2026-01-12.docx');
    const dir = mkdtempSync(join(tmpdir(), 'awards-docx-'));
    const path = join(dir, file.fileName);
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    const xml = execFileSync('unzip', ['-p', path, 'word/document.xml']).toString('utf8');
    const text = xml.replace(/<w:tab\/>/gu, '\t').replace(/<\/w:p>/gu, '\n').replace(/<[^>]+>/gu, '');
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'ỦY BAN NHÂN DÂN HUYỆN MƯỜNG NHÉ',
      'Số: 01/QĐ-UBND',
      'Mường Nhé, ngày 12 tháng 01 năm 2026',
      'QUYẾT ĐỊNH',
      'CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MƯỜNG NHÉ',
      'QUYẾT ĐỊNH:',
      'Điều 1.',
      'Tặng Giấy khen cho 05 cá nhân',
      'Tổng số tiền thưởng: 3.550.000 đồng.',
      'KT. CHỦ TỊCH',
      'PHÓ CHỦ TỊCH',
      'Lò Văn Mừng',
      'Nơi nhận:',
      '- Lưu: VT.',
      'DANH SÁCH',
      '(Kèm theo Quyết định số 01/QĐ-UBND ngày 12 tháng 01 năm 2026 của Chủ tịch Ủy ban nhân dân huyện Mường Nhé)',
      'Bà Tôn Nữ Hoàng Thị Phương Khánh Huyền',
    ]) {
      expect(text, s).toContain(s);
    }
    expect(xml).toContain('w:orient="landscape"');
    expect(xml).toContain('Times New Roman');
    // Kept for looking at (LibreOffice renders it to PNG in docs/certificates.md's check list).
    mkdirSync(OUT, { recursive: true });
    writeFileSync(join(OUT, file.fileName), Buffer.from(file.base64, 'base64'));
  });

  it('exports the same decision to PDF: the same words, the bundled font embedded, the list on landscape pages', async () => {
    const a = await api.call('awards.createDecision', await decisionInput(api, people));
    const issued = await api.call('awards.issueDecision', { id: a.decision.id, expectedVersion: a.decision.version });
    const file = await api.call('awards.exportPdf', { id: issued.decision.id });
    mkdirSync(OUT, { recursive: true });
    const path = join(OUT, file.fileName);
    writeFileSync(path, Buffer.from(file.base64, 'base64'));
    const text = execFileSync('pdftotext', [path, '-']).toString('utf8').replace(/\s+/gu, ' ');
    for (const s of ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 01/QĐ-UBND', 'Mường Nhé, ngày 12 tháng 01 năm 2026', 'QUYẾT ĐỊNH:', 'KT. CHỦ TỊCH', 'Lò Văn Mừng', 'DANH SÁCH', 'Bà Tôn Nữ Hoàng Thị Phương Khánh Huyền', 'Tổng cộng']) {
      expect(text, s).toContain(s);
    }
    const fonts = execFileSync('pdffonts', [path]).toString('utf8').split('\n').slice(2).filter(Boolean);
    expect(fonts.every((f) => /\+Tinos-/u.test(f) && / yes yes yes /u.test(f))).toBe(true);
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', '3', path]).toString('utf8');
    expect(sizes).toMatch(/Page\s+1 size:\s+59\d\.\d+ x 841\.\d+ pts/u);
    expect(sizes).toMatch(/Page\s+2 size:\s+841\.\d+ x 59\d\.\d+ pts/u);
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(OUT, 'decision-pdf')]);
  });
});
