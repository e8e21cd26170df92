/**
 * Control messages between the main process and the store process (an
 * Electron utilityProcess). Calls never travel here: each window gets its own
 * MessagePort straight to the store, and this channel only hands those ports
 * over, reports whether the store opened, and asks it to close.
 */
export type ToStoreProcess =
  /** Carries one transferred MessagePortMain: serve it like a window. */
  | { kind: 'connect' }
  /** Drain the write queue, close PGlite, release the folder lock, exit. */
  | { kind: 'close' };

export type StoreOpenFailure = 'data_locked' | 'open_failed';

export type FromStoreProcess =
  | { kind: 'ready' }
  | { kind: 'failed'; reason: StoreOpenFailure; message: string }
  | { kind: 'closed' };

/** The data folder travels on the command line, so the store can open before any message arrives. */
export const DATA_DIR_ARG = '--thidua-data-dir';

export function dataDirFromArgv(argv: readonly string[]): string | null {
  const i = argv.indexOf(DATA_DIR_ARG);
  const value = i >= 0 ? argv[i + 1] : undefined;
  return value && !value.startsWith('--') ? value : null;
}

function kindOf(message: unknown): unknown {
  return typeof message === 'object' && message !== null ? (message as { kind?: unknown }).kind : undefined;
}

export function parseToStoreProcess(message: unknown): ToStoreProcess | null {
  const kind = kindOf(message);
  return kind === 'connect' || kind === 'close' ? { kind } : null;
}

export function parseFromStoreProcess(message: unknown): FromStoreProcess | null {
  const kind = kindOf(message);
  if (kind === 'ready' || kind === 'closed') return { kind };
  if (kind === 'failed') {
    const m = message as { reason?: unknown; message?: unknown };
    const reason: StoreOpenFailure = m.reason === 'data_locked' ? 'data_locked' : 'open_failed';
    return { kind, reason, message: typeof m.message === 'string' ? m.message : '' };
  }
  return null;
}
