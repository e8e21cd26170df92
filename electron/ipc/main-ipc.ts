import { ipcMain, MessageChannelMain, type IpcMainEvent, type MessagePortMain } from 'electron';
import { CHANNELS } from '../../shared/api/envelope.js';
import { isTrustedSender } from './sender-check.js';

export interface StorePortBrokerDeps {
  /** webContents ids of the windows this app created (read at each request: windows come and go). */
  ownWebContentsIds(): ReadonlySet<number>;
  /** Hands the store's end of a fresh channel to the store process. */
  connectStore(port: MessagePortMain): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The main process's only IPC door (with preload-ipc.ts on the other side).
 * A window asks for a port; if it is one of ours, showing app://, main makes
 * a MessageChannelMain, gives one end to the store process and the other to
 * the window. Main never sees a call: they go straight to the store process.
 * Returns a function that removes the listener.
 */
export function registerStorePortBroker(deps: StorePortBrokerDeps): () => void {
  const onRequest = (event: IpcMainEvent): void => {
    if (!isTrustedSender(event, deps.ownWebContentsIds())) {
      deps.warn('store port refused: sender is not an app window', { url: event.senderFrame?.url ?? null, webContentsId: event.sender.id });
      return;
    }
    const { port1, port2 } = new MessageChannelMain();
    deps.connectStore(port1);
    event.sender.postMessage(CHANNELS.storePort, null, [port2]);
  };
  ipcMain.on(CHANNELS.requestStorePort, onRequest);
  return () => {
    ipcMain.removeListener(CHANNELS.requestStorePort, onRequest);
  };
}
