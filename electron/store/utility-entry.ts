import { createPrintClient } from '../ipc/print-client.js';
import { dataDirFromArgv, parseToStoreProcess, type FromStoreProcess } from '../ipc/store-process-protocol.js';
import { DataFolderLockedError } from './data-lock.js';
import { openStore, type Store, type StoreOptions } from './open-store.js';
import type { Port } from './port-protocol.js';
import { servePort } from './store-host.js';

/** Electron's MessagePortMain, as far as the store uses it. */
export interface PortMainLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
}

/** process.parentPort in an Electron utilityProcess. */
export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: PortMainLike[] }) => void): unknown;
  postMessage(message: FromStoreProcess): void;
}

/** Adapts a MessagePortMain to the store's Port (Electron wraps each message in an event with .data). */
export function adaptPortMain(port: PortMainLike): Port {
  return {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => {
      port.on('message', (event) => listener(event.data));
      port.start();
    },
    onClose: (listener) => {
      port.on('close', listener);
    },
  };
}

export interface StoreProcessOptions {
  dataDir: string | null;
  open?: (options: StoreOptions) => Promise<Store>;
  exit?: (code: number) => void;
}

/**
 * The store process (Electron utilityProcess): opens the store on the data
 * folder it was given, serves every window port main hands it, and on
 * 'close' drains writes, closes PGlite and releases the folder lock before
 * exiting. Ports that arrive while the store is still opening wait for it.
 */
export async function runStoreProcess(parent: ParentPortLike, options: StoreProcessOptions): Promise<void> {
  const open = options.open ?? openStore;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let store: Store | null = null;
  let closing = false;
  const waiting: PortMainLike[] = [];
  let markOpened: (store: Store | null) => void = () => undefined;
  // Settles once opening has finished either way, so a close never cuts PGlite off mid-initdb.
  const opened = new Promise<Store | null>((resolve) => {
    markOpened = resolve;
  });

  // Printing happens in the main process (only it can make a Chromium page); see print-service.ts.
  const printing = createPrintClient((request) => parent.postMessage(request));

  parent.on('message', (event) => {
    const message = parseToStoreProcess(event.data);
    if (!message) return;
    if (message.kind === 'print-result') {
      printing.receive(message);
      return;
    }
    if (message.kind === 'connect') {
      const port = event.ports[0];
      if (!port || closing) return;
      if (store) servePort(store, adaptPortMain(port));
      else waiting.push(port);
      return;
    }
    if (closing) return;
    closing = true;
    printing.failAll('phần mềm đang đóng');
    void opened
      .then((s) => s?.close())
      .then(
        () => 0,
        () => 1,
      )
      .then((code) => {
        parent.postMessage({ kind: 'closed' });
        exit(code);
      });
  });

  if (!options.dataDir) {
    markOpened(null);
    parent.postMessage({ kind: 'failed', reason: 'open_failed', message: 'store process started without a data folder' });
    exit(2);
    return;
  }
  try {
    const s = await open({ dataDir: options.dataDir, pdf: printing.factory });
    markOpened(s);
    if (closing) return;
    store = s;
    for (const port of waiting.splice(0)) servePort(s, adaptPortMain(port));
    parent.postMessage({ kind: 'ready' });
  } catch (error) {
    markOpened(null);
    const reason = error instanceof DataFolderLockedError ? 'data_locked' : 'open_failed';
    parent.postMessage({ kind: 'failed', reason, message: error instanceof Error ? error.message : String(error) });
    if (!closing) exit(1);
  }
}

// Electron sets process.parentPort only inside a utilityProcess; importing this file elsewhere (tests) runs nothing.
const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) void runStoreProcess(parentPort, { dataDir: dataDirFromArgv(process.argv) });
