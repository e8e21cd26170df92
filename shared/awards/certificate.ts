import { formatPlaceDate } from '../vi/dates.js';
import { decisionLabel } from './decision.js';
import type { FieldKey } from './layout.js';
import { formatRegisterNumber } from './register.js';
import type { AwardItem, Decision } from './types.js';

/**
 * What one certificate says, field by field. Pure: the same values feed the
 * preview and the printout. Text is NFC here whatever was stored, so NFD
 * input can never print differently.
 */
export type CertificateValues = Record<Exclude<FieldKey, 'literal' | 'qr'>, string>;

export interface CertificateSource {
  decision: Pick<Decision, 'number' | 'symbol' | 'decisionDate' | 'place' | 'authorityTitle' | 'signMode' | 'signHeadTitle' | 'signerTitle' | 'signerName'>;
  item: Pick<AwardItem, 'recipientKind' | 'recipientTitle' | 'recipientName' | 'recipientPosition' | 'recipientUnitName' | 'awardName' | 'achievement' | 'registerYear' | 'registerNumber'>;
  registerCode: string;
  heading: string;
  /** Short typed verification code ("SKT-2026-12-ABCD-EFGH"); empty for a preview of a draft. */
  verifyCode: string;
}

export function signatureBlock(d: Pick<Decision, 'signMode' | 'signHeadTitle' | 'signerTitle'>): string {
  return d.signMode && d.signHeadTitle ? `${d.signMode} ${d.signHeadTitle}\n${d.signerTitle}` : d.signerTitle;
}

export function certificateValues(src: CertificateSource): CertificateValues {
  const { decision: d, item: it } = src;
  const name = it.recipientKind === 'person' && it.recipientTitle ? `${it.recipientTitle} ${it.recipientName}` : it.recipientName;
  const detail = it.recipientKind === 'person' ? [it.recipientPosition, it.recipientUnitName].filter(Boolean).join(', ') : it.recipientUnitName ?? '';
  const register =
    it.registerNumber !== null && it.registerYear !== null ? `Số vào sổ: ${formatRegisterNumber(it.registerNumber, it.registerYear, src.registerCode)}` : 'Số vào sổ: (chưa ban hành)';
  const ref = d.number !== null ? decisionLabel(d) : 'Quyết định (bản nháp, chưa có số)';
  const values: CertificateValues = {
    nationalTitle: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    motto: 'Độc lập - Tự do - Hạnh phúc',
    authority: d.authorityTitle.toLocaleUpperCase('vi'),
    heading: src.heading.toLocaleUpperCase('vi'),
    awardName: it.awardName,
    greeting: 'Tặng',
    recipientName: name,
    recipientDetail: detail,
    achievement: it.achievement,
    placeDate: formatPlaceDate(d.place, d.decisionDate),
    decisionRef: src.verifyCode ? `${ref}\nMã xác thực: ${src.verifyCode}` : ref,
    registerNumber: register,
    signTitle: signatureBlock(d),
    signerName: d.signerName,
  };
  for (const k of Object.keys(values) as (keyof CertificateValues)[]) values[k] = values[k].normalize('NFC');
  return values;
}
