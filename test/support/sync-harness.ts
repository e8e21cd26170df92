import { openPGlite } from '../../electron/store/pglite-database.js';
import type { Database } from '../../shared/db/port.js';
import { HubCore } from '../../electron/sync/hub-core.js';
import { startHubHttp, type HubHttp } from '../../electron/sync/hub-http.js';
import { runHubOp } from '../../electron/sync/hub-ops.js';
import { OfficeSyncAgent } from '../../electron/sync/office-agent.js';
import { contentHash } from '../../electron/sync/content-hash.js';
import { openStore, type Store } from '../../electron/store/open-store.js';
import { consoleLogger } from '../../electron/store/deps.js';
import { inProcessClient } from '../../electron/transports/in-process.js';
import type { ApiClient } from '../../shared/api/client.js';
import { OFFICE_SETUP, quietLogger } from './store.js';

export interface TestHub {
  core: HubCore;
  http: HubHttp;
  url: string;
  close(): Promise<void>;
}

/** A real hub (core + HTTP on loopback) whose database the test can read directly. */
export async function startTestHub(opts: { db?: Database; rate?: { perSecond: number; burst: number } } = {}): Promise<TestHub> {
  const db = opts.db ?? (await openPGlite());
  // SYNC_DEBUG=1 shows the hub's structured log when a test fails.
  const logger = process.env.SYNC_DEBUG ? consoleLogger('hub') : quietLogger;
  const core = await HubCore.open(db, { logger, name: 'Sở Tư pháp tỉnh Điện Biên' });
  const http = await startHubHttp({
    handle: (op) => runHubOp(core, op, logger),
    logger,
    adminToken: 'test-admin-token-000000000000',
    rate: opts.rate ?? { perSecond: 10_000, burst: 10_000 },
    enrollRate: { perSecond: 10_000, burst: 10_000 },
  });
  return {
    core,
    http,
    url: http.url,
    async close() {
      await http.close();
      await db.close();
    },
  };
}

export interface TestOffice {
  store: Store;
  api: ApiClient;
  agent: OfficeSyncAgent;
  unitId: string;
  close(): Promise<void>;
}

export async function startTestOffice(name: string, opts: { dataDir?: string } = {}): Promise<TestOffice> {
  const store = await openStore({ logger: quietLogger, ...(opts.dataDir ? { dataDir: opts.dataDir } : {}) });
  const api = inProcessClient(store);
  const session = await api.call('system.setup', { ...OFFICE_SETUP, office: { ...OFFICE_SETUP.office, name } });
  api.setSession(session.token);
  const agent = new OfficeSyncAgent(store.deps);
  return {
    store,
    api,
    agent,
    unitId: session.officeUnitId,
    async close() {
      agent.stop();
      await store.close();
    },
  };
}

export async function enrollOffice(office: TestOffice, hub: TestHub, unitName = 'Phòng Tư pháp'): Promise<void> {
  const { code } = await hub.core.createCode({ unitName });
  await office.agent.enroll({ hubUrl: hub.url, code, deviceName: 'PC-test' });
}

export async function addPeople(office: TestOffice, count: number, prefix = 'Người'): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = await office.api.call('people.create', {
      fullName: `${prefix} Thị Số ${i}`,
      gender: i % 2 ? 'male' : 'female',
      staffCategory: 'cong_chuc',
      unitId: office.unitId,
      birthDate: '1985-03-0' + ((i % 9) + 1),
      position: 'Chuyên viên',
      note: 'Ghi chú có dấu: Điện Biên, Mường Nhé',
    });
    ids.push(p.id);
  }
  return ids;
}

export async function hashesMatch(office: TestOffice, hub: TestHub): Promise<{ office: string; hub: string; rows: number }> {
  const a = await contentHash(office.store.deps.db, office.unitId);
  const b = await contentHash(hub.core.db, office.unitId);
  return { office: a.hash, hub: b.hash, rows: a.rows };
}
