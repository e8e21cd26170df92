import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { migrateHub } from '../electron/sync/hub-core.js';
import { decodeBundle, unpackJson } from '../electron/sync/codec.js';
import { openPGlite } from '../electron/store/pglite-database.js';
import { tableSpec } from '../shared/db/tables.js';
import type { Entry } from '../shared/sync/protocol.js';

/**
 * The baseline peer of the hub benchmark: a bare PGlite hub on the same
 * schema, with no authentication (no signature, no schema validation, no
 * device, cursor, replay or owner checks), no feed and no journal. Each
 * request: read the framing, inflate, parse, one transaction with one
 * upsert per table run, answer 200. What the real hub adds is measured as a
 * ratio to this, in the same run, on the same machine.
 */
export async function startBareHub(): Promise<{ url: string; close(): Promise<void> }> {
  const db = await openPGlite({});
  await migrateHub(db);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        const msg = decodeBundle(Buffer.concat(chunks));
        const body = unpackJson(msg.header.enc, msg.body) as { push?: { entries: Entry[] } };
        const entries = body.push?.entries ?? [];
        await db.transaction(async (tx) => {
          let run: Entry[] = [];
          const flush = async () => {
            const table = run[0]?.table ?? '';
            const cols = (tableSpec(table)?.columns ?? []).filter((c) => run[0] && c in run[0].row);
            await tx.query(
              `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb) ON CONFLICT (id) DO NOTHING`,
              [JSON.stringify(run.map((e) => e.row))],
            );
            run = [];
          };
          for (const e of entries) {
            if (run.length > 0 && run[0]?.table !== e.table) await flush();
            run.push(e);
          }
          if (run.length > 0) await flush();
        });
        res.writeHead(200, { 'content-length': 2 });
        res.end('{}');
      })().catch(() => {
        res.writeHead(500);
        res.end();
      });
    });
  });
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await db.close();
    },
  };
}
