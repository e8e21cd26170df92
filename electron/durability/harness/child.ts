import { openStore } from '../../store/open-store.js';
import { inProcessClient } from '../../transports/in-process.js';
import type { Logger } from '../../store/deps.js';

/**
 * The writing process of the crash harnesses. Opens the store on a data
 * folder, reports what it finds (every person's id and version, outbox
 * duplicates and gaps), then makes acknowledged writes and prints one line
 * per acknowledgement, flushed before the next write starts:
 *   OPENED {json}   SIGNED_IN   ACK <id> <version>   DONE
 * A crash point (THIDUA_CRASH_AT) or the parent's kill -9 ends it anywhere.
 *   --data DIR  --writes N  --tag T  --snapshot-every K  --no-journal  --no-close
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const SETUP = {
  office: {
    name: 'Phòng Tư pháp huyện Mường Nhé',
    shortName: 'PTP',
    level: 'district_office' as const,
    parentName: 'Ủy ban nhân dân huyện Mường Nhé',
    province: 'Điện Biên',
    placeName: 'Mường Nhé',
  },
  admin: { displayName: 'Lò Văn Thành', username: 'admin', password: 'matkhau123' },
};

/** Marks an acknowledgement in the power-loss log (present only when the fs-capture preload is loaded). */
type Mark = (text: string) => void;
const mark = (globalThis as { __thiduaFsMark?: Mark }).__thiduaFsMark;

function say(line: string): void {
  mark?.(line);
  // Synchronous on a pipe: the line is in the parent's hands before the next write begins.
  process.stdout.write(`${line}\n`);
}

async function main(): Promise<void> {
  const dataDir = arg('--data');
  if (!dataDir) throw new Error('--data required');
  const writes = Number(arg('--writes') ?? '20');
  const tag = arg('--tag') ?? 'x';
  const every = Number(arg('--snapshot-every') ?? '0');
  const logger: Logger = {
    info: () => undefined,
    warn: (m, f) => process.stderr.write(`warn ${m} ${JSON.stringify(f ?? {})}\n`),
    error: (m, f) => process.stderr.write(`error ${m} ${JSON.stringify(f ?? {})}\n`),
  };
  const store = await openStore({
    dataDir,
    logger,
    durable: { journal: !process.argv.includes('--no-journal'), snapshotEveryChanges: every, snapshotIntervalMs: 3_600_000 },
  });
  const db = store.deps.db;
  const people = (await db.query<{ id: string; version: number }>('SELECT id, version FROM people')).rows;
  const dup = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT 1 FROM outbox GROUP BY table_name, row_id, version HAVING count(*) > 1) d');
  const gaps = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM people p WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.table_name = 'people' AND o.row_id = p.id AND o.version = p.version)",
  );
  const report = store.deps.durable?.report;
  say(
    `OPENED ${JSON.stringify({
      people: Object.fromEntries(people.map((p) => [p.id, p.version])),
      outboxDuplicates: dup.rows[0]?.n ?? -1,
      outboxGaps: gaps.rows[0]?.n ?? -1,
      recovered: report?.recovered ?? false,
      replayed: report?.replay.replayed ?? 0,
      failed: report?.replay.failed.length ?? 0,
    })}`,
  );
  const api = inProcessClient(store);
  const status = await api.call('system.status', {});
  const session = status.configured ? await api.call('auth.login', { username: 'admin', password: SETUP.admin.password }) : await api.call('system.setup', SETUP);
  api.setSession(session.token);
  say('SIGNED_IN');
  const mine: { id: string; version: number }[] = people.slice(-5);
  for (let i = 0; i < writes; i += 1) {
    const target = i % 4 === 3 ? mine.at(-1) : undefined;
    if (target) {
      const current = (await db.query<Record<string, unknown>>('SELECT * FROM people WHERE id = $1', [target.id])).rows[0];
      if (!current) throw new Error(`person ${target.id} vanished`);
      const p = await api.call('people.update', {
        id: target.id,
        fullName: String(current.full_name),
        gender: current.gender as 'male' | 'female',
        staffCategory: String(current.staff_category) as 'cong_chuc',
        unitId: session.officeUnitId,
        position: `Lần sửa ${tag}-${i}`,
        birthDate: null,
        startDate: null,
        note: null,
        expectedVersion: Number(current.version),
      });
      target.version = p.version;
      say(`ACK ${p.id} ${p.version}`);
    } else {
      const p = await api.call('people.create', { fullName: `Người thử ${tag} số ${i}`, gender: i % 2 ? 'male' : 'female', staffCategory: 'cong_chuc', unitId: session.officeUnitId });
      mine.push({ id: p.id, version: p.version });
      say(`ACK ${p.id} ${p.version}`);
    }
  }
  if (!process.argv.includes('--no-close')) await store.close();
  say('DONE');
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(3);
});
