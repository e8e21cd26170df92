import { execFileSync } from 'node:child_process';

/** Builds the Node-side bundles once, so tests that start a store worker run the code that ships. */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/build-node.mjs'], { stdio: 'inherit' });
}
