/**
 * `npm run bench:certificates` (issue 6 point 9). Figures, not a timed test.
 *
 * Ours: 200 certificates (built-in Giấy khen A4 template, signed QR on each)
 * rendered through the web build's engine (a Chromium launched per batch:
 * the headless shell where installed, THIDUA_CHROMIUM picks another),
 * launch included: once as one print-ready PDF, once as 200 separate PDFs
 * (the batch printed once, then split into one file per certificate). The
 * desktop app prints the same HTML in a window of its own running Chromium,
 * with no launch.
 * Baseline, measured in the same run: what offices do today, the same 200
 * certificates as .docx (made with the `docx` package) converted by
 * LibreOffice headless, once as one merged document and once as 200 files
 * in one invocation; each run gets its own fresh LibreOffice profile.
 * Each figure is the median of RUNS runs, taken round by round (all four
 * measurements once per round) so drift on a noisy machine hits both
 * sides. Every name must come back out of pdftotext from both of our outputs.
 *
 * Our figure stops when the output is ready (the PDF bytes in hand, the 200
 * files written), as the app answers then; Chromium's shutdown (~0.1 s)
 * happens after the answer in the app, so it is timed separately and printed
 * beside it ("+ close"). LibreOffice's figure is its whole run, exit included:
 * its output is only complete when the process ends.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { AlignmentType, Document, Packer, PageOrientation, Paragraph, TextRun, type ISectionOptions } from 'docx';
import { BUILTIN_TEMPLATES } from '../shared/awards/layout.js';
import { certificateValues, type CertificateValues } from '../shared/awards/certificate.js';
import { renderOnePdf, renderSeparatePdfs } from '../electron/awards/certificate-batch.js';
import type { CertificatePage } from '../electron/awards/certificate-html.js';
import { bundledFontconfigEnv, certificateFontCss } from '../electron/awards/fonts.js';
import { chromiumPath, playwrightPdfEngine } from '../electron/awards/pdf-playwright.js';
import { keyIdOf, signForPrint, type SigningKey } from '../electron/awards/signing.js';

const N = 200;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Lò', 'Giàng', 'Quàng', 'Tòng', 'Sùng'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Thị Thanh', 'Minh', 'A', 'Hữu', 'Ngọc', 'Xuân', 'Thị Phương'];
const GIVEN = ['An', 'Bích', 'Cường', 'Dũng', 'Hằng', 'Hưng', 'Khánh', 'Lựu', 'Mừng', 'Nguyệt', 'Phượng', 'Quỳnh', 'Sứ', 'Thắm', 'Ước', 'Xuyến', 'Yến', 'Dình', 'Páo', 'Chứ'];

function names(): string[] {
  const out: string[] = [];
  for (let i = 0; i < N; i++) {
    out.push(`${FAMILY[i % FAMILY.length]} ${MIDDLE[(i * 7) % MIDDLE.length]} ${GIVEN[(i * 13) % GIVEN.length]} ${String(i + 1).padStart(3, '0')}`);
  }
  return out;
}

function key(): SigningKey {
  const pair = generateKeyPairSync('ed25519');
  const der = pair.publicKey.export({ format: 'der', type: 'spki' });
  return { keyId: keyIdOf(der), publicKey: pair.publicKey, privateKey: pair.privateKey, publicKeyB64: der.toString('base64url') };
}

function pages(list: string[], qrBoxMm: number): CertificatePage[] {
  const k = key();
  return list.map((name, i) => {
    // As the app signs: the name with diacritics in the QR when the template's box holds it.
    const signed = signForPrint(k, { decisionNumber: '05/QĐ-UBND', decisionDate: '2026-01-12', recipient: name, awardCode: 'GK', registerCode: 'SKT', registerYear: 2026, registerNumber: i + 1 }, qrBoxMm);
    const values = certificateValues({
      decision: { number: 5, symbol: 'QĐ-UBND', decisionDate: '2026-01-12', place: 'Mường Nhé', authorityTitle: 'Chủ tịch Ủy ban nhân dân huyện Mường Nhé', signMode: 'KT.', signHeadTitle: 'CHỦ TỊCH', signerTitle: 'PHÓ CHỦ TỊCH', signerName: 'Lò Văn Mừng' },
      item: {
        recipientKind: 'person',
        recipientTitle: i % 2 ? 'Bà' : 'Ông',
        recipientName: name,
        recipientPosition: 'Chuyên viên',
        recipientUnitName: 'Phòng Tư pháp huyện Mường Nhé, tỉnh Điện Biên',
        awardName: 'Giấy khen',
        achievement: 'Đã có thành tích xuất sắc trong công tác phổ biến, giáo dục pháp luật và hòa giải ở cơ sở năm 2025',
        registerYear: 2026,
        registerNumber: i + 1,
      },
      registerCode: 'SKT',
      heading: 'Giấy khen',
      verifyCode: signed.typed,
    });
    return { values, qrCode: signed.qr };
  });
}

/** The same certificate as a Word mail-merge page: A4 landscape, Times New Roman, the same lines. */
function docxSection(v: CertificateValues): ISectionOptions {
  const p = (text: string, size: number, o: { bold?: boolean; italics?: boolean; after?: number } = {}) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: o.after ?? 60 },
      children: text.split('\n').map((t, i) => new TextRun({ text: t, font: 'Times New Roman', size: size * 2, bold: o.bold ?? false, italics: o.italics ?? false, ...(i > 0 ? { break: 1 } : {}) })),
    });
  return {
    properties: { page: { size: { width: 11906, height: 16838, orientation: PageOrientation.LANDSCAPE }, margin: { top: 1134, bottom: 851, left: 1134, right: 1134 } } },
    children: [
      p(v.nationalTitle, 14, { bold: true, after: 0 }),
      p(v.motto, 14, { bold: true, after: 240 }),
      p(v.authority, 15, { bold: true, after: 120 }),
      p(v.heading, 42, { bold: true }),
      p(v.greeting, 16, { italics: true }),
      p(v.recipientName, 26, { bold: true }),
      p(v.recipientDetail, 15, { italics: true }),
      p(v.achievement, 15, { after: 240 }),
      p(v.placeDate, 14, { italics: true, after: 0 }),
      p(v.signTitle, 14, { bold: true, after: 900 }),
      p(v.signerName, 14, { bold: true }),
      p(`${v.registerNumber} — ${v.decisionRef}`, 11, { italics: true }),
    ],
  };
}

