import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client.js';
import type { Input } from '../../shared/api/contract.js';
import type { Store } from '../../electron/store/open-store.js';
import { configuredStore } from '../support/store.js';
import { addPeople, decisionInput, rejection } from '../support/awards.js';

/** Issuing under the authority rules, through the real handlers and store (issue 6 points 1 and 7). */

/** Rows in the awards tables plus outbox and audit: "writes nothing" means none of these move. */
async function footprint(store: Store): Promise<number[]> {
  const tables = ['award_decisions', 'award_items', 'award_authority_rules', 'outbox', 'audit_log'];
  return Promise.all(tables.map(async (t) => (await store.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]?.n ?? 0));
}

async function status(store: Store, id: string): Promise<string | undefined> {
  return (await store.deps.db.query<{ status: string }>('SELECT status FROM award_decisions WHERE id = $1', [id])).rows[0]?.status;
}

describe('awards: authority rules enforced when issuing', () => {
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

  /** The fixture's decision without an explicit authority: the district office's usual one, the district chairman. */
  async function districtInput(date: string, who = people.slice(0, 2)): Promise<Input<'awards.createDecision'>> {
    const { authorityKind: _dropped, ...input } = await decisionInput(api, who, { decisionDate: date });
    return input;
  }

  it('the district chairman issues on 30/06/2025; on 12/01/2026 issuing is refused naming the line and R-AUTH-02, writing nothing', async () => {
    const ok = await api.call('awards.createDecision', await districtInput('2025-06-30'));
    expect((await api.call('awards.checkAuthority', { id: ok.decision.id })).authorityKind).toBe('district_chair');
    const issued = await api.call('awards.issueDecision', { id: ok.decision.id, expectedVersion: ok.decision.version });
    expect(issued.decision.status).toBe('issued');

    const late = await api.call('awards.createDecision', await districtInput('2026-01-12', people.slice(2, 4)));
    const check = await api.call('awards.checkAuthority', { id: late.decision.id });
    expect(check.allowed).toBe(false);
    expect(check.findings.map((f) => f.ruleId)).toEqual(['R-AUTH-02', 'R-AUTH-02']);
    const before = await footprint(store);
    const err = await rejection(api.call('awards.issueDecision', { id: late.decision.id, expectedVersion: late.decision.version }));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/^Chưa ban hành được: Dòng 1 \(Tôn Nữ Hoàng Thị Phương Khánh Huyền\): Chủ tịch UBND huyện chỉ có thẩm quyền tặng "Giấy khen" từ 01\/01\/2024 đến 30\/06\/2025 \(R-AUTH-02\)/u);
    expect(err.message).toContain('30/06/2025');
    expect(err.message).toContain('[R-AUTH-02: Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 2;');
    expect(err.message).toContain('(và 1 lỗi khác)');
    expect(err.issues?.map((i) => i.path)).toEqual(['items.0.awardKindId', 'items.1.awardKindId']);
    expect(await footprint(store)).toEqual(before);
    expect(await status(store, late.decision.id)).toBe('draft');

    // The same draft under the commune chairman (R-AUTH-03) issues.
    const fixed = await api.call('awards.updateDecision', { ...(await districtInput('2026-01-12', people.slice(2, 4))), authorityKind: 'commune_chair', id: late.decision.id, expectedVersion: late.decision.version });
    const issued2 = await api.call('awards.issueDecision', { id: fixed.decision.id, expectedVersion: fixed.decision.version });
    expect(issued2.decision.status).toBe('issued');
  });

  it('refuses an award decided by the province or the ministry (R-AUTH-04) and says to prepare a dossier', async () => {
    const config = await api.call('awards.config', {});
    const ttldxs = config.kinds.find((k) => k.code === 'TTLDXS');
    const input = await decisionInput(api, people.slice(0, 1));
    const d = await api.call('awards.createDecision', {
      ...input,
      items: [
        ...input.items,
        { recipientKind: 'collective', personId: null, unitId: office, recipientName: null, recipientPosition: null, recipientUnitName: null, awardKindId: ttldxs?.id ?? '', achievement: 'Hoàn thành xuất sắc nhiệm vụ năm 2025' },
      ],
    });
    const before = await footprint(store);
    const err = await rejection(api.call('awards.issueDecision', { id: d.decision.id, expectedVersion: d.decision.version }));
    expect(err.message).toContain('Dòng 2 (Phòng Tư pháp huyện Mường Nhé): "Tập thể lao động xuất sắc" do Chủ tịch UBND tỉnh, Bộ trưởng Bộ Tư pháp quyết định (R-AUTH-04)');
    expect(err.message).toContain('Hãy lập hồ sơ đề nghị khen thưởng');
    expect(err.message).toContain('[R-AUTH-04: Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 79');
    expect(err.issues).toHaveLength(1);
    expect(await footprint(store)).toEqual(before);
    const check = await api.call('awards.checkAuthority', { id: d.decision.id });
    expect(check.findings.find((f) => f.ruleId === 'R-AUTH-04')?.dossierTo).toContain('Chủ tịch UBND tỉnh');
  });

  it('refuses an award to a collective dissolved before the decision date (R-ORG-01); a person of that unit only gets a warning', async () => {
    const config = await api.call('awards.config', {});
    const gkTT = config.kinds.find((k) => k.code === 'GK-TT');
    const old = await api.call('units.create', { name: 'Tổ hòa giải bản Nậm Pồ', shortName: null, level: 'other', parentId: office, parentName: null, province: null, placeName: null, validFrom: '2015-01-01', validTo: '2025-06-30' });
    const movedPerson = await api.call('people.create', { fullName: 'Vàng A Chứ', gender: 'male', position: 'Tổ trưởng', unitId: old.id, staffCategory: 'cong_chuc', birthDate: null, startDate: null, note: null });
    const input = await decisionInput(api, [movedPerson.id]);
    const d = await api.call('awards.createDecision', {
      ...input,
      items: [...input.items, { recipientKind: 'collective', personId: null, unitId: old.id, recipientName: null, recipientPosition: null, recipientUnitName: null, awardKindId: gkTT?.id ?? '', achievement: 'Hòa giải thành 12 vụ việc năm 2025' }],
    });
    const check = await api.call('awards.checkAuthority', { id: d.decision.id });
    expect(check.findings.map((f) => [f.ruleId, f.severity, f.itemIndex])).toEqual([
      ['R-ORG-01', 'warning', 0],
      ['R-ORG-01', 'error', 1],
    ]);
    const before = await footprint(store);
    const err = await rejection(api.call('awards.issueDecision', { id: d.decision.id, expectedVersion: d.decision.version }));
    expect(err.message).toContain('Dòng 2 (Tổ hòa giải bản Nậm Pồ): tập thể "Tổ hòa giải bản Nậm Pồ" đã giải thể');
    expect(err.issues?.map((i) => i.path)).toEqual(['items.1.unitId']);
    expect(await footprint(store)).toEqual(before);
  });

  it('refuses a second reward for the same achievement (R-ONE-01), but not a correction of the decision that gave it', async () => {
    const first = await api.call('awards.createDecision', await decisionInput(api, people.slice(0, 1)));
    const issued = await api.call('awards.issueDecision', { id: first.decision.id, expectedVersion: first.decision.version });
    const again = await api.call('awards.createDecision', await decisionInput(api, people.slice(0, 2), { decisionDate: '2026-02-02' }));
    const before = await footprint(store);
    const err = await rejection(api.call('awards.issueDecision', { id: again.decision.id, expectedVersion: again.decision.version }));
    expect(err.message).toContain(`Dòng 1 (Nguyễn Văn An): thành tích "Đã có thành tích xuất sắc trong công tác tư pháp năm 2025" đã được khen "Giấy khen" theo Quyết định số 01/QĐ-UBND ngày 12/01/2026`);
    expect(err.message).toContain('[R-ONE-01: ');
    expect(err.issues?.map((i) => i.path)).toEqual(['items.0.achievement']);
    expect(await footprint(store)).toEqual(before);

    const correction = await api.call('awards.startCorrection', { id: issued.decision.id, note: 'Sai chức vụ' });
    expect((await api.call('awards.checkAuthority', { id: correction.decision.id })).authorityKind).toBe('commune_chair');
    const corrected = await api.call('awards.issueDecision', { id: correction.decision.id, expectedVersion: correction.decision.version });
    expect(corrected.decision.status).toBe('issued');
  });

  it('the admin switches off the unsure R-AUTH-03-2025 row (audited); the commune chairman then cannot award CSTĐCS; certain rows cannot be changed', async () => {
    const config = await api.call('awards.config', {});
    const cstdcs = config.kinds.find((k) => k.code === 'CSTDCS');
    const input = await decisionInput(api, people.slice(0, 1));
    const d = await api.call('awards.createDecision', { ...input, items: input.items.map((it) => ({ ...it, awardKindId: cstdcs?.id ?? '' })) });
    const warned = await api.call('awards.checkAuthority', { id: d.decision.id });
    expect(warned.allowed).toBe(true);
    expect(warned.findings.map((f) => [f.ruleId, f.severity])).toEqual([['R-AUTH-03-2025', 'warning']]);

    const { rules } = await api.call('awards.authorityRules', {});
    const ext = rules.find((r) => r.code === 'R-AUTH-03-2025');
    const certain = rules.find((r) => r.code === 'R-AUTH-02');
    if (!ext || !certain) throw new Error('default rows missing');

    const before = await footprint(store);
    const refused = await rejection(api.call('awards.saveAuthorityRule', { id: certain.id, awardCodes: ['GK'], validFrom: '2024-01-01', validTo: '2026-12-31', enabled: true, note: null }));
    expect(refused.code).toBe('forbidden');
    expect(refused.message).toContain('R-AUTH-02');
    expect(await footprint(store)).toEqual(before);

    const saved = await api.call('awards.saveAuthorityRule', { id: ext.id, expectedVersion: ext.version, awardCodes: ext.awardCodes, validFrom: ext.validFrom, validTo: ext.validTo, enabled: false, note: 'Tắt chờ đối chiếu Nghị định 152/2025' });
    expect(saved.enabled).toBe(false);
    const audit = (await store.deps.db.query<{ action: string; row_id: string }>("SELECT action, row_id FROM audit_log WHERE table_name = 'award_authority_rules' ORDER BY id")).rows;
    expect(audit.filter((a) => a.row_id === ext.id).map((a) => a.action)).toContain('awards.saveAuthorityRule');

    const err = await rejection(api.call('awards.issueDecision', { id: d.decision.id, expectedVersion: d.decision.version }));
    expect(err.message).toContain('không có thẩm quyền tặng "Chiến sĩ thi đua cơ sở"');
  });
});
