/**
 * Test hooks for the kill -9 harness: a named point in the write, open,
 * recovery and snapshot paths where a test child may SIGKILL itself. The
 * hook is built once at the composition root and passed in; production
 * builds it from an absent environment variable, which makes it a no-op.
 */
export type CrashHook = (point: string) => void;

export const noCrash: CrashHook = () => undefined;

/**
 * `THIDUA_CRASH_AT=point` or `point#n` (the n-th time the point is reached,
 * 1-based) makes the process kill itself with SIGKILL right there: no
 * cleanup, no flush, exactly like a power button held down (minus the page
 * cache, which the power-loss harness covers).
 */
export function crashHookFromEnv(env: NodeJS.ProcessEnv): CrashHook {
  const spec = env.THIDUA_CRASH_AT;
  if (!spec) return noCrash;
  const [point, nth] = spec.split('#');
  const target = Math.max(1, Number(nth ?? '1') || 1);
  let seen = 0;
  return (name) => {
    if (name !== point) return;
    seen += 1;
    if (seen === target) process.kill(process.pid, 'SIGKILL');
  };
}

/** Every point the store reaches, so a harness can choose among them. */
export const CRASH_POINTS = [
  'open:start',
  'open:after-journal',
  'open:after-pglite',
  'open:after-check',
  'recovery:after-move-aside',
  'recovery:after-load',
  'recovery:after-rename',
  'replay:before-entry',
  'replay:after-entry',
  'tx:before-body',
  'tx:before-commit',
  'tx:after-commit',
  'journal:before-write',
  'journal:after-write',
  'journal:after-fsync',
  'snapshot:after-checkpoint',
  'snapshot:after-dump',
  'snapshot:after-tmp-sync',
  'snapshot:after-rename',
  'snapshot:after-manifest',
  'snapshot:after-rotate',
  'close:after-snapshot',
] as const;