async function docxBuffer(sections: ISectionOptions[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections }));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

async function time(fn: () => Promise<void>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

/** LibreOffice with the bundled Tinos in reach (Times New Roman resolves to it, as on an office PC that has Times). */
async function libreoffice(files: string[], outDir: string): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), 'lo-profile-'));
  try {
    const env = (await bundledFontconfigEnv(profile)) ?? process.env;
    execFileSync('libreoffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], { stdio: 'ignore', env });
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function namesFound(pdf: string, list: string[]): number {
  const text = execFileSync('pdftotext', [pdf, '-']).toString('utf8').replace(/\s+/gu, ' ');
  return list.filter((n) => text.includes(n)).length;
}

async function main(): Promise<void> {
  const loadStart = loadavg().map((x) => x.toFixed(2)).join(' ');
  const work = mkdtempSync(join(tmpdir(), 'bench-certificates-'));
  const list = names();
  const builtin = BUILTIN_TEMPLATES[0];
  if (!builtin) throw new Error('no built-in template');
  const template = { ...builtin, version: 0 };
  const qrField = template.fields.find((f) => f.key === 'qr');
  const certs = pages(list, qrField ? Math.min(qrField.wMm, qrField.hMm) : 0);
  const qrForms = new Set(certs.map((c) => c.qrCode?.slice(0, 3)));

  // The baseline's inputs: the same certificates as .docx, one merged document and 200 single ones.
  const docDir = join(work, 'docx');
  mkdirSync(docDir);
  const sections = certs.map((c) => docxSection(c.values));
  const merged = join(docDir, 'merged.docx');
  writeFileSync(merged, await docxBuffer(sections));
  const singleDir = join(docDir, 'single');
  mkdirSync(singleDir);
  const singles: string[] = [];
  for (const [i, s] of sections.entries()) {
    const f = join(singleDir, `gk-${String(i + 1).padStart(3, '0')}.docx`);
    writeFileSync(f, await docxBuffer([s]));
    singles.push(f);
  }

  // Ours: Chromium launch (and the font CSS read) included; Chromium's close timed apart.
  type Engine = ReturnType<typeof playwrightPdfEngine>;
  const ours = async (write: (engine: Engine, fontCss: string) => Promise<void>): Promise<{ s: number; close: number }> => {
    let engine: Engine | undefined;
    const s = await time(async () => {
      const fontCss = await certificateFontCss();
      engine = playwrightPdfEngine({ fontCss });
      await write(engine, fontCss);
    });
    const opened = engine;
    return { s, close: await time(async () => (await opened)?.close()) };
  };

  /*
   * Round by round, each of the four runs once per round: a VM's speed drifts over minutes (seen: one
   * LibreOffice figure growing from 10 s to 16 s over five consecutive runs), and interleaving puts
   * the drift on both sides of each ratio instead of on whichever side ran last.
   */
  const oneTimes: number[] = [];
  const oneClose: number[] = [];
  const sepTimes: number[] = [];
  const sepClose: number[] = [];
  const loMerged: number[] = [];
  const loSeparate: number[] = [];
  let onePdf: Buffer = Buffer.alloc(0);
  const onePath = join(work, 'one.pdf');
  const sepDir = join(work, 'separate');
  for (let r = 0; r < RUNS; r++) {
    // One 200-page PDF.
    const one = await ours(async (engine, fontCss) => {
      const out = await renderOnePdf(engine, certs, { template, fontCss });
      if (out.overflows.length > 0) throw new Error(`overflow: ${JSON.stringify(out.overflows[0])}`);
      onePdf = out.pdf;
    });
    oneTimes.push(one.s);
    oneClose.push(one.close);
    writeFileSync(onePath, onePdf);

    // 200 separate PDFs through one Chromium.
    rmSync(sepDir, { recursive: true, force: true });
    mkdirSync(sepDir);
    const sep = await ours(async (engine, fontCss) => {
      const outs = await renderSeparatePdfs(engine, certs, { template, fontCss });
      if (outs.overflows.length > 0) throw new Error('overflow');
      outs.pdfs.forEach((pdf, i) => writeFileSync(join(sepDir, `gk-${String(i + 1).padStart(3, '0')}.pdf`), pdf));
    });
    sepTimes.push(sep.s);
    sepClose.push(sep.close);

    // Baseline: LibreOffice headless, merged, then 200 files in one invocation.
    const outMerged = join(work, `lo-merged-${r}`);
    mkdirSync(outMerged);
    loMerged.push(await time(async () => await libreoffice([merged], outMerged)));
    const outSeparate = join(work, `lo-separate-${r}`);
    mkdirSync(outSeparate);
    loSeparate.push(await time(async () => await libreoffice(singles, outSeparate)));
    if (readdirSync(outSeparate).length !== N) throw new Error(`LibreOffice produced ${readdirSync(outSeparate).length} PDFs, expected ${N}`);
    rmSync(outSeparate, { recursive: true, force: true });
    const fmt2 = (x: number) => x.toFixed(2);
    process.stderr.write(`round ${r + 1}/${RUNS}: ours ${fmt2(one.s)} s / ${fmt2(sep.s)} s, LibreOffice ${fmt2(loMerged[r] ?? 0)} s / ${fmt2(loSeparate[r] ?? 0)} s\n`);
  }

  const oneFound = namesFound(onePath, list);
  const sepFiles = readdirSync(sepDir).sort();
  let sepFound = 0;
  for (const [i, f] of sepFiles.entries()) sepFound += namesFound(join(sepDir, f), [list[i] ?? '']);
  const loFound = namesFound(join(work, 'lo-merged-0', 'merged.pdf'), list);
  const pages1 = Number(/Pages:\s+(\d+)/u.exec(execFileSync('pdfinfo', [onePath]).toString('utf8'))?.[1] ?? 0);
  const fonts = execFileSync('pdffonts', [onePath]).toString('utf8').split('\n').slice(2).filter(Boolean);

  const ours1 = median(oneTimes);
  const lo1 = median(loMerged);
  const oursN = median(sepTimes);
  const loN = median(loSeparate);
  const kb = statSync(onePath).size / 1024;
  const fmt = (x: number) => x.toFixed(2);
  process.stdout.write(
    [
      `machine: ${execFileSync('nproc').toString().trim()} cores; load average at start ${loadStart}, at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}; runs per figure: ${RUNS} (median); certificates: ${N}; QR forms: ${[...qrForms].join(', ')}; printing Chromium: ${chromiumPath()}`,
      `ours, one PDF (launch included):     ${oneTimes.map(fmt).join(' / ')} s → median ${fmt(ours1)} s (+ close ${fmt(median(oneClose))} s after the answer), ${pages1} pages, ${kb.toFixed(0)} KB, names found ${oneFound}/${N}, fonts: ${fonts.map((f) => f.split(/\s+/u)[0]).join(', ')}`,
      `ours, ${N} PDFs (one Chromium):      ${sepTimes.map(fmt).join(' / ')} s → median ${fmt(oursN)} s (+ close ${fmt(median(sepClose))} s), names found ${sepFound}/${N}`,
      `LibreOffice, merged .docx → PDF:    ${loMerged.map(fmt).join(' / ')} s → median ${fmt(lo1)} s, names found ${loFound}/${N}`,
      `LibreOffice, ${N} .docx → ${N} PDFs:  ${loSeparate.map(fmt).join(' / ')} s → median ${fmt(loN)} s`,
      `paired (each round's LibreOffice over the same round's ours), median: merged ${fmt(median(loMerged.map((lo, i) => lo / (oneTimes[i] ?? lo))))}×, ${N} files ${fmt(median(loSeparate.map((lo, i) => lo / (sepTimes[i] ?? lo))))}×`,
      `targets: one PDF ≥ 1.5× faster than LibreOffice merged (${fmt(lo1 / ours1)}×), ${N} PDFs ≥ 5× faster (${fmt(loN / oursN)}×), one PDF < 400 KB (${kb.toFixed(0)} KB), every name round-trips (${oneFound === N && sepFound === N ? 'yes' : 'NO'})`,
      `RESULT ours_one_pdf_s=${fmt(ours1)} lo_merged_s=${fmt(lo1)} speedup_merged=${fmt(lo1 / ours1)} ours_separate_s=${fmt(oursN)} lo_separate_s=${fmt(loN)} speedup_separate=${fmt(loN / oursN)} one_pdf_kb=${kb.toFixed(0)}`,
      '',
    ].join('\n'),
  );
  rmSync(work, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
