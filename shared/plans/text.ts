import type { IssuingDecision, PlanContent, Signer } from './model.js';
import { blocksToParagraphs } from './outline.js';

/**
 * A plan as plain paragraphs, in document order: what a reader sees on paper.
 * Used to check that nothing of a source is lost, and as the plain-text export.
 */
export const MOTTO_LINES = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'] as const;

export function signerLines(s: Signer | null): string[] {
  if (!s) return [];
  const out: string[] = [];
  if (s.form !== '') out.push(`${s.form} ${s.authority ?? ''}`.trim());
  out.push(s.title, ...s.extraLines);
  if (s.name) out.push(s.name);
  return out;
}

function headerParas(p: PlanContent): string[] {
  const lines = [p.header.parentBody, p.header.issuingBody].filter((x): x is string => !!x && x !== '');
  return lines.length > 0 ? [lines.join('\n')] : [];
}

export function decisionToParagraphs(p: PlanContent, d: IssuingDecision): string[] {
  return [
    ...headerParas(p),
    MOTTO_LINES.join('\n'),
    `Số: ${d.ref.number}/${d.ref.symbol}`,
    `${d.ref.place}, ${d.ref.date.text}`,
    ['QUYẾT ĐỊNH', d.summary, d.authorityTitle].filter((x) => x !== '').join('\n'),
    ...d.legalBases,
    ...(d.proposal ? [d.proposal] : []),
    'QUYẾT ĐỊNH:',
    ...d.articles,
    `Nơi nhận:\n${d.addressees.map((a) => `- ${a}`).join('\n')}`,
    signerLines(d.signer).join('\n'),
  ];
}

export function planToParagraphs(p: PlanContent): string[] {
  const out: string[] = [];
  if (p.issuingDecision) out.push(...decisionToParagraphs(p, p.issuingDecision));
  else {
    out.push(...headerParas(p));
    if (p.ref.symbol !== '') out.push(MOTTO_LINES.join('\n'), `Số: ${p.ref.number}/${p.ref.symbol}`);
    if (p.ref.place !== '') out.push(`${p.ref.place}, ${p.ref.date.text}`);
  }
  if (p.issuingDecision) out.push(MOTTO_LINES.join('\n'));
  out.push(p.docType, p.summary);
  if (p.attachmentNote) out.push(p.attachmentNote);
  out.push(...p.legalBases);
  if (p.preamble) out.push(...p.preamble.split('\n'));
  out.push(...blocksToParagraphs(p.body));
  if (p.closing) out.push(p.closing);
  if (p.addressees.length > 0) out.push(`Nơi nhận:\n${p.addressees.map((a) => `- ${a}`).join('\n')}`);
  if (!p.issuingDecision && p.signer) out.push(signerLines(p.signer).join('\n'));
  return out.filter((x) => x !== '');
}
