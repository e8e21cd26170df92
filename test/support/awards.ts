import { ApiError } from '../../shared/api/errors.js';
import type { ApiClient } from '../../shared/api/client.js';
import type { Input } from '../../shared/api/contract.js';

/** Five staff of the office, with the long real-world names the certificates must fit. */
export const FIVE_PEOPLE = [
  { fullName: 'Nguyễn Văn An', gender: 'male', position: 'Trưởng phòng' },
  { fullName: 'Lò Thị Bích', gender: 'female', position: 'Phó Trưởng phòng' },
  { fullName: 'Tôn Nữ Hoàng Thị Phương Khánh Huyền', gender: 'female', position: 'Chuyên viên phụ trách hộ tịch, chứng thực' },
  { fullName: 'Giàng A Dình', gender: 'male', position: 'Công chức Tư pháp - Hộ tịch xã Chung Chải' },
  { fullName: 'Phạm Đức Mạnh', gender: 'male', position: 'Chuyên viên' },
] as const;

export async function addPeople(api: ApiClient, unitId: string): Promise<string[]> {
  const ids: string[] = [];
  for (const p of FIVE_PEOPLE) {
    const person = await api.call('people.create', { ...p, unitId, staffCategory: 'cong_chuc', birthDate: null, startDate: null, note: null });
    ids.push(person.id);
  }
  return ids;
}

export async function decisionInput(api: ApiClient, people: string[], overrides: Partial<Input<'awards.createDecision'>> = {}): Promise<Input<'awards.createDecision'>> {
  const config = await api.call('awards.config', {});
  const gk = config.kinds.find((k) => k.code === 'GK');
  if (!gk) throw new Error('no GK kind');
  const d = config.decisionDefaults;
  return {
    symbol: d.symbol,
    decisionDate: '2026-01-12',
    place: d.place,
    parentBody: d.parentBody,
    issuerName: d.issuerName,
    authorityTitle: d.authorityTitle,
    // The test office is a district office, but its decisions are dated 2026: the district chairman's power
    // ended on 30/06/2025 (R-AUTH-02), so the fixtures issue under the commune chairman's (R-AUTH-03).
    authorityKind: 'commune_chair',
    signMode: 'KT.',
    signHeadTitle: 'CHỦ TỊCH',
    signerTitle: 'PHÓ CHỦ TỊCH',
    signerName: 'Lò Văn Mừng',
    subject: 'Về việc tặng Giấy khen cho cá nhân có thành tích xuất sắc năm 2025',
    legalBases: d.legalBases,
    executionText: d.executionText,
    recipients: d.recipients,
    items: people.map((personId) => ({
      recipientKind: 'person' as const,
      personId,
      unitId: null,
      recipientName: null,
      recipientPosition: null,
      recipientUnitName: null,
      awardKindId: gk.id,
      achievement: 'Đã có thành tích xuất sắc trong công tác tư pháp năm 2025',
    })),
    ...overrides,
  };
}

/** The ApiError a call fails with; fails the test when the call succeeds or throws anything else. */
export async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}
