import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiClient } from '../../shared/api/client.js';
import type { DecisionWithItems } from '../../shared/awards/types.js';
import type { CertificateTemplate } from '../../shared/awards/layout.js';
import { calibrateBox } from '../../shared/awards/layout.js';
import type { Store } from '../../electron/store/open-store.js';
import { loadSigningKey, signSummary } from '../../electron/awards/signing.js';
import { qrModules } from '../../electron/awards/qr-png.js';
import { readZipEntry } from '../../electron/plans/zip.js';
import { formatRegisterNumber } from '../../shared/awards/register.js';
import { fileSlug } from '../../shared/vi/search.js';
import { configuredStore } from '../support/store.js';
import { addPeople, decisionInput, rejection } from '../support/awards.js';

/**
 * Certificates end to end through the store: PDFs by Chromium, checked with
 * poppler (pdftotext for the exact data, pdffonts for embedding, pdftoppm
 * for the PNGs that were looked at, bbox for positions).
 */
const OUT = join(process.cwd(), 'test-results', 'certificates');
const LONG_UNIT = 'Phòng Tư pháp huyện Mường Nhé, tỉnh Điện Biên';
const LONG_ACHIEVEMENT =
  'Đã có thành tích xuất sắc trong thực hiện nhiệm vụ công tác tư pháp năm 2025, đặc biệt trong công tác phổ biến, giáo dục pháp luật, hòa giải ở cơ sở, xây dựng xã, thị trấn đạt chuẩn tiếp cận pháp luật và cải cách thủ tục hành chính, góp phần vào sự nghiệp xây dựng và phát triển kinh tế - xã hội của huyện';

function save(name: string, base64: string): string {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, name);
  writeFileSync(path, Buffer.from(base64, 'base64'));
  return path;
}

const pdftotext = (path: string, ...args: string[]) => execFileSync('pdftotext', [...args, path, '-']).toString('utf8');
const pageTexts = (path: string) => pdftotext(path).split('\f').slice(0, -1).map((t) => t.replace(/\s+/gu, ' ').trim());

interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

/** Word boxes in millimetres (pdftotext -bbox reports PDF points). */
function words(path: string): Word[] {
  const html = pdftotext(path, '-bbox');
  const out: Word[] = [];
  let page = -1;
  const pt = 25.4 / 72;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/u.exec(line);
    if (m) out.push({ page, xMin: Number(m[1]) * pt, yMin: Number(m[2]) * pt, xMax: Number(m[3]) * pt, yMax: Number(m[4]) * pt, text: m[5] ?? '' });
  }
  return out;
}

/** The words of one printed line, found by its first words on a page. */
function lineBox(all: Word[], page: number, firstWords: string[]): { xMin: number; xMax: number; yMid: number } {
  const ws = all.filter((w) => w.page === page);
  for (let i = 0; i < ws.length; i++) {
    if (firstWords.every((fw, k) => ws[i + k]?.text === fw)) {
      const first = ws[i];
      if (!first) break;
      const line = ws.filter((w) => Math.abs(w.yMin - first.yMin) < 0.5 && w.xMin >= first.xMin - 0.1);
      return { xMin: first.xMin, xMax: Math.max(...line.map((w) => w.xMax)), yMid: (first.yMin + first.yMax) / 2 };
    }
  }
  throw new Error(`line starting ${firstWords.join(' ')} not found on page ${page}`);
}

