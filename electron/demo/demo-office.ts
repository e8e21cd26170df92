import { ApiError } from '../../shared/api/errors.js';
import { personFields } from '../../shared/api/methods/people.js';
import { normaliseText } from '../../shared/schema/text.js';
import { personColumns } from '../handlers/people.js';
import { officeUnitId, writeSetting } from '../handlers/system.js';
import { hashPassword } from '../store/passwords.js';
import { mutate } from '../store/mutation.js';
import type { StoreDeps } from '../store/deps.js';
import { DEMO_COMMUNES, DEMO_OFFICE, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_USERS, type DemoUnit } from './demo-data.js';

export interface DemoResult {
  officeUnitId: string;
  units: number;
  people: number;
  users: number;
}

function unitColumns(u: DemoUnit, id: string, parentId: string | null) {
  return {
    id,
    parent_id: parentId,
    name: normaliseText(u.name),
    short_name: u.shortName,
    level: u.level,
    parent_name: u.parentName,
    province: u.province,
    place_name: u.placeName,
    valid_from: u.validFrom,
    valid_to: u.validTo,
    status: 'active',
  };
}

/**
 * Loads the demo office into an empty store: units, people, users and the
 * office setting in ONE transaction through `mutate`, so the outbox and the
 * audit log record it like any other write, and a failure leaves nothing.
 */
export async function loadDemoOffice(deps: StoreDeps): Promise<DemoResult> {
  const officeId = deps.newId();
  const unitIds = new Map<string, string>([[DEMO_OFFICE.key, officeId]]);
  for (const c of DEMO_COMMUNES) unitIds.set(c.key, deps.newId());

  // People go through the same schema as the people.create method: one set of rules, NFC text.
  const people = DEMO_PEOPLE.map((person) => {
    const unitId = unitIds.get(person.unit);
    if (!unitId) throw new Error(`demo person ${person.fullName} names unknown unit ${person.unit}`);
    return personFields.parse({ ...person, unitId });
  });

  // Hash before the transaction: scrypt is slow on purpose and need not hold the store.
  const users = await Promise.all(DEMO_USERS.map(async (u) => ({ ...u, id: deps.newId(), hash: await hashPassword(DEMO_PASSWORD) })));
  const admin = users.find((u) => u.role === 'admin');
  if (!admin) throw new Error('demo data has no administrator');

  await mutate({ deps, actor: { userId: admin.id, userName: admin.displayName }, officeUnitId: officeId }, 'demo.load', async (w) => {
    // Checked again inside the transaction: two clicks must not load two offices.
    if (await officeUnitId(w.tx)) {
      throw new ApiError('already_configured', 'Đơn vị đã có dữ liệu; không thể nạp dữ liệu mẫu đè lên.');
    }
    await w.insert('units', unitColumns(DEMO_OFFICE, officeId, null));
    for (const c of DEMO_COMMUNES) await w.insert('units', unitColumns(c, unitIds.get(c.key) ?? '', officeId));
    for (const person of people) await w.insert('people', { id: deps.newId(), ...personColumns(person) });
    for (const u of users) {
      await w.insert('users', { id: u.id, username: u.username, display_name: u.displayName, password_hash: u.hash, role: u.role, active: true });
    }
    await writeSetting(w.tx, 'office_unit_id', officeId, w.now);
  });

  return { officeUnitId: officeId, units: 1 + DEMO_COMMUNES.length, people: people.length, users: users.length };
}
