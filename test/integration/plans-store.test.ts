import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/store/open-store.js';
import { inProcessClient } from '../../electron/transports/in-process.js';
import type { ApiClient } from '../../shared/api/client.js';
import type { Input } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/errors.js';
import type { PlanContent } from '../../shared/plans/model.js';
import { parseDateRef } from '../../shared/plans/dates.js';
import { newMovement } from '../../shared/plans/edit.js';
import { OFFICE_SETUP, quietLogger } from '../support/store.js';
import { anGiang2021, dakLak2024 } from '../fixtures/plans/index.js';
import { docxToText } from '../../electron/plans/docx-text.js';

/** Two offices on one (fixed) clock: the province department issues, the district office receives and derives. */
const NOW = new Date('2024-03-05T08:00:00Z');

async function office(setup: Input<'system.setup'>): Promise<{ store: Store; api: ApiClient }> {
  const store = await openStore({ logger: quietLogger, clock: () => NOW });
  const api = inProcessClient(store);
  const session = await api.call('system.setup', setup);
  api.setSession(session.token);
  return { store, api };
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected the call to fail');
}

const clone = (p: PlanContent): PlanContent => JSON.parse(JSON.stringify(p)) as PlanContent;

async function counts(store: Store): Promise<[number, number]> {
  const plans = await store.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM plans');
  const outbox = await store.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
  return [plans.rows[0]?.n ?? -1, outbox.rows[0]?.n ?? -1];
}

