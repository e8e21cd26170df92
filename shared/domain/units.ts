/**
 * Unit levels. Generic on purpose: local government went from three tiers to
 * two on 1/7/2025, so a level is a kind of node, never a fixed position in
 * the tree. Historical kinds stay so that an office keeps its pre-2025 past.
 */
export const UNIT_LEVELS = [
  'ministry',
  'zone',
  'province_committee',
  'province_department',
  'department_division',
  'district_committee',
  'district_office',
  'commune_committee',
  'commune_office',
  'other',
] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

export const UNIT_LEVEL_LABELS: Record<UnitLevel, { vi: string; en: string }> = {
  ministry: { vi: 'Bộ, ngành trung ương', en: 'Ministry' },
  zone: { vi: 'Cụm, khu vực thi đua', en: 'Emulation zone or cluster' },
  province_committee: { vi: 'UBND tỉnh, thành phố', en: 'Provincial People’s Committee' },
  province_department: { vi: 'Sở, ngành cấp tỉnh', en: 'Provincial department' },
  department_division: { vi: 'Phòng, đơn vị thuộc Sở', en: 'Division of a department' },
  district_committee: { vi: 'UBND cấp huyện (đến 30/6/2025)', en: 'District People’s Committee (until 30/6/2025)' },
  district_office: { vi: 'Phòng chuyên môn cấp huyện (đến 30/6/2025)', en: 'District office (until 30/6/2025)' },
  commune_committee: { vi: 'UBND xã, phường, đặc khu', en: 'Commune People’s Committee' },
  commune_office: { vi: 'Cơ quan, công chức cấp xã', en: 'Commune office or officer' },
  other: { vi: 'Đơn vị khác', en: 'Other unit' },
};

/** Levels that ceased with the district tier; new units of these kinds must end by this date. */
export const DISTRICT_TIER_END = '2025-06-30';
export const HISTORICAL_LEVELS: readonly UnitLevel[] = ['district_committee', 'district_office'];

export const UNIT_STATUSES = ['active', 'inactive'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

export interface Unit {
  id: string;
  ownerUnitId: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  level: UnitLevel;
  /** Name of the parent body as printed in headers ("ỦY BAN NHÂN DÂN HUYỆN MƯỜNG NHÉ"), when the parent is not in the tree. */
  parentName: string | null;
  province: string | null;
  /** Place name used in "<địa danh>, ngày … tháng … năm …". */
  placeName: string | null;
  validFrom: string | null;
  validTo: string | null;
  status: UnitStatus;
  version: number;
  updatedAt: string;
}

export interface UnitNode extends Unit {
  children: UnitNode[];
}

/** Builds the tree from a flat list; orphans (parent missing) become roots. */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const u of units) nodes.set(u.id, { ...u, children: [] });
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** Ids of a unit and every unit below it. */
export function unitSubtreeIds(units: readonly Unit[], rootId: string): Set<string> {
  const byParent = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const list = byParent.get(u.parentId) ?? [];
    list.push(u.id);
    byParent.set(u.parentId, list);
  }
  const out = new Set<string>([rootId]);
  const stack = [rootId];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    for (const child of byParent.get(id) ?? []) {
      if (!out.has(child)) {
        out.add(child);
        stack.push(child);
      }
    }
  }
  return out;
}
