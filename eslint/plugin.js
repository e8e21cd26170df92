import { disableNeedsReason } from './directive-reasons.js';
import { importBoundaries } from './import-boundaries.js';
import { ipcOnlyInAdapters } from './ipc-adapters.js';

/** The project's own lint rules, registered as plugin `local`. */
export default {
  meta: { name: 'thidua-local' },
  rules: {
    'import-boundaries': importBoundaries,
    'ipc-only-in-adapters': ipcOnlyInAdapters,
    'disable-needs-reason': disableNeedsReason,
  },
};
