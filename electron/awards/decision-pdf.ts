import type { FileData } from '../../shared/api/methods/people.js';
import type { DecisionWithItems } from '../../shared/awards/types.js';
import { certificateFontCss } from './fonts.js';
import { decisionFileName, decisionText } from './decision-text.js';
import type { PdfEngineFactory } from './pdf-engine.js';

/**
 * The same decision as PDF: HTML in the NĐ 30/2020 layout with the bundled
 * Tinos font (Times New Roman metrics), printed by the same engine as the
 * certificates. The list follows on landscape pages.
 */
const esc = (s: string): string => s.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);

export function decisionHtml(d: DecisionWithItems, fontCss: string): string {
  const t = decisionText(d);
  const rows = t.rows
    .map((r) => `<tr><td class="c">${esc(r.no)}</td><td><b>${esc(r.name)}</b></td><td>${esc(r.detail)}</td><td>${esc(r.award)}</td><td>${esc(r.achievement)}</td><td class="r">${esc(r.amount)}</td><td class="c">${esc(r.register)}</td></tr>`)
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${esc(t.numberLine)} — ${esc(t.subject)}</title><style>
${fontCss}
@page{size:A4 portrait;margin:20mm 15mm 20mm 30mm}
@page list{size:A4 landscape;margin:20mm}
body{font-family:Tinos;font-size:14pt;line-height:1.3;margin:0}
.hd{display:grid;grid-template-columns:42% 58%;text-align:center;font-size:13pt}
.hd .b{font-weight:700}
.rule{margin:1mm auto 2mm;border-top:0.3mm solid #000}
.pd{font-style:italic;font-size:14pt}
h1{font-size:14pt;text-align:center;margin:8mm 0 0}
.subj{font-weight:700;text-align:center}
.auth{font-weight:700;text-align:center;margin:4mm 0}
p{margin:0 0 2mm;text-align:justify;text-indent:10mm}
p.cc{font-style:italic}
.qd{font-weight:700;text-align:center;margin:4mm 0}
.sig{display:grid;grid-template-columns:50% 50%;margin-top:4mm;break-inside:avoid}
.nn b{font-size:12pt;font-style:italic}
.nn div{font-size:11pt}
.sg{text-align:center;font-weight:700}
.sg .name{margin-top:28mm}
.list{page:list;break-before:page;font-size:12pt}
.list .t{text-align:center;font-weight:700;font-size:14pt}
.list .ref{text-align:center;font-style:italic;font-size:14pt}
table{border-collapse:collapse;width:100%;margin-top:4mm}
th,td{border:0.2mm solid #000;padding:1mm 1.5mm;vertical-align:top}
th{text-align:center}
td.c{text-align:center}td.r{text-align:right}
thead{display:table-header-group}
</style></head><body>
<div class="hd"><div>${t.parentBody ? `<div>${esc(t.parentBody)}</div>` : ''}<div class="b">${esc(t.issuerName)}</div><div class="rule" style="width:35%"></div><div>${esc(t.numberLine)}</div></div>
<div><div class="b">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div><div class="b" style="font-size:14pt">Độc lập - Tự do - Hạnh phúc</div><div class="rule" style="width:62%"></div><div class="pd">${esc(t.placeDate)}</div></div></div>
<h1>QUYẾT ĐỊNH</h1><div class="subj">${esc(t.subject)}</div><div class="rule" style="width:20%"></div>
<div class="auth">${esc(t.authority)}</div>
${t.bases.map((b) => `<p class="cc">${esc(b)}</p>`).join('')}
<div class="qd">QUYẾT ĐỊNH:</div>
${t.articles.map((a) => `<p>${a.label ? `<b>${esc(a.label)}</b> ` : ''}${esc(a.text)}</p>`).join('')}
<div class="sig"><div class="nn"><b>Nơi nhận:</b>${t.recipients.map((r) => `<div>- ${esc(r)}</div>`).join('')}</div>
<div class="sg">${t.signLines.map((l) => `<div>${esc(l)}</div>`).join('')}<div class="name">${esc(t.signerName)}</div></div></div>
<section class="list"><div class="t">${esc(t.appendixTitle)}</div><div class="t">${esc(t.appendixSubtitle)}</div><div class="ref">${esc(t.appendixRef)}</div><div class="rule" style="width:15%"></div>
<table><thead><tr><th>TT</th><th>Họ và tên / Tập thể</th><th>Chức vụ, đơn vị</th><th>Hình thức</th><th>Thành tích</th><th>Số tiền (đồng)</th><th>Số vào sổ</th></tr></thead>
<tbody>${rows}<tr><td></td><td><b>Tổng cộng</b></td><td></td><td></td><td></td><td class="r"><b>${esc(t.total)}</b></td><td></td></tr></tbody></table></section>
</body></html>`;
}

export async function decisionPdfBuffer(d: DecisionWithItems, engines: PdfEngineFactory): Promise<Buffer> {
  const engine = await engines();
  try {
    const r = await engine.render(decisionHtml(d, await certificateFontCss()), { widthMm: 210, heightMm: 297 }, { fit: false });
    return r.pdf;
  } finally {
    await engine.close();
  }
}

export async function decisionPdf(d: DecisionWithItems, engines: PdfEngineFactory): Promise<FileData> {
  return { fileName: decisionFileName(d, 'pdf'), base64: (await decisionPdfBuffer(d, engines)).toString('base64') };
}
