import type { AwardKind, BaseSalary, Confidence } from './types.js';

/**
 * Starting data for a new office. Everything here is editable data in the
 * store (tables base_salaries, award_kinds), never a constant the rules read
 * directly: the law changed in 2024 and 2025 and will change again
 * (shared/domain/reference.md §1.1, §2.6, R-MONEY-02/03/04).
 */
export const DEFAULT_BASE_SALARIES: readonly Omit<BaseSalary, 'id'>[] = [
  { effectiveFrom: '2023-07-01', amount: 1_800_000, source: 'Nghị định 24/2023/NĐ-CP', confidence: 'certain' },
  { effectiveFrom: '2024-07-01', amount: 2_340_000, source: 'Nghị định 73/2024/NĐ-CP', confidence: 'certain' },
  { effectiveFrom: '2026-07-01', amount: 2_530_000, source: 'Nghị định 161/2026/NĐ-CP (chưa đối chiếu bản chính thức)', confidence: 'likely' },
];

type DefaultKind = Omit<AwardKind, 'id' | 'registerId' | 'active' | 'version'>;

const ND98 = 'Nghị định 98/2023/NĐ-CP, Điều 54';
const UNSURE_GK =
  'Hệ số Giấy khen theo quy định hiện hành CHƯA được xác minh (Nghị định 91/2017 quy định 0,3; Giấy khen của Chủ tịch UBND xã 0,15; tập thể gấp đôi). Hãy đối chiếu văn bản hiện hành và sửa nếu cần.';

function title(code: string, name: string, subject: 'person' | 'collective', coefficient: number, confidence: Confidence = 'certain'): DefaultKind {
  return { code, name, category: 'title', subject, coefficient, validFrom: '2024-01-01', validTo: null, source: ND98, confidence, note: null };
}

export const DEFAULT_AWARD_KINDS: readonly DefaultKind[] = [
  title('LDTT', 'Lao động tiên tiến', 'person', 0.3),
  title('CSTDCS', 'Chiến sĩ thi đua cơ sở', 'person', 1.0),
  title('TTLDTT', 'Tập thể lao động tiên tiến', 'collective', 0.8),
  title('TTLDXS', 'Tập thể lao động xuất sắc', 'collective', 1.5),
  {
    code: 'GK',
    name: 'Giấy khen',
    category: 'form',
    subject: 'person',
    coefficient: 0.3,
    validFrom: null,
    validTo: null,
    source: 'Nghị định 91/2017/NĐ-CP, Điều 73 (quy định cũ)',
    confidence: 'unsure',
    note: UNSURE_GK,
  },
  {
    code: 'GK-TT',
    name: 'Giấy khen',
    category: 'form',
    subject: 'collective',
    coefficient: 0.6,
    validFrom: null,
    validTo: null,
    source: 'Nghị định 91/2017/NĐ-CP, Điều 73 (quy định cũ)',
    confidence: 'unsure',
    note: UNSURE_GK,
  },
];

/** The register every office starts with; offices may add more (e.g. one per award kind). */
export const DEFAULT_REGISTER = { code: 'SKT', name: 'Sổ theo dõi khen thưởng' } as const;

export const DEFAULT_OPTIONS = { roundingMode: 'ceil', roundingStep: 10_000 } as const;
