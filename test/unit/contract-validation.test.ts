import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { contract, type MethodName } from '../../shared/api/contract.js';
import type { AnyMethod, Role } from '../../shared/api/define.js';
import type { CallResult } from '../../shared/api/envelope.js';
import type { Store } from '../../electron/store/open-store.js';
import { configuredStore } from '../support/store.js';

/**
 * Every method of the contract, iterated (so a new method is covered the day
 * it is added): bad input is refused at the boundary with `invalid_input`
 * and a Vietnamese message, a missing session with `unauthenticated`, a
 * wrong role with `forbidden`, and none of them writes anything.
 */

const VIETNAMESE = /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/iu;
const ZOD_ENGLISH = /invalid input|expected|received|required|too (big|small)|must be/iu;

function expectVietnamese(text: string | undefined, where: string): void {
  expect(text, `${where}: no message`).toBeTruthy();
  expect(text, `${where}: not Vietnamese: ${text}`).toMatch(VIETNAMESE);
  expect(text, `${where}: English validator text leaked: ${text}`).not.toMatch(ZOD_ENGLISH);
}

type Def = { type: string; in?: z.ZodType; innerType?: z.ZodType; shape?: Record<string, z.ZodType>; options?: z.ZodType[] };
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The object shape of a method's input, through pipes and wrappers; null when the input is not an object schema. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  const def = defOf(schema);
  if (def.type === 'object') return (schema as unknown as { shape: Record<string, z.ZodType> }).shape;
  if (def.type === 'pipe' && def.in) return objectShape(def.in);
  if (def.innerType) return objectShape(def.innerType);
  return null;
}

/** The base type of a field under optional/nullable/default/pipe wrappers. */
function baseType(schema: z.ZodType): string {
  const def = defOf(schema);
  if (def.type === 'pipe' && def.in) return baseType(def.in);
  if (def.innerType) return baseType(def.innerType);
  if (def.type === 'union') {
    const kinds = new Set((def.options ?? []).map(baseType));
    return [...kinds].some((k) => ['object', 'record', 'array', 'any', 'unknown'].includes(k)) ? 'mixed' : 'scalar-union';
  }
  return def.type;
}

/** A value of the wrong type for a field, or null when any value would do (any/unknown). */
function junkFor(field: z.ZodType): unknown {
  const t = baseType(field);
  if (t === 'any' || t === 'unknown' || t === 'mixed') return null;
  if (t === 'object' || t === 'record' || t === 'array') return 'không phải đối tượng';
  return { __bad: [1, 2, 3] };
}

const NON_OBJECT_INPUTS: readonly unknown[] = [42, 'văn bản', [], true];

const entries = Object.entries(contract) as [MethodName, AnyMethod][];

let store: Store;
const sessions = new Map<Role, string>();

async function dispatch(method: string, input: unknown, role: Role | null): Promise<CallResult> {
  const session = role ? sessions.get(role) : undefined;
  // Through JSON, as every real transport carries it.
  const request = JSON.parse(JSON.stringify(session ? { method, input, session } : { method, input })) as { method: string; input: unknown };
  return store.dispatch(request);
}

async function writeCounts(): Promise<number[]> {
  const out: number[] = [];
  for (const t of ['outbox', 'audit_log', 'people', 'units', 'users']) {
    out.push((await store.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]?.n ?? -1);
  }
  return out;
}

function allowedRole(spec: AnyMethod): Role | null {
  if (spec.access === 'public') return null;
  if (spec.access === 'user') return 'officer';
  return spec.access[0] ?? null;
}

beforeAll(async () => {
  const configured = await configuredStore();
  store = configured.store;
  const admin = await configured.api.call('auth.me', {});
  sessions.set('admin', admin.token);
  for (const role of ['officer', 'head'] as const) {
    await configured.api.call('users.create', { displayName: `Người dùng ${role}`, username: `nguoi-${role}`, password: 'matkhau123', role });
    const s = await dispatch('auth.login', { username: `nguoi-${role}`, password: 'matkhau123' }, null);
    if (!s.ok) throw new Error(`login ${role} failed`);
    sessions.set(role, (s.value as { token: string }).token);
  }
});

afterAll(async () => {
  await store.close();
});

