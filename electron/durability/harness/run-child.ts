import { spawn } from 'node:child_process';

export interface OpenedReport {
  people: Record<string, number>;
  outboxDuplicates: number;
  outboxGaps: number;
  recovered: boolean;
  replayed: number;
  failed: number;
}

export interface ChildRun {
  opened: OpenedReport | null;
  acks: { id: string; version: number }[];
  done: boolean;
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

export interface ChildOptions {
  childPath: string;
  dataDir: string;
  writes: number;
  tag: string;
  snapshotEvery?: number;
  crashAt?: string;
  /** Kill -9 from outside after this many ms. */
  killAfterMs?: number;
  /** Kill -9 from outside this many ms after the child signed in (lands among the writes however slow the open). */
  killAfterOpenedMs?: number;
  extraArgs?: string[];
  nodeArgs?: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}

/** Runs the writing child once and collects what it acknowledged, line by line as it printed them. */
export function runChild(o: ChildOptions): Promise<ChildRun> {
  return new Promise((resolve) => {
    const args = [...(o.nodeArgs ?? []), o.childPath, '--data', o.dataDir, '--writes', String(o.writes), '--tag', o.tag, '--snapshot-every', String(o.snapshotEvery ?? 0), ...(o.extraArgs ?? [])];
    const env: NodeJS.ProcessEnv = { ...process.env, ...o.env };
    delete env.THIDUA_CRASH_AT;
    if (o.crashAt) env.THIDUA_CRASH_AT = o.crashAt;
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: ChildRun = { opened: null, acks: [], done: false, code: null, signal: null, stderr: '' };
    let buffer = '';
    let afterOpen: NodeJS.Timeout | null = null;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('OPENED ')) run.opened = JSON.parse(line.slice(7)) as OpenedReport;
        else if (line === 'SIGNED_IN' && o.killAfterOpenedMs !== undefined) afterOpen = setTimeout(() => child.kill('SIGKILL'), o.killAfterOpenedMs);
        else if (line.startsWith('ACK ')) {
          const [, id, version] = line.split(' ');
          if (id && version) run.acks.push({ id, version: Number(version) });
        } else if (line === 'DONE') run.done = true;
        nl = buffer.indexOf('\n');
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (run.stderr.length < 20_000) run.stderr += chunk;
    });
    const killer = o.killAfterMs !== undefined ? setTimeout(() => child.kill('SIGKILL'), o.killAfterMs) : null;
    const guard = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 120_000);
    child.on('close', (code, signal) => {
      if (killer) clearTimeout(killer);
      if (afterOpen) clearTimeout(afterOpen);
      clearTimeout(guard);
      run.code = code;
      run.signal = signal;
      resolve(run);
    });
  });
}
