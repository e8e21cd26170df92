import type { AwardsConfig } from '../../shared/api/methods/awards.js';
import type { UnitRow } from '../handlers/rows.js';

/**
 * Suggested header values for a new decision, from the office's unit record.
 * A district justice office prepares decisions that the district chairman
 * signs (R-AUTH-02), so the defaults name the People's Committee; every value
 * is editable on the form. The legal bases cite only texts marked certain in
 * the domain reference.
 */
export function decisionDefaults(unit: UnitRow | null): AwardsConfig['decisionDefaults'] {
  const parent = unit?.parent_name ?? '';
  const committee = /^(ủy|uỷ) ban nhân dân/iu.test(parent);
  const issuer = (committee ? parent : unit?.name ?? '').toLocaleUpperCase('vi');
  return {
    place: unit?.place_name ?? '',
    parentBody: committee ? '' : parent.toLocaleUpperCase('vi'),
    issuerName: issuer,
    authorityTitle: committee ? `CHỦ TỊCH ${issuer}` : `TRƯỞNG ${issuer}`,
    symbol: committee ? 'QĐ-UBND' : `QĐ-${(unit?.short_name ?? 'PTP').toLocaleUpperCase('vi').replace(/[^A-Z0-9Đ]/gu, '')}`,
    legalBases: [
      'Căn cứ Luật Tổ chức chính quyền địa phương;',
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;',
      'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;',
      `Xét đề nghị của ${unit?.name ?? 'cơ quan đề nghị'}.`,
    ],
    executionText:
      'Điều 2. Tiền thưởng kèm theo được chi từ quỹ thi đua, khen thưởng theo quy định hiện hành.\nĐiều 3. Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan và các cá nhân, tập thể có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.',
    recipients: ['Như Điều 3;', 'Lưu: VT.'],
  };
}
