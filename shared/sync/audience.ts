/**
 * Who receives the rows the province writes: the table-by-table policy of
 * the download feed (docs/sync-protocol.md, "Tables and scope"). Data and
 * pure rules only; electron/sync/feed-audience.ts applies them on the hub.
 *
 * Offices' own rows always go up (the hub is their backup and the
 * province's view) and come back only to their owner (restore). A row the
 * province owns goes to one of:
 *   - 'all'     every office (public documents of the province, and the
 *               reference data those documents point at);
 *   - 'none'    nobody (the province's internal work: drafts, its staff,
 *               its own print log and settings);
 *   - a unit    one office (a review of that office's plan, an award line
 *               for one of its people).
 * A feed row has one audience; when a row already fed to one office turns
 * out to be needed by another, a public document widens to 'all' and any
 * other row stays with the first office (logged): no office ever receives a
 * row that names another office's people.
 */

export type Audience = { kind: 'all' } | { kind: 'none' } | { kind: 'unit'; unitId: string };

export const ALL: Audience = { kind: 'all' };
export const NONE: Audience = { kind: 'none' };
export const toUnit = (unitId: string): Audience => ({ kind: 'unit', unitId });

/** What the resolver may look up on the hub's database while deciding. */
export interface AudienceLookup {
  /** The owner of a row, or null when the hub does not hold it. */
  ownerOf(table: string, id: string): Promise<string | null>;
  /** The owners of the people and units named by a decision's award lines still in force. */
  decisionRecipients(decisionId: string): Promise<{ personId: string | null; unitId: string | null }[]>;
  /** Is this unit an office enrolled at the hub (a device of it, active or not)? */
  isOfficeUnit(unitId: string): Promise<boolean>;
  /** The audience a row already has in the feed (null when it is not in the feed). */
  fedAudience(table: string, id: string): Promise<Audience | null>;
}

type Row = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Which office a unit row belongs to, seen from the hub: its owner, or itself when the province keeps a row for an office. */
async function officeOfUnit(unitId: string, hubUnit: string, look: AudienceLookup): Promise<Audience> {
  const owner = await look.ownerOf('units', unitId);
  if (owner === null) return NONE;
  if (owner !== hubUnit) return toUnit(owner);
  if (unitId === hubUnit) return ALL;
  // A unit row the province keeps for an enrolled office goes to that office; its own bodies (councils) are public.
  return (await look.isOfficeUnit(unitId)) ? toUnit(unitId) : ALL;
}

/** The office an award line is for: the owner of its person, else of its collective. */
async function officeOfRecipient(personId: string | null, unitId: string | null, hubUnit: string, look: AudienceLookup): Promise<Audience> {
  if (personId) {
    const owner = await look.ownerOf('people', personId);
    return owner === null || owner === hubUnit ? NONE : toUnit(owner);
  }
  if (unitId) {
    const a = await officeOfUnit(unitId, hubUnit, look);
    return a.kind === 'all' ? NONE : a;
  }
  return NONE;
}

/** Public documents: when two offices need the same row, it widens to every office. */
export const PUBLIC_TABLES: ReadonlySet<string> = new Set(['units', 'plans', 'award_decisions', 'award_kinds', 'award_registers', 'base_salaries', 'award_authority_rules']);

