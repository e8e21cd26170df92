import { parentPort, workerData } from 'node:worker_threads';
import { consoleLogger } from '../store/deps.js';
import { HubCore } from './hub-core.js';
import { openHubDatabase, type HubDatabase } from './hub-durability.js';
import { ExchangeGroups } from './hub-group.js';
import { runHubOp, type HubOp } from './hub-ops.js';

/**
 * The hub's database thread: PGlite blocks the thread it runs on, so the
 * HTTP server lives on another one and sends operations here by message.
 * Uploads arrive already checked and parsed (hub-front.ts) and are applied
 * by group commit (hub-group.ts); a PGlite hub with a data folder journals
 * each group before answering (hub-durability.ts).
 */
async function main(): Promise<void> {
  if (!parentPort) throw new Error('hub-worker-entry must run in a worker_thread');
  const pp = parentPort;
  const data = workerData as { dataDir?: string; databaseUrl?: string; name?: string; unitId?: string; quiet?: boolean };
  const logger = data.quiet ? { info: () => undefined, warn: consoleLogger('hub-db').warn, error: consoleLogger('hub-db').error } : consoleLogger('hub-db');
  let hdb: HubDatabase;
  try {
    hdb = await openHubDatabase({ ...(data.dataDir ? { dataDir: data.dataDir } : {}), ...(data.databaseUrl ? { databaseUrl: data.databaseUrl } : {}), logger });
    const { db } = hdb;
    const core = await HubCore.open(db, { logger, ...(data.name ? { name: data.name } : {}), ...(data.unitId ? { unitId: data.unitId } : {}) });
    await hdb.reconcile(core.identity.unitId);
    const groups = new ExchangeGroups({
      db,
      logger,
      clock: () => new Date(),
      durability: hdb.durability,
      single: (p) => core.exchange(Buffer.from(p.raw), { usb: p.usb }),
      pump: () => core.pump(),
      finish: (p, answer) => core.finishExchange(p.unitId, p.body, p.usb, answer, { pumped: true }),
    });
    hdb.durable?.startSchedule((task) => groups.exclusive(task));
    const opened = hdb;
    pp.on('message', (m: { kind: string; id?: number; op?: HubOp }) => {
      if (m.kind === 'op' && m.op && typeof m.id === 'number') {
        const id = m.id;
        void runHubOp(core, m.op, logger, groups).then((reply) => pp.postMessage({ kind: 'reply', id, reply }));
      } else if (m.kind === 'stats') {
        pp.postMessage({ kind: 'stats', stats: groups.stats });
      } else if (m.kind === 'close') {
        // Let the groups in flight finish (and be journaled) before the last snapshot and close.
        void groups
          .exclusive(() => opened.close())
          .then(() => {
            pp.postMessage({ kind: 'closed' });
            pp.close();
          });
      }
    });
    pp.postMessage({ kind: 'ready', hubUnitId: core.identity.unitId, hubId: core.hubId, privateKey: core.identity.privateKey });
  } catch (error) {
    pp.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

void main();
