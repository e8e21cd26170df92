import { createConnection, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy on loopback that behaves like a bad rural link: a rate per
 * direction, a one-way delay, byte and connection counting, cuts after a
 * number of bytes, outages, and (for fault tests) duplicated and reordered
 * requests (a finished connection's client bytes replayed later on a new
 * connection, its answer thrown away). Deterministic given `random`.
 */
export interface LinkProfile {
  /** Bytes per second per direction (0 = unlimited). */
  upBytesPerSecond: number;
  downBytesPerSecond: number;
  /** One-way delay in ms (round trip = 2x). */
  delayMs: number;
}

export const PROFILES = {
  loopback: { upBytesPerSecond: 0, downBytesPerSecond: 0, delayMs: 0 },
  slow3g: { upBytesPerSecond: 50_000, downBytesPerSecond: 50_000, delayMs: 200 },
  edge: { upBytesPerSecond: 30_000, downBytesPerSecond: 25_000, delayMs: 420 },
} satisfies Record<string, LinkProfile>;

export interface LinkStats {
  bytesUp: number;
  bytesDown: number;
  connections: number;
  cuts: number;
  replays: number;
}

export interface LinkProxy {
  port: number;
  url: string;
  stats: LinkStats;
  /** Cut the connection carrying the byte at which the upstream total passes `bytes` from now. */
  cutAfter(bytes: number): void;
  /** Refuse and drop all connections until `up(true)`. */
  setUp(up: boolean): void;
  /** Per-connection chance of a later replay of its client bytes (duplicates and reorders requests). */
  setReplay(probability: number, maxDelayMs: number): void;
  /** Cut every live connection after a random number of bytes with this probability per connection. */
  setRandomCuts(probability: number, maxBytes: number): void;
  resetStats(): void;
  close(): Promise<void>;
}

class Pacer {
  private nextFree = 0;
  constructor(private readonly bytesPerSecond: number, private readonly delayMs: number) {}
  /** When a chunk of `n` bytes sent now arrives at the far end. */
  schedule(n: number): number {
    const now = Date.now();
    const start = Math.max(now, this.nextFree);
    const tx = this.bytesPerSecond > 0 ? (n / this.bytesPerSecond) * 1000 : 0;
    this.nextFree = start + tx;
    return this.nextFree + this.delayMs - now;
  }
}

export async function startLinkProxy(target: { host: string; port: number }, profile: LinkProfile, random: () => number = Math.random): Promise<LinkProxy> {
  const stats: LinkStats = { bytesUp: 0, bytesDown: 0, connections: 0, cuts: 0, replays: 0 };
  let cutAt: number | null = null;
  let up = true;
  let replayP = 0;
  let replayDelay = 0;
  let cutP = 0;
  let cutMax = 0;
  // One link: every connection shares the bandwidth of each direction.
  const upPacer = new Pacer(profile.upBytesPerSecond, profile.delayMs);
  const downPacer = new Pacer(profile.downBytesPerSecond, profile.delayMs);
  const live = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, Math.max(0, ms));
    timers.add(t);
  };

  const replay = (data: Buffer) => {
    stats.replays++;
    const s = createConnection(target);
    live.add(s);
    s.on('error', () => undefined);
    s.on('data', () => undefined);
    s.on('close', () => live.delete(s));
    s.end(data);
  };

  const server: Server = createServer((client) => {
    if (!up) {
      client.destroy();
      return;
    }
    stats.connections++;
    live.add(client);
    const upstream = createConnection(target);
    live.add(upstream);
    const captured: Buffer[] = [];
    let budget = cutP > 0 && random() < cutP ? Math.floor(random() * cutMax) : Number.POSITIVE_INFINITY;
    let dead = false;
    const kill = () => {
      if (dead) return;
      dead = true;
      stats.cuts++;
      client.destroy();
      upstream.destroy();
    };
    const pass = (from: Socket, to: Socket, pacer: Pacer, dir: 'up' | 'down') => {
      from.on('data', (chunk: Buffer) => {
        if (dead) return;
        if (dir === 'up') {
          captured.push(chunk);
          if (cutAt !== null && stats.bytesUp + chunk.length >= cutAt) {
            const keep = Math.max(0, cutAt - stats.bytesUp);
            cutAt = null;
            stats.bytesUp += keep;
            const part = chunk.subarray(0, keep);
            later(pacer.schedule(part.length), () => {
              if (part.length) to.write(part);
              kill();
            });
            return;
          }
        }
        budget -= chunk.length;
        if (budget < 0) {
          kill();
          return;
        }
        if (dir === 'up') stats.bytesUp += chunk.length;
        else stats.bytesDown += chunk.length;
        later(pacer.schedule(chunk.length), () => {
          if (!dead && !to.destroyed) to.write(chunk);
        });
      });
      from.on('end', () => later(pacer.schedule(0), () => to.end()));
    };
    pass(client, upstream, upPacer, 'up');
    pass(upstream, client, downPacer, 'down');
    let replayed = false;
    const maybeReplay = () => {
      if (replayed) return;
      replayed = true;
      if (replayP > 0 && captured.length > 0 && random() < replayP) {
        const data = Buffer.concat(captured);
        later(random() * replayDelay, () => replay(data));
      }
    };
    // Bytes still in flight on the emulated link are delivered before the other side closes.
    // end(), not destroy(): bytes still queued in Node's buffers must reach the far side first.
    upstream.on('close', () => {
      live.delete(upstream);
      later(downPacer.schedule(0) + 5, () => {
        live.delete(client);
        if (!dead) client.end();
      });
    });
    client.on('close', () => {
      live.delete(client);
      maybeReplay();
      later(upPacer.schedule(0) + 5, () => {
        live.delete(upstream);
        if (!dead) upstream.end();
      });
    });
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stats,
    cutAfter(bytes) {
      cutAt = stats.bytesUp + bytes;
    },
    setUp(value) {
      up = value;
      if (!value) for (const s of live) s.destroy();
    },
    setReplay(p, maxDelayMs) {
      replayP = p;
      replayDelay = maxDelayMs;
    },
    setRandomCuts(p, maxBytes) {
      cutP = p;
      cutMax = maxBytes;
    },
    resetStats() {
      Object.assign(stats, { bytesUp: 0, bytesDown: 0, connections: 0, cuts: 0, replays: 0 });
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      for (const s of live) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
