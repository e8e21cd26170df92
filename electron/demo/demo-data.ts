import type { Gender, PersonStatus, StaffCategory } from '../../shared/domain/people.js';
import type { UnitLevel } from '../../shared/domain/units.js';
import type { Role } from '../../shared/api/define.js';

/**
 * The demo office: the justice office of Mường Nhé, a mountain district of
 * Điện Biên on the Lao and Chinese borders, with five of its communes and 25
 * people whose names follow the region's peoples (Kinh, Thái, H'Mông, Hà Nhì,
 * Dao, Khơ Mú). Content is fixed so that screenshots and tests see the same
 * office every time; only ids are random.
 *
 * The district tier ended on 30/6/2025, so the office carries that end date
 * (as a real office's history would), while the communes, which continue in
 * the two-tier model, have none.
 */
export interface DemoUnit {
  key: string;
  name: string;
  shortName: string | null;
  level: UnitLevel;
  parentName: string | null;
  province: string;
  placeName: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface DemoPerson {
  unit: string;
  fullName: string;
  gender: Gender;
  birthDate: string;
  position: string;
  staffCategory: StaffCategory;
  startDate: string;
  status: PersonStatus;
  note: string | null;
}

export interface DemoUser {
  username: string;
  displayName: string;
  role: Role;
}

export const DEMO_PASSWORD = 'thidua2025';

export const DEMO_OFFICE: DemoUnit = {
  key: 'office',
  name: 'Phòng Tư pháp huyện Mường Nhé',
  shortName: 'PTP Mường Nhé',
  level: 'district_office',
  parentName: 'Ủy ban nhân dân huyện Mường Nhé',
  province: 'Điện Biên',
  placeName: 'Mường Nhé',
  validFrom: null,
  validTo: '2025-06-30',
};

function commune(key: string, place: string): DemoUnit {
  return {
    key,
    name: `Ủy ban nhân dân xã ${place}`,
    shortName: `UBND xã ${place}`,
    level: 'commune_committee',
    parentName: null,
    province: 'Điện Biên',
    placeName: place,
    validFrom: null,
    validTo: null,
  };
}

export const DEMO_COMMUNES: DemoUnit[] = [
  commune('muong-toong', 'Mường Toong'),
  commune('chung-chai', 'Chung Chải'),
  commune('sin-thau', 'Sín Thầu'),
  commune('leng-su-sin', 'Leng Su Sìn'),
  commune('nam-ke', 'Nậm Kè'),
];

const CCTP = 'Công chức Tư pháp – Hộ tịch';

function p(
  unit: string,
  fullName: string,
  gender: Gender,
  birthDate: string,
  position: string,
  staffCategory: StaffCategory,
  startDate: string,
  extra: { status?: PersonStatus; note?: string } = {},
): DemoPerson {
  return { unit, fullName, gender, birthDate, position, staffCategory, startDate, status: extra.status ?? 'working', note: extra.note ?? null };
}

export const DEMO_PEOPLE: DemoPerson[] = [
  // The district office.
  p('office', 'Hoàng Văn Thượng', 'male', '1974-03-12', 'Trưởng phòng', 'cong_chuc', '1997-09-01'),
  p('office', 'Lò Thị Xuân Quỳnh', 'female', '1983-11-05', 'Phó Trưởng phòng', 'cong_chuc', '2006-03-01'),
  p('office', 'Nguyễn Thị Hồng Nhung', 'female', '1988-07-21', 'Chuyên viên', 'cong_chuc', '2011-10-15'),
  p('office', 'Tòng Thị Phương Thảo', 'female', '1992-02-28', 'Chuyên viên', 'cong_chuc', '2016-04-01'),
  p('office', 'Đặng Văn Đức', 'male', '1986-09-09', 'Chuyên viên', 'cong_chuc', '2010-08-16'),
  p('office', 'Trần Thị Thu Hà', 'female', '1987-12-12', 'Chuyên viên', 'cong_chuc', '2010-01-04', {
    status: 'transferred',
    note: 'Chuyển công tác về Sở Tư pháp tỉnh Điện Biên từ ngày 01/7/2025.',
  }),
  p('office', 'Vàng A Sình', 'male', '2000-12-01', 'Chuyên viên', 'tap_su', '2025-02-03', { note: 'Tập sự 12 tháng.' }),
  p('office', 'Lường Thị Ánh', 'female', '1995-05-17', 'Nhân viên văn thư', 'hop_dong_tu_1_nam', '2019-01-02'),
  p('office', 'Quàng Văn Bình', 'male', '1979-06-30', 'Nhân viên lái xe', 'hop_dong_khong_xac_dinh', '2004-07-01'),
  // Xã Mường Toong.
  p('muong-toong', 'Lò Văn Ơn', 'male', '1987-04-14', CCTP, 'cong_chuc', '2012-05-02'),
  p('muong-toong', 'Sùng A Dở', 'male', '1990-10-10', CCTP, 'cong_chuc', '2014-09-15'),
  p('muong-toong', 'Lò Văn Cương', 'male', '1996-01-08', 'Nhân viên hỗ trợ hộ tịch', 'hop_dong_duoi_1_nam', '2024-09-03'),
  // Xã Chung Chải.
  p('chung-chai', 'Chu Thị Xá', 'female', '1993-08-19', CCTP, 'cong_chuc', '2017-03-01'),
  p('chung-chai', 'Pờ Lò Chừ', 'male', '1989-12-25', CCTP, 'cong_chuc', '2013-06-10'),
  p('chung-chai', 'Giàng A Páo', 'male', '1998-03-03', CCTP, 'tap_su', '2025-03-03', { note: 'Tập sự 06 tháng.' }),
  // Xã Sín Thầu.
  p('sin-thau', 'Sùng Thị Mỷ', 'female', '1994-06-06', CCTP, 'cong_chuc', '2018-08-01'),
  p('sin-thau', 'Lầu A Chứ', 'male', '1985-11-11', 'Phó Chủ tịch Ủy ban nhân dân xã', 'can_bo', '2016-05-20'),
  p('sin-thau', 'Chảo Láo Tả', 'male', '1991-09-03', CCTP, 'cong_chuc', '2015-11-02'),
  // Xã Leng Su Sìn.
  p('leng-su-sin', 'Thào Thị Dua', 'female', '1997-04-30', CCTP, 'cong_chuc', '2021-07-01', { status: 'on_leave', note: 'Nghỉ thai sản.' }),
  p('leng-su-sin', 'Mùa A Thàng', 'male', '1990-02-14', CCTP, 'cong_chuc', '2015-10-01'),
  p('leng-su-sin', 'Triệu Thị Mai', 'female', '1999-10-20', 'Nhân viên hỗ trợ hộ tịch', 'hop_dong_tu_1_nam', '2023-01-03'),
  // Xã Nậm Kè.
  p('nam-ke', 'Vì Thị Hương', 'female', '1989-01-09', CCTP, 'cong_chuc', '2012-02-15'),
  p('nam-ke', 'Nguyễn Văn An', 'male', '1984-05-05', CCTP, 'cong_chuc', '2009-09-01'),
  p('nam-ke', 'Cầm Văn Dương', 'male', '1993-07-07', 'Nhân viên hỗ trợ hộ tịch', 'hop_dong_khong_xac_dinh', '2018-04-16'),
  p('nam-ke', 'Lê Quang Đạt', 'male', '1979-08-08', 'Phó Chủ tịch Ủy ban nhân dân xã', 'can_bo', '2011-06-01'),
];

/** Sign-in accounts; all share DEMO_PASSWORD. Each is one of the people above. */
export const DEMO_USERS: DemoUser[] = [
  { username: 'admin', displayName: 'Nguyễn Thị Hồng Nhung', role: 'admin' },
  { username: 'lanhdao', displayName: 'Hoàng Văn Thượng', role: 'head' },
  { username: 'canbo', displayName: 'Tòng Thị Phương Thảo', role: 'officer' },
];
