import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineMessages, format, translate } from '../../renderer/src/i18n/messages.js';
import { parseHash } from '../../renderer/src/app/router.js';
import { formatDraftTime } from '../../renderer/src/drafts/time.js';
import { validate } from '../../renderer/src/forms/validate.js';
import { httpTransport, takeSecret } from '../../renderer/src/api/transport.js';
import { reloadWithNotice, takeReloadNotice } from '../../renderer/src/app/reload-notice.js';
import { startHttpTransport, type HttpTransport } from '../../electron/transports/http-server.js';
import type { StoreEvent } from '../../shared/api/envelope.js';

describe('i18n', () => {
  const m = defineMessages({ vi: { count: '{n} người', hi: 'Chào {name}' }, en: { count: '{n} people', hi: 'Hello {name}' } });
  it.each([
    ['vi', 'count', { n: 3 }, '3 người'],
    ['en', 'count', { n: 3 }, '3 people'],
    ['vi', 'hi', { name: 'Hà' }, 'Chào Hà'],
    ['en', 'hi', {}, 'Hello {name}'],
  ] as const)('%s %s %j → %s', (lang, key, params, expected) => {
    expect(translate(m, lang, key, params)).toBe(expected);
  });
  it('leaves a template without params untouched', () => {
    expect(format('{x} còn nguyên')).toBe('{x} còn nguyên');
  });
});

describe('parseHash', () => {
  it.each([
    ['', '/', ''],
    ['#/', '/', ''],
    ['#/people', '/people', ''],
    ['#/people?draft=people.edit%3Aabc', '/people', 'people.edit:abc'],
    ['#units', '/units', ''],
  ])('%s → %s', (hash, path, draft) => {
    const route = parseHash(hash);
    expect(route.path).toBe(path);
    expect(route.params.get('draft') ?? '').toBe(draft);
  });
});

describe('formatDraftTime', () => {
  const now = new Date(2026, 10, 23, 15, 0);
  it('shows only the time for today', () => {
    expect(formatDraftTime(new Date(2026, 10, 23, 10, 42).toISOString(), now)).toBe('10:42');
  });
  it('adds the date for another day', () => {
    expect(formatDraftTime(new Date(2026, 10, 20, 8, 5).toISOString(), now)).toBe('08:05 20/11/2026');
  });
  it('returns an unreadable value as it is', () => {
    expect(formatDraftTime('không phải ngày', now)).toBe('không phải ngày');
  });
});

describe('validate', () => {
  const schema = z.object({ name: z.string().min(1, { error: 'Tên: không được để trống.' }), inner: z.object({ age: z.number({ error: 'Tuổi: phải là số.' }) }) });
  it('returns null when valid', () => {
    expect(validate(schema, { name: 'A', inner: { age: 3 } })).toBeNull();
  });
  it('keys errors by prefixed dotted path, first message per field', () => {
    expect(validate(schema, { name: '', inner: { age: 'x' } }, 'office.')).toEqual({ 'office.name': 'Tên: không được để trống.', 'office.inner.age': 'Tuổi: phải là số.' });
  });
});

/** Minimal stand-ins for the browser objects takeSecret touches. */
function browserState(hash: string) {
  const store = new Map<string, string>();
  const state = { hash, replaced: null as string | null };
  const location = { get hash() { return state.hash; }, pathname: '/', search: '' } as unknown as Location;
  const history = { replaceState: (_d: unknown, _t: string, url: string) => { state.replaced = url; state.hash = url.slice(url.indexOf('#')); } } as unknown as History;
  const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) } as unknown as Storage;
  return { state, location, history, storage };
}

describe('takeSecret', () => {
  it('moves the secret from the address bar to sessionStorage and clears the hash', () => {
    const b = browserState('#secret=abc%2Bdef');
    expect(takeSecret(b.location, b.history, b.storage)).toBe('abc+def');
    expect(b.state.replaced).toBe('/#/');
    // A reload (hash gone) still finds it.
    expect(takeSecret(b.location, b.history, b.storage)).toBe('abc+def');
  });
  it('returns null when there is none', () => {
    const b = browserState('#/people');
    expect(takeSecret(b.location, b.history, b.storage)).toBeNull();
    expect(b.state.replaced).toBeNull();
  });
});

describe('reload notice', () => {
  it('is left before the reload, then read once after it', () => {
    const b = browserState('#/backup');
    let reloaded = 0;
    reloadWithNotice(b.storage, { color: 'orange', message: 'Đã khôi phục dữ liệu của Phòng Tư pháp huyện Mường Nhé (chưa kiểm tra được).' }, () => reloaded++);
    expect(reloaded).toBe(1);
    expect(takeReloadNotice(b.storage)).toEqual({ color: 'orange', message: 'Đã khôi phục dữ liệu của Phòng Tư pháp huyện Mường Nhé (chưa kiểm tra được).' });
    expect(takeReloadNotice(b.storage)).toBeNull();
  });
  it('ignores what it did not write', () => {
    const b = browserState('#/');
    b.storage.setItem('thidua.reloadNotice', '{not json');
    expect(takeReloadNotice(b.storage)).toBeNull();
    b.storage.setItem('thidua.reloadNotice', JSON.stringify({ color: 'red', message: 1 }));
    expect(takeReloadNotice(b.storage)).toBeNull();
  });
});

describe('httpTransport against the real loopback server', () => {
  let server: HttpTransport;
  const listeners = new Set<(event: StoreEvent) => void>();
  beforeAll(async () => {
    server = await startHttpTransport({
      secret: 's3cret',
      send: async (request) => ({ ok: true, value: { echoed: request.method, input: request.input } }),
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
  });
  afterAll(async () => {
    await server.close();
  });

  it('sends calls with the secret and reads the answer', async () => {
    const result = await httpTransport(server.url, 's3cret').send({ method: 'x.y', input: { a: 'Đ' } });
    expect(result).toEqual({ ok: true, value: { echoed: 'x.y', input: { a: 'Đ' } } });
  });

  it('a wrong secret gets the server\u2019s Vietnamese refusal', async () => {
    const result = await httpTransport(server.url, 'wrong').send({ method: 'x.y', input: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('unauthenticated');
  });

  it('an unreachable store becomes a Vietnamese error, not an exception', async () => {
    const result = await httpTransport('http://127.0.0.1:9/', 's3cret').send({ method: 'x.y', input: {} });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/Không kết nối được/u);
  });

  it('streams store events until unsubscribed', async () => {
    const received: StoreEvent[] = [];
    const off = httpTransport(server.url, 's3cret').subscribe((event) => received.push(event));
    for (let i = 0; i < 100 && listeners.size === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(listeners.size).toBe(1);
    for (const l of listeners) {
      l({ type: 'changed', tables: ['people'] });
      l({ type: 'changed', tables: ['units', 'audit'] });
    }
    for (let i = 0; i < 100 && received.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect(received).toEqual([
      { type: 'changed', tables: ['people'] },
      { type: 'changed', tables: ['units', 'audit'] },
    ]);
    off();
    for (let i = 0; i < 100 && listeners.size > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(listeners.size).toBe(0);
  });
});
