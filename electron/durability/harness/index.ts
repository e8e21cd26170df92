/** Entry for scripts/crash-harness.mjs and scripts/powerloss-harness.mjs (bundled to dist-electron/durability-harness.mjs). */
export { runKillHarness } from './kill-harness.js';
export { runPowerLossHarness } from './powerloss-harness.js';
