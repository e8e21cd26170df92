import { Agent, request } from 'node:http';
import { encodeBundle, packJson } from '../electron/sync/codec.js';
import { PROTOCOL_VERSION, type Entry } from '../shared/sync/protocol.js';

/**
 * The hub benchmark's load generator, in its own process so that the hub is
 * what is measured (the machine has 2 cores). It signs and compresses every
 * batch before the clock starts, then sends them: open loop at a fixed
 * offered rate (latency counted from each request's scheduled start, so
 * queueing counts), then closed loop for the saturation throughput.
 */

export interface LoadOffice {
  deviceId: string;
  unitId: string;
  privateKey: string;
}

export interface LoadJob {
  url: string;
  hubId: string;
  offices: LoadOffice[];
  rate: number;
  seconds: number;
  saturationSeconds: number;
  /** Only the closed loop (a baseline hub). */
  saturationOnly?: boolean;
}

export interface LoadResult {
  latencies: number[];
  errors: number;
  statuses: Record<string, number>;
  sent: number;
  saturation: number;
  saturationErrors: number;
  generatorCpuPercent: number;
}

const BATCH = 50;

interface OfficeState extends LoadOffice {
  n: number;
  seq: number;
  queue: Buffer[];
}

function person(o: OfficeState, seq: number, now: string): Record<string, unknown> {
  return {
    id: `${o.unitId}-p${seq}`,
    owner_unit_id: o.unitId,
    version: 1,
    created_at: now,
    updated_at: now,
    updated_by: 'Cán bộ tư pháp - hộ tịch',
    unit_id: o.unitId,
    full_name: `Giàng A Sính ${seq}`,
    gender: 'male',
    birth_date: '1990-05-12',
    position: 'Công chức Tư pháp - Hộ tịch',
    staff_category: 'cong_chuc',
    start_date: '2015-03-01',
    status: 'working',
    note: 'Tham gia tuyên truyền pháp luật cho đồng bào dân tộc thiểu số; hòa giải ở cơ sở đạt kết quả tốt.',
    search_key: `giang a sinh ${seq}`,
  };
}

/** The next signed 50-row batch of an office (its first carries its own unit row, which the people rows reference). */
function nextBatch(o: OfficeState, hubId: string): Buffer {
  const now = new Date().toISOString();
  const entries: Entry[] = [];
  const after = o.seq;
  if (o.seq === 0) {
    o.seq = 1;
    entries.push({
      seq: 1,
      table: 'units',
      id: o.unitId,
      owner: o.unitId,
      version: 1,
      op: 'insert',
      row: { id: o.unitId, owner_unit_id: o.unitId, version: 1, created_at: now, updated_at: now, updated_by: 'x', parent_id: null, name: `UBND xã ${o.unitId}`, short_name: null, level: 'commune', parent_name: null, province: null, place_name: null, valid_from: null, valid_to: null, status: 'active' },
    });
  }
  while (entries.length < BATCH) {
    o.seq += 1;
    entries.push({ seq: o.seq, table: 'people', id: `${o.unitId}-p${o.seq}`, owner: o.unitId, version: 1, op: 'insert', row: person(o, o.seq, now) });
  }
  o.n += 1;
  const packed = packJson({ push: { after, entries }, pull: { after: 0, limit: 100, includeOwn: false } });
  return encodeBundle({ v: PROTOCOL_VERSION, kind: 'exchange', from: o.deviceId, to: hubId, unit: o.unitId, n: o.n, at: now, enc: packed.enc }, packed.body, o.privateKey);
}

export async function runLoad(job: LoadJob): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1000 });
  const statuses: Record<string, number> = {};
  const post = (body: Buffer): Promise<number> =>
    new Promise((resolve) => {
      const req = request(new URL('/sync/v1/exchange', job.url), { method: 'POST', agent, headers: { 'content-type': 'application/octet-stream', 'content-length': body.length } }, (res) => {
        res.on('data', () => undefined);
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      });
      req.on('error', () => resolve(0));
      req.end(body);
    });
  const count = (status: number) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
  };
  const offices: OfficeState[] = job.offices.map((o) => ({ ...o, n: 0, seq: 0, queue: [] }));
  const perOffice = Math.ceil((job.saturationOnly ? 0 : job.rate * job.seconds) / offices.length);
  // Every batch signed and compressed before the clock starts; the closed loop gets a reserve and makes more if it runs out.
  for (const o of offices) for (let i = 0; i < 1 + perOffice + 40; i++) o.queue.push(nextBatch(o, job.hubId));
  const take = (o: OfficeState) => o.queue.shift() ?? nextBatch(o, job.hubId);
  // Warm-up, not measured: each office's first batch (its unit row), a few at a time.
  for (let i = 0; i < offices.length; i += 10) await Promise.all(offices.slice(i, i + 10).map((o) => post(take(o)).then(count)));

  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  if (!job.saturationOnly) {
    const total = Math.round(job.rate * job.seconds);
    const busy = new Map<OfficeState, Promise<void>>();
    const all: Promise<void>[] = [];
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const scheduled = start + (i * 1000) / job.rate;
      const wait = scheduled - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      const o = offices[i % offices.length] as OfficeState;
      // One office syncs one batch at a time (its cursor): a late one queues, and the queueing counts.
      const p = (busy.get(o) ?? Promise.resolve()).then(async () => {
        const status = await post(take(o));
        count(status);
        if (status !== 200) errors++;
        latencies.push(performance.now() - scheduled);
      });
      busy.set(o, p);
      all.push(p);
      sent++;
    }
    await Promise.all(all);
  }
  let done = 0;
  let saturationErrors = 0;
  const satEnd = performance.now() + job.saturationSeconds * 1000;
  const satStart = performance.now();
  await Promise.all(
    offices.map(async (o) => {
      while (performance.now() < satEnd) {
        const status = await post(take(o));
        if (status === 200) done++;
        else saturationErrors++;
      }
    }),
  );
  const satSeconds = (performance.now() - satStart) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const wall = performance.now() - wall0;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { latencies, errors, statuses, sent, saturation: done / satSeconds, saturationErrors, generatorCpuPercent: ((cpu.user + cpu.system) / 1000 / wall) * 100 };
}

// As a child process: one job in by IPC, the result out by IPC.
if (process.send && process.env.THIDUA_HUB_LOAD_CHILD === '1') {
  process.once('message', (job: LoadJob) => {
    void runLoad(job).then(
      (result) => process.send?.({ ok: true, result }, () => process.exit(0)),
      (error: unknown) => process.send?.({ ok: false, error: error instanceof Error ? error.stack : String(error) }, () => process.exit(1)),
    );
  });
}