/** The audience of one province-owned row, by table. Unknown tables stay at the province (a new table is decided here first). */
export async function provinceRowAudience(table: string, row: Row, hubUnit: string, look: AudienceLookup): Promise<Audience> {
  switch (table) {
    case 'units':
      return str(row.id) ? officeOfUnit(String(row.id), hubUnit, look) : NONE;
    case 'plans':
      // Drafts stay home; an issued, superseded or received (from the ministry) plan is a public document.
      return row.status === 'draft' ? NONE : ALL;
    case 'base_salaries':
    case 'award_kinds':
    case 'award_registers':
    case 'award_authority_rules':
      // Reference data the province's decisions point at (and dated figures every office may use).
      return ALL;
    case 'award_decisions': {
      if (row.status !== 'issued') return NONE;
      const lines = await look.decisionRecipients(String(row.id));
      let one: Audience | null = null;
      for (const l of lines) {
        const a = await officeOfRecipient(l.personId, l.unitId, hubUnit, look);
        if (a.kind !== 'unit') continue;
        if (one && one.kind === 'unit' && one.unitId !== a.unitId) return ALL;
        one = a;
      }
      // Lines only for the province's own staff: nothing for the offices.
      return one ?? NONE;
    }
    case 'award_items':
      if (row.status !== 'issued' && row.status !== 'cancelled') return NONE;
      return officeOfRecipient(str(row.person_id), str(row.unit_id), hubUnit, look);
    case 'submission_reviews':
      return str(row.target_unit_id) ? toUnit(String(row.target_unit_id)) : NONE;
    case 'attachments': {
      if (str(row.target_unit_id)) return toUnit(String(row.target_unit_id));
      const subjectTable = str(row.subject_table);
      const subjectId = str(row.subject_id);
      if (!subjectTable || !subjectId) return NONE;
      const owner = await look.ownerOf(subjectTable, subjectId);
      if (owner === null) return NONE;
      if (owner !== hubUnit) return toUnit(owner);
      // Attached to a province row: it goes wherever that row went (and follows it later: see dependents).
      return (await look.fedAudience(subjectTable, subjectId)) ?? NONE;
    }
    default:
      // people (the province's staff), plan_deadline_status (its own marks), award_options,
      // certificate_templates, certificate_prints and anything not decided yet.
      return NONE;
  }
}

/**
 * Combines the audience a row already has in the feed with the one just
 * computed. Never narrows (an office that holds a row keeps receiving its
 * new versions); two different offices widen a public document to all and
 * keep anything else with the first office (`conflict` says so).
 */
export function mergeAudience(table: string, existing: Audience | null, computed: Audience): { audience: Audience; conflict: boolean } {
  if (!existing || existing.kind === 'none') return { audience: computed, conflict: false };
  if (computed.kind === 'none' || existing.kind === 'all') return { audience: existing, conflict: false };
  if (computed.kind === 'all') return { audience: ALL, conflict: false };
  if (existing.kind === 'unit' && existing.unitId === computed.unitId) return { audience: existing, conflict: false };
  return PUBLIC_TABLES.has(table) ? { audience: ALL, conflict: false } : { audience: existing, conflict: true };
}

/** Does `have` reach every office `need` reaches? */
export function covers(have: Audience | null, need: Audience): boolean {
  if (need.kind === 'none') return true;
  if (!have) return false;
  if (have.kind === 'all') return true;
  return need.kind === 'unit' && have.kind === 'unit' && have.unitId === need.unitId;
}

/**
 * References a province row makes to other rows (the foreign keys of the
 * schema). The rows referenced must reach the office before or with the row,
 * or the office's database refuses it; the hub feeds them along.
 */
export const REFERENCES: Readonly<Record<string, readonly { column: string; table: string }[]>> = {
  units: [{ column: 'parent_id', table: 'units' }],
  people: [{ column: 'unit_id', table: 'units' }],
  plans: [
    { column: 'parent_plan_id', table: 'plans' },
    { column: 'revision_of', table: 'plans' },
  ],
  plan_deadline_status: [{ column: 'plan_id', table: 'plans' }],
  award_kinds: [{ column: 'register_id', table: 'award_registers' }],
  award_decisions: [{ column: 'corrects_decision_id', table: 'award_decisions' }],
  award_items: [
    { column: 'decision_id', table: 'award_decisions' },
    { column: 'award_kind_id', table: 'award_kinds' },
    { column: 'register_id', table: 'award_registers' },
    { column: 'unit_id', table: 'units' },
    { column: 'person_id', table: 'people' },
  ],
  certificate_prints: [{ column: 'item_id', table: 'award_items' }],
};

/** Rows that follow another row wherever it goes (a file attached to a plan follows the plan). */
export const DEPENDENTS: readonly { table: string; subjectTableColumn: string; subjectIdColumn: string }[] = [
  { table: 'attachments', subjectTableColumn: 'subject_table', subjectIdColumn: 'subject_id' },
];

/** The feed's single audience column: null = every office. */
export function audienceColumn(a: Audience): string | null {
  return a.kind === 'unit' ? a.unitId : null;
}

export function fromAudienceColumn(v: string | null): Audience {
  return v === null ? ALL : toUnit(v);
}
