import { parentPort, workerData } from 'node:worker_threads';
import { join } from 'node:path';
import type { Database } from '../../shared/db/port.js';
import { consoleLogger } from '../store/deps.js';
import { openPGlite } from '../store/pglite-database.js';
import { openPostgres } from '../store/pg-database.js';
import { HubCore } from './hub-core.js';
import { runHubOp, type HubOp } from './hub-ops.js';

/**
 * The hub's database thread: PGlite blocks the thread it runs on, so the
 * HTTP server lives on another one and sends operations here by message.
 */
async function main(): Promise<void> {
  if (!parentPort) throw new Error('hub-worker-entry must run in a worker_thread');
  const pp = parentPort;
  const data = workerData as { dataDir?: string; databaseUrl?: string; name?: string; unitId?: string };
  const logger = consoleLogger('hub-db');
  let db: Database;
  try {
    db = data.databaseUrl ? openPostgres(data.databaseUrl, 10) : await openPGlite(data.dataDir ? { dataDir: join(data.dataDir, 'db') } : {});
    const core = await HubCore.open(db, { logger, ...(data.name ? { name: data.name } : {}), ...(data.unitId ? { unitId: data.unitId } : {}) });
    pp.on('message', (m: { kind: string; id?: number; op?: HubOp }) => {
      if (m.kind === 'op' && m.op && typeof m.id === 'number') {
        const id = m.id;
        void runHubOp(core, m.op, logger).then((reply) => pp.postMessage({ kind: 'reply', id, reply }));
      } else if (m.kind === 'close') {
        void db.close().then(() => {
          pp.postMessage({ kind: 'closed' });
          pp.close();
        });
      }
    });
    pp.postMessage({ kind: 'ready', hubUnitId: core.identity.unitId });
  } catch (error) {
    pp.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

void main();
