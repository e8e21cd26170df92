import { describe, expect, it } from 'vitest';
import { migrate } from '../../shared/db/migrate.js';
import { officeMigrations } from '../../shared/db/migrations/index.js';
import { openPGlite } from '../../electron/store/pglite-database.js';

/** 0400_awards on a store that already holds the older shape: data kept, new constraints enforced. */
describe('migration 0400_awards', () => {
  it('applies over an existing office and enforces the numbering rules in the schema', async () => {
    const db = await openPGlite();
    try {
      const before = officeMigrations.filter((m) => m.id < '0400');
      await migrate(db, before);
      await db.query("INSERT INTO units (id, owner_unit_id, name, level) VALUES ('u1', 'u1', 'Phòng Tư pháp huyện Mường Nhé', 'district_office')");
      await db.query("INSERT INTO people (id, owner_unit_id, unit_id, full_name, gender, staff_category, search_key) VALUES ('p1', 'u1', 'u1', 'Lò Thị Bích', 'female', 'cong_chuc', 'lo thi bich')");
      const report = await migrate(db, officeMigrations);
      expect(report.applied).toContain('0400_awards');
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0]?.n).toBe(1);

      const decision = (n: number | null, id: string, status = 'issued') =>
        db.query(
          `INSERT INTO award_decisions (id, owner_unit_id, status, number, symbol, decision_date, year, place, parent_body, issuer_name, authority_title, sign_mode, sign_head_title, signer_title, signer_name, subject, legal_bases, execution_text, recipients)
           VALUES ($1, 'u1', $2, $3, 'QĐ-UBND', '2026-01-12', 2026, 'Mường Nhé', '', 'UBND', 'CHỦ TỊCH', 'KT.', 'CHỦ TỊCH', 'PHÓ CHỦ TỊCH', 'Lò Văn Mừng', 'Về việc', '[]', '', '[]')`,
          [id, status, n],
        );
      await db.query("INSERT INTO award_registers (id, owner_unit_id, code, name, is_default) VALUES ('r1', 'u1', 'SKT', 'Sổ theo dõi khen thưởng', true)");
      await decision(5, 'd1');
      await expect(decision(5, 'd2')).rejects.toThrow();
      await expect(decision(null, 'd3')).rejects.toThrow(); // issued without a number
      await decision(null, 'd4', 'draft');

      const item = (id: string, number: number | null, status = 'issued', name = 'Lò Thị Bích') =>
        db.query(
          `INSERT INTO award_items (id, owner_unit_id, decision_id, seq, recipient_kind, person_id, recipient_name, award_code, award_name, achievement, coefficient, base_salary, prize_amount, register_id, register_year, register_number, status, search_key)
           VALUES ($1, 'u1', 'd1', 1, 'person', 'p1', $4, 'GK', 'Giấy khen', 'x', 0.3, 2340000, 710000, 'r1', 2026, $2, $3, 'x')`,
          [id, number, status, name],
        );
      await item('i1', 1);
      await expect(item('i2', 1)).rejects.toThrow(); // register number used
      await expect(item('i3', null)).rejects.toThrow(); // issued without a register number
      await expect(item('i4', 2, 'issued', '')).rejects.toThrow(); // no recipient
      await item('i5', null, 'draft');

      const print = (id: string, kind: string, reason: string | null) =>
        db.query("INSERT INTO certificate_prints (id, owner_unit_id, item_id, kind, reason, printed_by, printed_at, template_id, output) VALUES ($1, 'u1', 'i1', $2, $3, 'Lò Văn Thành', now(), 't', 'pdf')", [id, kind, reason]);
      await print('c1', 'print', null);
      await expect(print('c2', 'reprint', null)).rejects.toThrow(); // a reprint needs its reason
      await print('c3', 'reprint', 'Phôi bị kẹt giấy');
    } finally {
      await db.close();
    }
  });

  it('0420_register_retirement keeps every existing register in use', async () => {
    const db = await openPGlite();
    try {
      await migrate(db, officeMigrations.filter((m) => m.id < '0420'));
      await db.query("INSERT INTO award_registers (id, owner_unit_id, code, name, is_default) VALUES ('r1', 'u1', 'SKT', 'Sổ theo dõi khen thưởng', true), ('r2', 'u1', 'LDTT', 'Sổ danh hiệu', false)");
      const report = await migrate(db, officeMigrations);
      expect(report.applied).toEqual(['0420_register_retirement']);
      expect((await db.query<{ code: string; active: boolean }>('SELECT code, active FROM award_registers ORDER BY code')).rows).toEqual([
        { code: 'LDTT', active: true },
        { code: 'SKT', active: true },
      ]);
    } finally {
      await db.close();
    }
  });
});
