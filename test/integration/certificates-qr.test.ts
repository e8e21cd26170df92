import { generateKeyPairSync } from 'node:crypto';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrModules, qrSegments, qrVersion } from '../../electron/awards/qr-png.js';
import { keyIdOf, MIN_QR_MODULE_MM, signForPrint, signSummary, type SigningKey } from '../../electron/awards/signing.js';
import { BUILTIN_TEMPLATES } from '../../shared/awards/layout.js';
import { parseCanonicalSummary } from '../../shared/awards/verification.js';

/**
 * The QR's form (issue 6 point 4): the recipient's name keeps its diacritics
 * (TD2) when the symbol still prints with modules of at least
 * MIN_QR_MODULE_MM in the template's box; else the folded form (TD1).
 */
function key(): SigningKey {
  const pair = generateKeyPairSync('ed25519');
  const der = pair.publicKey.export({ format: 'der', type: 'spki' });
  return { keyId: keyIdOf(der), publicKey: pair.publicKey, privateKey: pair.privateKey, publicKeyB64: der.toString('base64url') };
}

const summary = (recipient: string) => ({ decisionNumber: '125/QĐ-UBND', decisionDate: '2026-12-28', recipient, awardCode: 'CSTDCS', registerCode: 'SKT', registerYear: 2026, registerNumber: 1234 });
const qrBox = (id: string) => {
  const f = BUILTIN_TEMPLATES.find((t) => t.id === id)?.fields.find((x) => x.key === 'qr');
  if (!f) throw new Error(`no qr box in ${id}`);
  return Math.min(f.wMm, f.hMm);
};

describe('certificate QR: name with diacritics when it fits', () => {
  const k = key();

  it('estimates the version exactly as the QR library builds it', () => {
    const names = ['Giàng A Dình', 'Nguyễn Văn An', 'Tôn Nữ Hoàng Thị Phương Khánh Huyền', 'Phòng Tư pháp huyện Mường Nhé, tỉnh Điện Biên', 'Trường Trung học phổ thông Dân tộc nội trú huyện Mường Nhé'];
    for (const n of names) {
      for (const diacritics of [true, false]) {
        const code = signSummary(k, summary(n), { diacritics }).qr;
        const built = qrModules(code);
        const lib = QRCode.create(qrSegments(code).map((s) => (s.mode === 'byte' ? { data: Buffer.from(s.data, 'utf8'), mode: 'byte' as const } : s)), { errorCorrectionLevel: 'L' });
        expect(qrVersion(code), `${n} ${diacritics}`).toEqual({ version: lib.version, size: built.size });
      }
    }
  });

  it('builds the same symbol as the QR library, module for module (its mask choice included)', () => {
    // Lengths from version 1 to about 15, alphanumeric only and with a Vietnamese byte segment.
    const texts: string[] = [];
    for (let n = 1; n <= 400; n += 13) {
      texts.push('TD1*' + 'ABC123*'.repeat(n).slice(0, n));
      texts.push('TD2*SKT*' + 'NGUYỄN THỊ PHƯƠNG '.repeat(Math.ceil(n / 18)).slice(0, n).trim() + '*XYZ');
    }
    for (const name of ['Giàng A Dình', 'Tôn Nữ Hoàng Thị Phương Khánh Huyền']) texts.push(signSummary(k, summary(name), { diacritics: true }).qr, signSummary(k, summary(name)).qr);
    const masks = new Set<number>();
    for (const text of texts) {
      const ours = qrModules(text);
      const lib = QRCode.create(qrSegments(text).map((s) => (s.mode === 'byte' ? { data: Buffer.from(s.data, 'utf8'), mode: 'byte' as const } : s)), { errorCorrectionLevel: 'L' });
      masks.add(lib.maskPattern ?? -1);
      expect(ours.size, text).toBe(lib.modules.size);
      const mine = Uint8Array.from({ length: ours.size * ours.size }, (_, i) => (ours.dark(i % ours.size, Math.floor(i / ours.size)) ? 1 : 0));
      expect(Buffer.from(mine).equals(Buffer.from(lib.modules.data)), `${text}: mask ${lib.maskPattern}`).toBe(true);
    }
    // The cases exercise more than one mask, so a fixed choice could not pass.
    expect(masks.size).toBeGreaterThan(3);
  });

  it('puts only the name in a byte segment', () => {
    const code = signSummary(k, summary('Giàng A Dình'), { diacritics: true }).qr;
    const segs = qrSegments(code);
    expect(segs.map((s) => s.mode)).toEqual(['alphanumeric', 'byte', 'alphanumeric']);
    expect(segs[1]?.data).toBe('GIÀNG A DÌNH');
    expect(parseCanonicalSummary(code.slice(0, code.lastIndexOf('*')))?.recipient).toBe('GIÀNG A DÌNH');
  });

  it('chooses the form by the module size in the template\'s box (table)', () => {
    const a4 = qrBox('builtin-gk-a4');
    const overlay = qrBox('builtin-gk-overlay-a4');
    const cases: [string, number, 'TD1' | 'TD2', number][] = [
      // name, box (mm), form, modules
      ['Giàng A Dình', a4, 'TD2', 41],
      ['Tôn Nữ Hoàng Thị Phương Khánh Huyền', a4, 'TD2', 49],
      ['Tôn Nữ Hoàng Thị Phương Khánh Huyền', overlay, 'TD2', 49],
      ['Trường Trung học phổ thông Dân tộc nội trú huyện Mường Nhé', a4, 'TD2', 53],
      // 20 mm / 53 modules = 0.377 mm < 0.38 mm: the folded form (45 modules)
      ['Trường Trung học phổ thông Dân tộc nội trú huyện Mường Nhé', overlay, 'TD1', 45],
      ['Giàng A Dình', 10, 'TD1', 41],
    ];
    for (const [name, box, form, modules] of cases) {
      const s = signForPrint(k, summary(name), box);
      expect({ form: s.form, modules: s.modules }, `${name} in ${box} mm`).toEqual({ form, modules });
      if (form === 'TD2') expect(box / modules).toBeGreaterThanOrEqual(MIN_QR_MODULE_MM);
      expect(s.qr.startsWith(`${form}*`)).toBe(true);
    }
  });
});
