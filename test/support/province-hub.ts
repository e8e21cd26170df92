import { generateKeys } from '../../electron/sync/keys.js';
import { HubCore } from '../../electron/sync/hub-core.js';
import { startHubHttp, type HubHttp } from '../../electron/sync/hub-http.js';
import { runHubOp } from '../../electron/sync/hub-ops.js';
import { consoleLogger } from '../../electron/store/deps.js';
import { openStore, type Store } from '../../electron/store/open-store.js';
import { inProcessClient } from '../../electron/transports/in-process.js';
import { migrate } from '../../shared/db/migrate.js';
import { hubMigrations } from '../../shared/db/migrations/hub/index.js';
import type { ApiClient } from '../../shared/api/client.js';
import type { PlanContent } from '../../shared/plans/model.js';
import { dakLak2024 } from '../fixtures/plans/index.js';
import { OFFICE_SETUP, quietLogger } from './store.js';
import type { TestHub } from './sync-harness.js';

/**
 * A province as the desktop app runs it: one store (the Sở Tư pháp's own
 * app, signed in) whose database is also the hub's, so what the province
 * writes through the API reaches the offices by the pump → feed path, and
 * what the offices send is there to review. Built directly on HubCore (the
 * same wiring province mode does), with the hub's HTTP server on loopback.
 */
export interface TestProvince {
  store: Store;
  api: ApiClient;
  unitId: string;
  hub: TestHub;
  close(): Promise<void>;
}

export const PROVINCE_SETUP = {
  ...OFFICE_SETUP,
  office: { name: 'Sở Tư pháp tỉnh Điện Biên', shortName: 'STP', level: 'province_department' as const, parentName: 'UBND tỉnh Điện Biên', province: 'Điện Biên', placeName: 'Điện Biên Phủ' },
  admin: { displayName: 'Phan Thị Hồng Thắng', username: 'admin', password: 'matkhau123' },
};

export async function startTestProvince(): Promise<TestProvince> {
  const store = await openStore({ logger: quietLogger });
  const api = inProcessClient(store);
  const session = await api.call('system.setup', PROVINCE_SETUP);
  api.setSession(session.token);
  const db = store.deps.db;
  await migrate(db, hubMigrations);
  // The hub takes the province's own unit (written before open, so it publishes no unit row of its own).
  const identity = { unitId: session.officeUnitId, name: PROVINCE_SETUP.office.name, ...generateKeys() };
  await db.query("INSERT INTO settings (key, value) VALUES ('hub.identity', $1) ON CONFLICT (key) DO NOTHING", [JSON.stringify(identity)]);
  const logger = process.env.SYNC_DEBUG ? consoleLogger('hub') : quietLogger;
  const core = await HubCore.open(db, { logger, unitId: session.officeUnitId, name: PROVINCE_SETUP.office.name });
  const http: HubHttp = await startHubHttp({
    handle: (op) => runHubOp(core, op, logger),
    logger,
    adminToken: 'test-admin-token-000000000000',
    rate: { perSecond: 10_000, burst: 10_000 },
    enrollRate: { perSecond: 10_000, burst: 10_000 },
  });
  const hub: TestHub = {
    core,
    http,
    url: http.url,
    async close() {
      await http.close();
    },
  };
  return {
    store,
    api,
    unitId: session.officeUnitId,
    hub,
    async close() {
      await http.close();
      await store.close();
    },
  };
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** The province issues a plan (with its signed PDF attached) as the Sở Tư pháp would. */
export async function issueProvincePlan(p: { api: ApiClient }, number: string, pdf: Buffer): Promise<string> {
  const draft: PlanContent = clone(dakLak2024);
  draft.ref.number = number;
  draft.ref.date = { text: 'ngày 28 tháng 12 năm 2023', iso: '2023-12-28', precision: 'day' };
  const created = await p.api.call('plans.create', { content: draft });
  await p.api.call('attachments.add', { subjectTable: 'plans', subjectId: created.id, fileName: `ke-hoach-${number}.pdf`, mediaType: 'application/pdf', base64: pdf.toString('base64') });
  const issued = await p.api.call('plans.issue', { id: created.id, expectedVersion: created.version });
  return issued.id;
}


/** An office derives its own plan from the province's, numbers and signs it, and issues it; returns the issued plan's id. */
export async function deriveAndIssue(api: ApiClient, parentId: string, number: string, change?: (c: PlanContent) => void): Promise<string> {
  const derived = await api.call('plans.derive', { parentId });
  const c = clone(derived.content);
  c.ref.number = number;
  c.ref.date = { text: 'ngày 15 tháng 01 năm 2024', iso: '2024-01-15', precision: 'day' };
  c.signer = { form: 'KT.', authority: 'TRƯỞNG PHÒNG', title: 'PHÓ TRƯỞNG PHÒNG', name: 'Lò Văn Thành', extraLines: [] };
  change?.(c);
  const saved = await api.call('plans.update', { id: derived.id, expectedVersion: derived.version, content: c });
  return (await api.call('plans.issue', { id: saved.id, expectedVersion: saved.version })).id;
}