describe('certificates: printing to PDF', () => {
  let store: Store;
  let api: ApiClient;
  let decision: DecisionWithItems;
  let templates: CertificateTemplate[];

  beforeAll(async () => {
    let office: string;
    ({ store, api, officeUnitId: office } = await configuredStore());
    const people = await addPeople(api, office);
    const config = await api.call('awards.config', {});
    const gkTT = config.kinds.find((k) => k.code === 'GK-TT');
    const input = await decisionInput(api, people);
    const items = input.items.map((it, i) => (i === 2 ? { ...it, achievement: LONG_ACHIEVEMENT } : it));
    const draft = await api.call('awards.createDecision', {
      ...input,
      items: [
        ...items,
        // Typed as combining sequences (NFD), as some keyboards and pasted PDFs produce.
        { recipientKind: 'collective', personId: null, unitId: null, recipientName: LONG_UNIT.normalize('NFD'), recipientPosition: null, recipientUnitName: 'Ủy ban nhân dân huyện Mường Nhé', awardKindId: gkTT?.id ?? '', achievement: LONG_ACHIEVEMENT.normalize('NFD') },
      ],
    });
    decision = await api.call('awards.issueDecision', { id: draft.decision.id, expectedVersion: draft.decision.version });
    templates = await api.call('certificates.templates', {});
  });
  afterAll(async () => {
    await store.close();
  });

  it('prints a whole decision with every built-in template: exact text, fonts embedded, one page each', async () => {
    expect(templates.map((t) => t.name)).toEqual([
      'Giấy khen — giấy trắng A4 ngang',
      'Giấy khen — giấy trắng A3 ngang',
      'Giấy chứng nhận danh hiệu — giấy trắng A4 ngang',
      'Giấy khen — in lên phôi A4 ngang',
    ]);
    for (const [ti, t] of templates.entries()) {
      const r = await api.call('certificates.print', { selection: { decisionId: decision.decision.id }, templateId: t.id, ...(ti > 0 ? { reason: `Thử mẫu ${t.name}` } : {}) });
      expect(r.printed).toBe(6);
      const path = save(`decision-${t.id.split(':').at(-1) ?? ti}.pdf`, r.file.base64);
      const pages = pageTexts(path);
      expect(pages).toHaveLength(6);
      decision.items.forEach((item, i) => {
        const text = pages[i] ?? '';
        const name = item.recipientKind === 'person' ? `${item.recipientTitle ?? ''} ${item.recipientName}` : LONG_UNIT;
        expect(text, `${t.name} p${i + 1}`).toContain(name);
        expect(text).toContain(`Số vào sổ: ${String(item.registerNumber).padStart(2, '0')}/2026/SKT`);
        expect(text).toContain('Quyết định số 01/QĐ-UBND ngày 12/01/2026');
        expect(text).toContain(item.achievement);
        expect(text).toContain('Mường Nhé, ngày 12 tháng 01 năm 2026');
        expect(text).toContain('KT. CHỦ TỊCH PHÓ CHỦ TỊCH');
        expect(text).toContain('Lò Văn Mừng');
        expect(text).toMatch(/Mã xác thực: SKT-2026-\d+-[A-Z2-7]{4}-[A-Z2-7]{4}/u);
        if (t.mode === 'plain') {
          expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc');
          expect(text).toContain('CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MƯỜNG NHÉ');
        } else {
          // Overlay prints only the variable text: the blank carries the national heading.
          expect(text).not.toContain('CỘNG HÒA');
        }
      });
      const fonts = execFileSync('pdffonts', [path]).toString('utf8').split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      for (const f of fonts) {
        expect(f, 'only the bundled Tinos').toMatch(/^[A-Z]{6}\+Tinos-(Regular|Bold|Italic|BoldItalic)\s/u);
        expect(f.split(/\s+/u).slice(-5, -2), 'emb sub uni').toEqual(['yes', 'yes', 'yes']);
      }
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '6', path, join(OUT, `png-${t.id.split(':').at(-1) ?? ti}`)]);
    }
  });

  it('gives one PDF per certificate in a .zip (to send each person theirs): one page each, only its recipient, named by register number', async () => {
    const before = (await api.call('certificates.printLog', { decisionId: decision.decision.id })).length;
    const r = await api.call('certificates.print', { selection: { decisionId: decision.decision.id }, templateId: templates[0]?.id ?? '', perCertificate: true, reason: 'Gửi bản điện tử cho từng người' });
    expect(r.file.fileName).toBe('giay-khen-quyet-dinh-so-01-qd-ubnd-ngay-12-01-2026-tung-to.zip');
    const zip = Buffer.from(r.file.base64, 'base64');
    const names = decision.items.map((it) => it.recipientName.normalize('NFC'));
    for (const [i, it] of decision.items.entries()) {
      const entry = `${String(i + 1).padStart(3, '0')}-${fileSlug(formatRegisterNumber(it.registerNumber ?? 0, it.registerYear ?? 0, 'SKT'))}-${fileSlug(it.recipientName)}.pdf`;
      const pdf = readZipEntry(zip, entry);
      expect(pdf, entry).not.toBeNull();
      const path = save(`per-certificate-${entry}`, (pdf ?? Buffer.alloc(0)).toString('base64'));
      const pages = pageTexts(path);
      expect(pages).toHaveLength(1);
      expect(pages[0]).toContain(names[i]);
      for (const other of names.filter((n, j) => j !== i && !names[i]?.includes(n))) expect(pages[0]).not.toContain(other);
    }
    expect(readZipEntry(zip, 'khong-co.pdf')).toBeNull();
    // Each file is a copy that can be printed: logged like any print, with the reason.
    const log = await api.call('certificates.printLog', { decisionId: decision.decision.id });
    expect(log.length - before).toBe(decision.items.length);
    expect(log.slice(0, decision.items.length).every((p) => p.kind === 'reprint' && p.reason === 'Gửi bản điện tử cho từng người')).toBe(true);
  });

  it('prints NFD input exactly like NFC input', async () => {
    const r = await api.call('certificates.print', { selection: { itemIds: [decision.items[5]?.id ?? ''] }, templateId: templates[0]?.id ?? '', reason: 'Kiểm tra NFD' });
    const text = pageTexts(save('nfd.pdf', r.file.base64))[0] ?? '';
    expect(text).toContain(LONG_UNIT);
    expect(text).toContain(LONG_ACHIEVEMENT);
    expect(text).toBe(text.normalize('NFC'));
  });

  it('prints the fonts a template chooses: heading in Playfair Display, the name in Arimo, the rest in Tinos, all embedded', async () => {
    const base = templates[0];
    if (!base) throw new Error('template');
    const fields = base.fields.map((f) => (f.key === 'heading' ? { ...f, font: 'playfair' as const } : f.key === 'recipientName' ? { ...f, font: 'arimo' as const } : f));
    const t = await api.call('certificates.saveTemplate', { ...base, id: undefined, expectedVersion: undefined, name: 'Giấy khen — tên chữ Arimo, tiêu đề Playfair', fields });
    expect(t.fields.find((f) => f.key === 'heading')?.font).toBe('playfair');
    const item = decision.items[0];
    const r = await api.call('certificates.print', { selection: { itemIds: [item?.id ?? ''] }, templateId: t.id, reason: 'Thử phông chữ' });
    const path = save('fonts-mixed.pdf', r.file.base64);
    const text = pageTexts(path)[0] ?? '';
    expect(text).toContain('GIẤY KHEN');
    expect(text).toContain(`${item?.recipientTitle ?? ''} ${item?.recipientName ?? ''}`);
    expect(text).toContain(item?.achievement ?? '-');
    const fonts = execFileSync('pdffonts', [path]).toString('utf8').split('\n').slice(2).filter(Boolean);
    const names = fonts.map((f) => (f.split(/\s+/u)[0] ?? '').replace(/^[A-Z]{6}\+/u, ''));
    expect(names).toEqual(expect.arrayContaining(['PlayfairDisplay-Bold', 'Arimo-Bold', 'Tinos-Bold', 'Tinos-Italic']));
    expect(names.every((n) => /^(Tinos|Arimo|PlayfairDisplay)-/u.test(n)), names.join(', ')).toBe(true);
    for (const f of fonts) expect(f.split(/\s+/u).slice(-5, -2), 'emb sub uni').toEqual(['yes', 'yes', 'yes']);
    execFileSync('pdftoppm', ['-png', '-r', '60', path, join(OUT, 'png-fonts-mixed')]);
  });

  it('places overlay fields within 0.5 mm of the template, and moves them by the printer calibration', async () => {
    const overlay = templates.find((t) => t.mode === 'overlay');
    if (!overlay) throw new Error('no overlay template');
    const reg = overlay.fields.find((f) => f.key === 'registerNumber');
    const place = overlay.fields.find((f) => f.key === 'placeDate');
    if (!reg || !place) throw new Error('fields');
    const item = decision.items[0];
    for (const cal of [
      { printerName: 'Canon LBP 2900', offsetXMm: 0, offsetYMm: 0, scale: 1 },
      { printerName: 'HP LaserJet P1102', offsetXMm: 3.5, offsetYMm: -2, scale: 0.98 },
    ]) {
      await api.call('certificates.saveCalibration', cal);
      const r = await api.call('certificates.print', { selection: { itemIds: [item?.id ?? ''] }, templateId: overlay.id, printerName: cal.printerName, reason: 'Kiểm tra vị trí' });
      const all = words(save(`overlay-${cal.printerName.replace(/\W+/gu, '-')}.pdf`, r.file.base64));
      // Left-aligned field: the first glyph starts at the box's left edge; single line: centred vertically in the box.
      const regBox = calibrateBox(reg, { ...cal });
      const regLine = lineBox(all, 0, ['Số', 'vào', 'sổ:']);
      expect(Math.abs(regLine.xMin - regBox.xMm)).toBeLessThan(0.5);
      expect(Math.abs(regLine.yMid - (regBox.yMm + regBox.hMm / 2))).toBeLessThan(0.5);
      // Centred field: the line's middle is the box's middle.
      const placeBox = calibrateBox(place, cal);
      const placeLine = lineBox(all, 0, ['Mường', 'Nhé,', 'ngày']);
      expect(Math.abs((placeLine.xMin + placeLine.xMax) / 2 - (placeBox.xMm + placeBox.wMm / 2))).toBeLessThan(0.5);
      expect(Math.abs(placeLine.yMid - (placeBox.yMm + placeBox.hMm / 2))).toBeLessThan(0.5);
    }
  });

  it('logs prints; a second print is a reprint and needs a reason, recorded with who and when', async () => {
    const item = decision.items[1];
    const before = await api.call('certificates.printLog', { itemId: item?.id ?? '' });
    expect(before.length).toBeGreaterThan(0);
    const err = await rejection(api.call('certificates.print', { selection: { itemIds: [item?.id ?? ''] }, templateId: templates[0]?.id ?? '' }));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toContain('In lại cần ghi lý do');
    expect(await api.call('certificates.printLog', { itemId: item?.id ?? '' })).toHaveLength(before.length);
    await api.call('certificates.print', { selection: { itemIds: [item?.id ?? ''] }, templateId: templates[0]?.id ?? '', reason: 'Phôi bị kẹt giấy, in hỏng' });
    const after = await api.call('certificates.printLog', { itemId: item?.id ?? '' });
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({ kind: 'reprint', reason: 'Phôi bị kẹt giấy, in hỏng', printedBy: 'Lò Văn Thành' });
  });

  it('refuses to print text that cannot fit even at the minimum size, writing nothing', async () => {
    const config = await api.call('awards.config', {});
    const people = await api.call('people.list', {});
    const input = await decisionInput(api, [people[0]?.id ?? ''], { decisionDate: '2026-01-13' });
    const first = input.items[0];
    if (!first) throw new Error('item');
    const d = await api.call('awards.createDecision', { ...input, items: [{ ...first, achievement: `${LONG_ACHIEVEMENT}. `.repeat(4) }] });
    const issued = await api.call('awards.issueDecision', { id: d.decision.id, expectedVersion: d.decision.version });
    const prints = (await store.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM certificate_prints')).rows[0]?.n;
    const err = await rejection(api.call('certificates.print', { selection: { decisionId: issued.decision.id }, templateId: templates[0]?.id ?? '' }));
    expect(err.message).toMatch(/^Không in được: giấy khen của Nguyễn Văn An có nội dung không vừa ô "Thành tích"/u);
    expect((await store.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM certificate_prints')).rows[0]?.n).toBe(prints);
    expect(config.kinds.length).toBeGreaterThan(0);
  });

  it('refuses a template with a field off the page, in Vietnamese, writing nothing', async () => {
    const t = templates[0];
    if (!t) throw new Error('template');
    const fields = t.fields.map((f) => (f.key === 'signerName' ? { ...f, xMm: 250 } : f));
    const err = await rejection(api.call('certificates.saveTemplate', { ...t, id: undefined, name: 'Mẫu lệch', fields }));
    expect(err.code).toBe('invalid_input');
    expect(err.message).toBe('Mẫu chưa hợp lệ: Trường "Họ tên người ký": nằm ngoài trang giấy A4 ngang (297 × 210 mm): ô từ (250; 191) đến (380; 199) mm.');
    expect((await api.call('certificates.templates', {})).map((x) => x.name)).not.toContain('Mẫu lệch');
  });

  it('verifies a typed code from the paper and a signed QR code; refuses tampered, foreign and cancelled ones', async () => {
    const r = await api.call('certificates.print', { selection: { itemIds: [decision.items[3]?.id ?? ''] }, templateId: templates[0]?.id ?? '', reason: 'Kiểm tra mã' });
    const text = pageTexts(save('verify.pdf', r.file.base64))[0] ?? '';
    const typed = /Mã xác thực: (SKT-2026-\d+-[A-Z2-7]{4}-[A-Z2-7]{4})/u.exec(text)?.[1] ?? '';
    const ok = await api.call('awards.verify', { code: typed });
    expect(ok.status).toBe('valid');
    expect(ok.award?.recipient).toBe('Giàng A Dình');
    expect((await api.call('awards.verify', { code: typed.toLowerCase() })).status).toBe('valid');
    expect((await api.call('awards.verify', { code: typed.replace(/-[A-Z2-7]{4}$/u, '-AAAA') })).status).toBe('mismatch');

    const key = await loadSigningKey(store.deps.db);
    if (!key) throw new Error('no key after printing');
    const item = decision.items[3];
    const summary = { decisionNumber: '01/QĐ-UBND', decisionDate: '2026-01-12', recipient: item?.recipientName ?? '', awardCode: 'GK', registerCode: 'SKT', registerYear: 2026, registerNumber: item?.registerNumber ?? 0 };
    // A4's 22 mm box holds the name with its diacritics (TD2, version 6 here): that is what the certificate printed.
    const qr = signSummary(key, summary, { diacritics: true }).qr;
    expect(qr.length).toBeLessThan(200);
    // The QR printed on the certificate is exactly this signed code: its image, pulled out of the PDF, has the code's modules.
    const prefix = join(OUT, 'verify-qr');
    execFileSync('pdfimages', [join(OUT, 'verify.pdf'), prefix]);
    const ppm = readFileSync(`${prefix}-000.ppm`);
    const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/u.exec(ppm.subarray(0, 40).toString('latin1'));
    const size = Number(header?.[1]);
    const pixels = ppm.subarray(header?.[0].length ?? 0);
    const expected = qrModules(qr);
    expect(size).toBe(expected.size);
    expect(size).toBeLessThanOrEqual(45);
    let differences = 0;
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if (((pixels[(y * size + x) * 3] ?? 255) < 128) !== expected.dark(x, y)) differences++;
    expect(differences).toBe(0);
    expect((await api.call('awards.verify', { code: qr })).status).toBe('valid');
    expect(qr).toMatch(/^TD2\*[0-9A-F]{12}\*SKT\*2026\*\d+\*01\/QD-UBND\*20260112\*GK\*GIÀNG A DÌNH\*[A-Z2-7]{103}$/u);
    // A keyboard-wedge scanner that drops or garbles the tone marks: the genuine signature still names the record,
    // and the answer shows the register's own name and says the scanned text differed.
    for (const garbled of [qr.replace('GIÀNG A DÌNH', 'GIANG A DINH'), qr.replace('GIÀNG A DÌNH', 'GI?NG A D?NH')]) {
      const r = await api.call('awards.verify', { code: garbled });
      expect(r.status).toBe('valid');
      expect(r.award?.recipient).toBe('Giàng A Dình');
      expect(r.message).toContain('máy quét không gõ được chữ có dấu');
    }
    // The signature cannot be changed: the code then matches no record.
    const forged = qr.replace(/\*([A-Z2-7])([A-Z2-7]{102})$/u, (_, c: string, rest: string) => `*${c === 'A' ? 'B' : 'A'}${rest}`);
    expect((await api.call('awards.verify', { code: forged })).status).toBe('bad_signature');
    expect((await api.call('awards.verify', { code: forged.replace(/\*2026\*\d+\*/u, '*2026*999*') })).status).toBe('bad_signature');
    // The folded form (printed when a small QR box cannot hold the diacritics) verifies too, as does a scan read in lower case.
    expect((await api.call('awards.verify', { code: signSummary(key, summary).qr })).status).toBe('valid');
    expect((await api.call('awards.verify', { code: qr.toLocaleLowerCase('vi') })).status).toBe('valid');
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('ed25519');
    const foreign = signSummary({ ...key, keyId: 'abcdefabcdef', privateKey: other.privateKey, publicKey: other.publicKey }, summary).qr;
    expect((await api.call('awards.verify', { code: foreign })).status).toBe('unknown_office');
    expect((await api.call('awards.verify', { code: 'xin chào' })).status).toBe('unreadable');

    await api.call('awards.cancelItem', { itemId: item?.id ?? '', reason: 'Phát hiện khai man thành tích' });
    const cancelled = await api.call('awards.verify', { code: qr });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.message).toContain('Phát hiện khai man thành tích');

    // The whole decision still prints, without the cancelled line; that one alone is refused, in Vietnamese.
    const whole = await api.call('certificates.print', { selection: { decisionId: decision.decision.id }, templateId: templates[0]?.id ?? '', reason: 'In lại sau khi hủy một khen thưởng' });
    expect(whole.printed).toBe(decision.items.length - 1);
    const names = pageTexts(save('after-cancel.pdf', whole.file.base64)).join('\n');
    expect(names).not.toContain('Giàng A Dình');
    const alone = await rejection(api.call('certificates.print', { selection: { itemIds: [item?.id ?? ''] }, templateId: templates[0]?.id ?? '', reason: 'Thử' }));
    expect(alone.message).toBe('Khen thưởng của Giàng A Dình đã bị hủy (Phát hiện khai man thành tích); không in được.');
  });
});