describe('plans in the store', () => {
  let province: { store: Store; api: ApiClient };
  let district: { store: Store; api: ApiClient };

  beforeAll(async () => {
    province = await office({
      ...OFFICE_SETUP,
      office: { name: 'Sở Tư pháp', shortName: 'STP', level: 'province_department', parentName: 'UBND tỉnh Đắk Lắk', province: 'Đắk Lắk', placeName: 'Đăk Lăk' },
      admin: { displayName: 'Phan Thị Hồng Thắng', username: 'admin', password: 'matkhau123' },
    });
    district = await office(OFFICE_SETUP);
  });
  afterAll(async () => {
    await province.store.close();
    await district.store.close();
  });

  it('a plan is a draft until issued; issuing needs a number; an issued plan is never edited, only revised', async () => {
    const { api, store } = province;
    const draft = clone(dakLak2024);
    const created = await api.call('plans.create', { content: draft });
    expect(created.status).toBe('draft');

    const blocked = await failure(api.call('plans.issue', { id: created.id, expectedVersion: created.version }));
    expect(blocked.code).toBe('invalid_input');
    expect(blocked.message).toContain('Số văn bản: phải có khi ban hành');

    const numbered = clone(draft);
    numbered.ref.number = '05';
    numbered.ref.date = { text: 'ngày 28 tháng 12 năm 2023', iso: '2023-12-28', precision: 'day' };
    const saved = await api.call('plans.update', { id: created.id, expectedVersion: created.version, content: numbered });
    const issued = await api.call('plans.issue', { id: saved.id, expectedVersion: saved.version });
    expect(issued.status).toBe('issued');
    expect(issued.issuedAt).not.toBeNull();

    const [plansBefore, outboxBefore] = await counts(store);
    const edit = await failure(api.call('plans.update', { id: issued.id, expectedVersion: issued.version, content: numbered }));
    expect([edit.code, edit.message]).toEqual(['conflict', 'Kế hoạch đã ban hành không sửa trực tiếp; hãy tạo bản sửa đổi (phiên bản mới).']);
    expect(await counts(store)).toEqual([plansBefore, outboxBefore]);

    const revision = await api.call('plans.revise', { id: issued.id });
    expect([revision.status, revision.revision, revision.revisionOf]).toEqual(['draft', 2, issued.id]);
    // The new version moves the registration deadline, in the structured list and in the text alike.
    const changed = JSON.parse(JSON.stringify(numbered).replaceAll('31/01/2024', '05/02/2024')) as PlanContent;
    changed.deadlines[0] = { ...(changed.deadlines[0] as PlanContent['deadlines'][number]), due: parseDateRef('05/02/2024') };
    const rev2 = await api.call('plans.update', { id: revision.id, expectedVersion: revision.version, content: changed });
    const rev2Issued = await api.call('plans.issue', { id: rev2.id, expectedVersion: rev2.version });
    expect(rev2Issued.status).toBe('issued');
    const old = await api.call('plans.get', { id: issued.id });
    expect(old.plan.status).toBe('superseded');
    expect(old.plan.content.deadlines[0]?.due.iso).toBe('2024-01-31');
    const detail = await api.call('plans.get', { id: rev2Issued.id });
    expect(detail.history.map((h) => h.id)).toEqual([issued.id]);
    // Every write went through mutate(): outbox and audit rows exist for the plan.
    const audit = await store.deps.db.query<{ action: string }>("SELECT action FROM audit_log WHERE table_name = 'plans' ORDER BY id");
    expect(audit.rows.map((r) => r.action)).toEqual(expect.arrayContaining(['plans.create', 'plans.update', 'plans.issue', 'plans.revise']));
  });

  it('a duplicate number and symbol in one year is refused in Vietnamese and writes nothing', async () => {
    const { api, store } = province;
    const other = clone(anGiang2021);
    other.ref = { ...other.ref, number: '05', symbol: 'KH-STP', date: { text: 'ngày 10 tháng 12 năm 2023', iso: '2023-12-10', precision: 'day' } };
    other.year = 2024;
    other.period = null;
    other.deadlines = [];
    const before = await counts(store);
    const e = await failure(api.call('plans.create', { content: other }));
    expect(e.code).toBe('conflict');
    expect(e.message).toContain('Số, ký hiệu 05/KH-STP đã dùng cho văn bản khác trong năm 2023');
    expect(await counts(store)).toEqual(before);
    // The same number in another calendar year is fine.
    other.ref.date = { text: 'ngày 05 tháng 01 năm 2024', iso: '2024-01-05', precision: 'day' };
    expect((await api.call('plans.create', { content: other })).status).toBe('draft');
  });

  it.each<[string, (p: PlanContent) => void, string]>([
    ['a phase ending before it starts', (p) => ((p.phases[0] as PlanContent['phases'][number]).to = parseDateRef('01/01/2023')), 'trước ngày bắt đầu'],
    ['a deadline outside the plan year', (p) => ((p.deadlines[3] as PlanContent['deadlines'][number]).due = parseDateRef('30/11/2025')), 'nằm ngoài năm kế hoạch 2024'],
    ['an impossible date', (p) => ((p.deadlines[1] as PlanContent['deadlines'][number]).due = parseDateRef('30/02/2024')), 'không có thật'],
    ['a missing signer', (p) => (p.signer = null), 'Người ký'],
  ])('%s: Vietnamese error, nothing written', async (_name, patch, message) => {
    const { api, store } = province;
    const bad = clone(dakLak2024);
    patch(bad);
    const before = await counts(store);
    const e = await failure(api.call('plans.create', { content: bad }));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain(message);
    expect(await counts(store)).toEqual(before);
  });

  it('a missing mandatory field is refused at the boundary', async () => {
    const bad = clone(dakLak2024) as unknown as Record<string, unknown>;
    bad.summary = '   ';
    const e = await failure(province.api.call('plans.create', { content: bad as unknown as PlanContent }));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toContain('Trích yếu: không được để trống.');
  });

  it('the editor’s parts round-trip through plans.update; an empty one is refused with its field and writes nothing', async () => {
    const { api, store } = province;
    const created = await api.call('plans.create', { content: clone(dakLak2024) });
    const edited = clone(created.content);
    edited.movements.push({ id: 'mx', name: ' Phong trào “Cán bộ Tư pháp vì nhân dân phục vụ” ', kind: 'thematic', periodText: '2021 - 2025', fromYear: 2021, toYear: 2025, description: 'Gần dân, hiểu dân.', source: '' });
    edited.phases[0]?.commemorations.push({ id: 'cx', event: 'Ngày thành lập Hội Luật gia Việt Nam', originalDate: parseDateRef('28/4/1955'), writtenNumber: null, yearDate: null, source: '' });
    edited.tasks.push({ label: '3.', heading: 'Hòa giải ở cơ sở', text: '', children: [{ label: 'a)', heading: '', text: 'Tập huấn hòa giải viên', children: [{ label: '-', heading: '', text: 'Ở các xã vùng cao', children: [] }] }] });
    edited.legalBases = ['Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;'];
    edited.subjects = { collectives: 'Các phòng thuộc Sở', individuals: 'Công chức, viên chức' };
    edited.titles = [{ kind: 'award', name: 'Giấy khen của Giám đốc Sở', recipients: 'Tập thể, cá nhân tiêu biểu' }];
    edited.responsibilities = [{ party: 'Văn phòng Sở', duties: ['Theo dõi, tổng hợp'] }];
    edited.addressees = ['Các phòng thuộc Sở;', 'Lưu: VT.'];
    const saved = await api.call('plans.update', { id: created.id, expectedVersion: created.version, content: edited });
    const stored = (await api.call('plans.get', { id: created.id })).plan.content;
    expect(stored.movements.at(-1)).toMatchObject({ name: 'Phong trào “Cán bộ Tư pháp vì nhân dân phục vụ”', kind: 'thematic', fromYear: 2021, toYear: 2025 });
    expect(stored.phases[0]?.commemorations.at(-1)).toMatchObject({ event: 'Ngày thành lập Hội Luật gia Việt Nam', originalDate: { iso: '1955-04-28' } });
    expect(stored.tasks.at(-1)?.children[0]?.children[0]?.text).toBe('Ở các xã vùng cao');
    expect(stored).toMatchObject({ legalBases: edited.legalBases, subjects: edited.subjects, titles: edited.titles, responsibilities: edited.responsibilities, addressees: edited.addressees });

    for (const [patch, path, message] of [
      [(p: PlanContent) => p.movements.push({ ...newMovement('my'), name: '  ' }), `content.movements.${edited.movements.length}.name`, 'Tên phong trào: không được để trống.'],
      [(p: PlanContent) => p.phases[0]?.commemorations.push({ id: 'cy', event: '', originalDate: parseDateRef('1969'), writtenNumber: null, yearDate: null, source: '' }), `content.phases.0.commemorations.${edited.phases[0]?.commemorations.length ?? 0}.event`, 'Sự kiện: không được để trống.'],
      [(p: PlanContent) => p.addressees.push(''), `content.addressees.${edited.addressees.length}`, 'Nơi nhận: không được để trống.'],
      [(p: PlanContent) => p.titles.push({ kind: 'title', name: '', recipients: '' }), `content.titles.${edited.titles.length}.name`, 'Danh hiệu, hình thức khen thưởng: không được để trống.'],
    ] as const) {
      const bad = clone(stored);
      patch(bad);
      const before = await counts(store);
      const e = await failure(api.call('plans.update', { id: created.id, expectedVersion: saved.version, content: bad }));
      expect(e.code).toBe('invalid_input');
      expect(e.issues).toContainEqual({ path, message });
      expect(await counts(store)).toEqual(before);
    }
    expect((await api.call('plans.get', { id: created.id })).plan.version).toBe(saved.version);
  });

  it('the district receives the province plan from a file (read-only), derives its own, issues it, and follows the deadlines', async () => {
    const list = await province.api.call('plans.list', { status: 'issued', year: 2024 });
    const source = list.find((p) => p.numberSymbol === '05/KH-STP');
    expect(source).toBeDefined();
    const file = await province.api.call('plans.exportFile', { id: source?.id ?? '' });

    const received = await district.api.call('plans.receiveFile', { fileName: file.fileName, base64: file.base64 });
    expect([received.status, received.sourceUnitName]).toEqual(['received', 'SỞ TƯ PHÁP']);
    const readOnly = await failure(district.api.call('plans.update', { id: received.id, expectedVersion: received.version, content: received.content }));
    expect(readOnly.code).toBe('forbidden');
    const junk = await failure(district.api.call('plans.receiveFile', { fileName: 'x.json', base64: Buffer.from('{"a":1}').toString('base64') }));
    expect([junk.code, junk.message]).toEqual(['bad_file', 'Tệp không phải là tệp kế hoạch của phần mềm Thi Đua.']);

    const derived = await district.api.call('plans.derive', { parentId: received.id });
    expect(derived.parentPlanId).toBe(received.id);
    expect(derived.content.theme).toBe(dakLak2024.theme);
    expect(derived.content.phases).toEqual(received.content.phases);
    expect(derived.content.deadlines).toEqual(received.content.deadlines);
    expect(derived.content.header.issuingBody).toBe('PHÒNG TƯ PHÁP HUYỆN MƯỜNG NHÉ');
    expect(derived.content.ref.symbol).toBe('KH-PTP');
    expect(derived.content.preamble).toContain('Thực hiện Kế hoạch số 05/KH-STP ngày 28 tháng 12 năm 2023 của Sở tư pháp');

    const mine = clone(derived.content);
    mine.ref.number = '01';
    mine.ref.date = { text: 'ngày 15 tháng 01 năm 2024', iso: '2024-01-15', precision: 'day' };
    mine.signer = { form: 'KT.', authority: 'TRƯỞNG PHÒNG', title: 'PHÓ TRƯỞNG PHÒNG', name: 'Lò Văn Thành', extraLines: [] };
    mine.deadlines = [
      ...mine.deadlines,
      { id: 'x1', kind: 'registration_titles', title: 'Công chức Tư pháp - Hộ tịch các xã gửi đăng ký thi đua', due: parseDateRef('25/01/2024'), appliesTo: ['Công chức Tư pháp - Hộ tịch các xã'], sendTo: 'Phòng Tư pháp', source: '' },
    ];
    const saved = await district.api.call('plans.update', { id: derived.id, expectedVersion: derived.version, content: mine });
    const issued = await district.api.call('plans.issue', { id: saved.id, expectedVersion: saved.version });
    expect(issued.status).toBe('issued');
    const parentDetail = await district.api.call('plans.get', { id: received.id });
    expect(parentDetail.children.map((c) => c.id)).toEqual([issued.id]);

    await district.api.call('plans.setDeadlineDone', { planId: received.id, deadlineId: 'd1', doneOn: '2024-01-30', note: null });
    const board = await district.api.call('plans.board', {});
    expect(board.today).toBe('2024-03-05');
    const pick = (planId: string, id: string) => board.rows.find((r) => r.planId === planId && r.deadlineId === id);
    expect(pick(received.id, 'd1')).toMatchObject({ state: 'done', label: 'Đã xong (30/01/2024)' });
    expect(pick(received.id, 'd2')).toMatchObject({ state: 'overdue', daysLeft: -6, label: 'Quá hạn 6 ngày' });
    expect(pick(received.id, 'd3')).toMatchObject({ state: 'upcoming', dueIso: '2024-06-30' });
    expect(pick(issued.id, 'x1')).toMatchObject({ state: 'overdue' });
    expect(board.rows[0]?.state).toBe('overdue');
    const future = await failure(district.api.call('plans.setDeadlineDone', { planId: received.id, deadlineId: 'd2', doneOn: '2024-03-06', note: null }));
    expect(future.message).toBe('Ngày hoàn thành không thể sau hôm nay.');

    const cal = await district.api.call('plans.calendar', { id: issued.id });
    expect(cal.months[7]?.map((e) => e.label)).toContain('79 năm Ngày truyền thống ngành Tư pháp Việt Nam');
  });

  it('province console: each lower office’s derived plan and deadline states, from rows that arrived by sync', async () => {
    const { api, store } = province;
    const id = (await api.call('plans.list', { status: 'issued' })).find((p) => p.numberSymbol === '05/KH-STP')?.id ?? '';
    // What the sync apply path writes on the province's side: rows owned by the lower offices, as they sent them.
    const db = store.deps.db;
    await db.query("INSERT INTO units (id, owner_unit_id, name, level) VALUES ('ea', 'ea', 'Phòng Tư pháp huyện Ea H’Leo', 'district_office'), ('kb', 'kb', 'Phòng Tư pháp huyện Krông Búk', 'district_office')");
    const child = clone(dakLak2024);
    child.ref = { ...child.ref, number: '03', symbol: 'KH-PTP', date: { text: 'ngày 10 tháng 01 năm 2024', iso: '2024-01-10', precision: 'day' } };
    await db.query("INSERT INTO plans (id, owner_unit_id, status, year, doc_year, number, symbol, summary, parent_plan_id, content) VALUES ('kb-plan', 'kb', 'issued', 2024, 2024, '03', 'KH-PTP', 'Phát động phong trào thi đua năm 2024', $1, $2)", [id, child]);
    await db.query("INSERT INTO plan_deadline_status (id, owner_unit_id, plan_id, deadline_id, done_on) VALUES ($1, 'kb', $2, 'd1', '2024-01-29'), ($3, 'ea', $2, 'd1', '2024-02-02')", [`kb:${id}:d1`, id, `ea:${id}:d1`]);
    const progress = await api.call('plans.officeProgress', { planId: id });
    expect(progress.offices.map((o) => [o.unitName, o.derived?.numberSymbol ?? null, o.counts.done, o.counts.overdue])).toEqual([
      ['Phòng Tư pháp huyện Ea H’Leo', null, 1, 1],
      ['Phòng Tư pháp huyện Krông Búk', '03/KH-PTP', 1, 1],
    ]);
    expect(progress.offices[1]?.rows.find((r) => r.deadlineId === 'd2')).toMatchObject({ state: 'overdue', label: 'Quá hạn 6 ngày' });
    const notMine = await failure(district.api.call('plans.officeProgress', { planId: (await district.api.call('plans.list', { status: 'received' }))[0]?.id ?? '' }));
    expect(notMine.code).toBe('forbidden');
  });

  it('exports .docx that reads back through the importer with the same theme, phases and deadlines', async () => {
    const list = await province.api.call('plans.list', { status: 'issued' });
    const id = list.find((p) => p.numberSymbol === '05/KH-STP')?.id ?? '';
    const file = await province.api.call('plans.exportDocx', { id, part: 'plan' });
    expect(file.fileName).toBe('ke-hoach-2024-05.docx');
    const text = docxToText(Buffer.from(file.base64, 'base64'));
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Số: 05/KH-STP');
    expect(text).toContain('Đăk Lăk, ngày 28 tháng 12 năm 2023');
    const back = await province.api.call('plans.importDocx', { fileName: file.fileName, base64: file.base64 });
    expect(back.draft.theme).toBe(dakLak2024.theme);
    expect(back.draft.header).toEqual({ parentBody: 'UBND TỈNH ĐẮK LẮK', issuingBody: 'SỞ TƯ PHÁP' });
    expect(back.draft.ref).toMatchObject({ number: '05', symbol: 'KH-STP', place: 'Đăk Lăk', date: { iso: '2023-12-28' } });
    expect(back.draft.phases.map((p) => [p.from.iso, p.to.iso])).toEqual(dakLak2024.phases.map((p) => [p.from.iso, p.to.iso]));
    expect(back.draft.deadlines.map((d) => [d.kind, d.due.iso])).toEqual([
      ['registration_titles', '2024-02-05'],
      ['registration_initiatives', '2024-02-28'],
      ['mid_year_report', '2024-06-30'],
      ['year_end_report', '2024-11-30'],
    ]);
    expect(back.draft.signer?.name).toBe('Phan Thị Hồng Thắng');
    const bad = await failure(province.api.call('plans.importDocx', { fileName: 'x.docx', base64: Buffer.from('not a zip').toString('base64') }));
    expect(bad.code).toBe('bad_file');
  });
});
