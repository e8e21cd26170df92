export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, { vi: string; en: string }> = {
  male: { vi: 'Nam', en: 'Male' },
  female: { vi: 'Nữ', en: 'Female' },
};

/**
 * Staff categories. Emulation plans name them explicitly (seed 004 admits
 * probationers, indefinite-term contract staff and contract staff of one
 * year or more), so eligibility rules can key on them.
 */
export const STAFF_CATEGORIES = [
  'cong_chuc',
  'vien_chuc',
  'nguoi_lao_dong',
  'tap_su',
  'hop_dong_khong_xac_dinh',
  'hop_dong_tu_1_nam',
  'hop_dong_duoi_1_nam',
  'can_bo',
] as const;
export type StaffCategory = (typeof STAFF_CATEGORIES)[number];
export const STAFF_CATEGORY_LABELS: Record<StaffCategory, { vi: string; en: string }> = {
  can_bo: { vi: 'Cán bộ', en: 'Elected official' },
  cong_chuc: { vi: 'Công chức', en: 'Civil servant' },
  vien_chuc: { vi: 'Viên chức', en: 'Public employee' },
  nguoi_lao_dong: { vi: 'Người lao động', en: 'Employee' },
  tap_su: { vi: 'Tập sự', en: 'Probationer' },
  hop_dong_khong_xac_dinh: { vi: 'Hợp đồng không xác định thời hạn', en: 'Indefinite-term contract' },
  hop_dong_tu_1_nam: { vi: 'Hợp đồng từ 01 năm trở lên', en: 'Contract of one year or more' },
  hop_dong_duoi_1_nam: { vi: 'Hợp đồng dưới 01 năm', en: 'Contract under one year' },
};

export const PERSON_STATUSES = ['working', 'on_leave', 'transferred', 'retired', 'inactive'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];
export const PERSON_STATUS_LABELS: Record<PersonStatus, { vi: string; en: string }> = {
  working: { vi: 'Đang công tác', en: 'Working' },
  on_leave: { vi: 'Nghỉ dài hạn', en: 'On long leave' },
  transferred: { vi: 'Đã chuyển công tác', en: 'Transferred' },
  retired: { vi: 'Đã nghỉ hưu', en: 'Retired' },
  inactive: { vi: 'Ngừng theo dõi', en: 'Deactivated' },
};

export interface Person {
  id: string;
  ownerUnitId: string;
  unitId: string;
  fullName: string;
  gender: Gender;
  birthDate: string | null;
  position: string | null;
  staffCategory: StaffCategory;
  startDate: string | null;
  status: PersonStatus;
  note: string | null;
  version: number;
  updatedAt: string;
}
