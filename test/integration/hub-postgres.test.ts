import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAttachment } from '../../electron/sync/blobs.js';
import { addPeople, hashesMatch, startTestHub, startTestOffice, type TestHub, type TestOffice } from '../support/sync-harness.js';
import { freshPostgresDatabase, postgresServer, type FreshDatabase } from '../support/postgres.js';
import { startLinkProxy } from '../support/link-proxy.js';

const server = await postgresServer();

describe.skipIf(!server.available)(`hub on PostgreSQL 15 ${server.available ? '' : `(skipped: ${server.reason})`}`, () => {
  let fresh: FreshDatabase;
  let hub: TestHub;
  const offices: TestOffice[] = [];

  beforeAll(async () => {
    if (!server.available) return;
    fresh = await freshPostgresDatabase(server.url);
    hub = await startTestHub({ db: fresh.database });
  });
  afterAll(async () => {
    for (const o of offices) await o.close();
    await hub?.http.close();
    await fresh?.drop();
  });

  it('same migrations and protocol: three offices sync at once through a cutting link and converge', async () => {
    const proxy = await startLinkProxy({ host: '127.0.0.1', port: hub.http.port }, { upBytesPerSecond: 0, downBytesPerSecond: 0, delayMs: 2 });
    try {
      for (const name of ['Mường Nhé', 'Tủa Chùa', 'Nậm Pồ']) {
        const o = await startTestOffice(`Phòng Tư pháp huyện ${name}`);
        offices.push(o);
        const { code } = await hub.core.createCode({ unitName: name });
        await o.agent.enroll({ hubUrl: proxy.url, code });
      }
      await hub.core.publish('units', { id: 'to-chuc-tinh', parent_id: null, name: 'Hội đồng Thi đua – Khen thưởng tỉnh', short_name: null, level: 'province_department', parent_name: null, province: 'Điện Biên', place_name: 'Điện Biên Phủ', valid_from: null, valid_to: null, status: 'active' });
      proxy.setRandomCuts(0.3, 40_000);
      await Promise.all(
        offices.map(async (o) => {
          await addPeople(o, 60);
          await addAttachment(o.store.deps.db, randomBytes(180_000));
          for (let i = 0; i < 60; i++) {
            try {
              await o.agent.syncNow();
              break;
            } catch {
              // cut: retry
            }
          }
        }),
      );
      proxy.setRandomCuts(0, 0);
      for (const o of offices) {
        await o.agent.syncNow();
        const h = await hashesMatch(o, hub);
        expect(h.rows).toBe(61);
        expect(h.hub).toBe(h.office);
        const got = await o.store.deps.db.query("SELECT 1 FROM units WHERE id = 'to-chuc-tinh'");
        expect(got.rows).toHaveLength(1);
      }
      expect(hub.core.db.dialect).toBe('postgres');
    } finally {
      await proxy.close();
    }
  });
});