describe('the contract', () => {
  it('has methods, each a query or a command with an input schema and an access rule', () => {
    expect(entries.length).toBeGreaterThan(10);
    for (const [name, spec] of entries) {
      expect(['query', 'command'], name).toContain(spec.kind);
      expect(typeof spec.input.safeParse, name).toBe('function');
      expect(spec.access === 'public' || spec.access === 'user' || Array.isArray(spec.access), name).toBe(true);
    }
  });

  it("keeps a schema's own wording and fills only the gaps in Vietnamese", async () => {
    const r = await dispatch('people.create', { fullName: 5, gender: 'x' }, 'officer');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const byPath = new Map((r.error.issues ?? []).map((i) => [i.path, i.message]));
      expect(byPath.get('fullName')).toBe('Họ và tên: phải là văn bản.');
      expect(byPath.get('gender')).toBe('Giới tính: chọn Nam hoặc Nữ.');
      expect(byPath.get('unitId')).toBe('Mã bản ghi: phải là văn bản.');
    }
    const list = await dispatch('people.list', { search: 5 }, 'officer');
    expect(list.ok).toBe(false);
    if (!list.ok) expect(list.error.issues).toEqual([{ path: 'search', message: 'Giá trị không đúng kiểu: cần văn bản.' }]);
  });

  it('refuses an unknown method in Vietnamese', async () => {
    const r = await dispatch('people.dropAll', {}, 'admin');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('unknown_method');
      expectVietnamese(r.error.message, 'unknown method');
    }
  });
});

describe.each(entries)('%s', (name, spec) => {
  const role = allowedRole(spec);

  // Public methods (setup, login, status) are meant to be called without a session: no such test for them.
  if (spec.access !== 'public') it('without a session is refused with unauthenticated and writes nothing', async () => {
    const before = await writeCounts();
    const r = await dispatch(name, {}, null);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('unauthenticated');
      expectVietnamese(r.error.message, name);
    }
    expect(await writeCounts()).toEqual(before);
  });

  const refusedRoles = Array.isArray(spec.access) ? (['officer', 'head', 'admin'] as const).filter((r) => !(spec.access as readonly Role[]).includes(r)) : [];
  if (refusedRoles.length > 0) it(`with a role outside ${JSON.stringify(spec.access)} is forbidden and writes nothing`, async () => {
    for (const other of refusedRoles) {
      const before = await writeCounts();
      const r = await dispatch(name, {}, other);
      expect(r.ok, `${name} as ${other}`).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('forbidden');
        expectVietnamese(r.error.message, name);
      }
      expect(await writeCounts()).toEqual(before);
    }
  });

  it('refuses input that is not an object with invalid_input, in Vietnamese, and writes nothing', async () => {
    for (const input of NON_OBJECT_INPUTS) {
      const before = await writeCounts();
      const r = await dispatch(name, input, role);
      expect(r.ok, `${name} accepted ${JSON.stringify(input)}`).toBe(false);
      if (!r.ok) {
        expect(r.error.code, `${name} with ${JSON.stringify(input)}: ${r.error.message}`).toBe('invalid_input');
        expectVietnamese(r.error.message, name);
        for (const issue of r.error.issues ?? []) expectVietnamese(issue.message, `${name} issue ${issue.path}`);
      }
      expect(await writeCounts()).toEqual(before);
    }
  });

  // Methods with required fields: an empty input names what is missing.
  if (!spec.input.safeParse({}).success) {
    it('refuses an empty input (required fields missing) with invalid_input, in Vietnamese, and writes nothing', async () => {
      const before = await writeCounts();
      const r = await dispatch(name, {}, role);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code, r.error.message).toBe('invalid_input');
        expectVietnamese(r.error.message, name);
        expect(r.error.issues?.length ?? 0).toBeGreaterThan(0);
        for (const issue of r.error.issues ?? []) expectVietnamese(issue.message, `${name} issue ${issue.path}`);
      }
      expect(await writeCounts()).toEqual(before);
    });
  }

  const shape = objectShape(spec.input);
  const fields = Object.entries(shape ?? {}).filter(([, field]) => junkFor(field) !== null);
  // Inputs with no fields (z.object({})) are covered by the non-object inputs above.
  if (fields.length > 0) it('refuses a wrong-typed value in each field, naming the field, in Vietnamese, and writes nothing', async () => {
    for (const [field, schema] of fields) {
      const before = await writeCounts();
      const r = await dispatch(name, { [field]: junkFor(schema) }, role);
      expect(r.ok, `${name}.${field} accepted junk`).toBe(false);
      if (!r.ok) {
        expect(r.error.code, `${name}.${field}: ${r.error.message}`).toBe('invalid_input');
        expectVietnamese(r.error.message, `${name}.${field}`);
        expect(
          (r.error.issues ?? []).some((i) => i.path === field || i.path.startsWith(`${field}.`)),
          `${name}: no issue names ${field}: ${JSON.stringify(r.error.issues)}`,
        ).toBe(true);
        for (const issue of r.error.issues ?? []) expectVietnamese(issue.message, `${name} issue ${issue.path}`);
      }
      expect(await writeCounts()).toEqual(before);
    }
  });
});
