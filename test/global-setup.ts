import { execFileSync } from 'node:child_process';

/**
 * Once per vitest run: build the Node-side bundles (tests that start a store
 * worker run the code that ships), and start the throwaway PostgreSQL 15 the
 * project's own script manages, so every test file finds TEST_DATABASE_URL.
 * Where PostgreSQL is not installed the PostgreSQL tests skip and say why.
 */
export default function setup(): () => void {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
  let startedHere = false;
  if (!process.env.TEST_DATABASE_URL) {
    let alreadyRunning = false;
    try {
      execFileSync('bash', ['scripts/pg-test-server.sh', 'status'], { stdio: 'ignore' });
      alreadyRunning = true;
    } catch {
      // Not running yet: start it below and stop it when the run ends.
    }
    try {
      const out = execFileSync('bash', ['scripts/pg-test-server.sh', 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 90_000 });
      const url = /DATABASE_URL=(\S+)/u.exec(out)?.[1];
      if (url) {
        process.env.TEST_DATABASE_URL = url;
        startedHere = !alreadyRunning;
      }
    } catch (error) {
      process.stderr.write(`PostgreSQL for tests not started: ${(error as { stderr?: string }).stderr ?? String(error)}\n`);
    }
  }
  return () => {
    if (startedHere) execFileSync('bash', ['scripts/pg-test-server.sh', 'stop'], { stdio: 'ignore' });
  };
}
