import { ipcRenderer } from 'electron';
import { CHANNELS } from '../../shared/api/envelope.js';
import type { StorePortLike } from '../main/preload-bridge.js';

/**
 * The renderer side's only IPC door: ask main for a port to the store and
 * resolve with it when it arrives. Only the port is used afterwards; no call
 * or result ever goes through ipcRenderer. Main answers at once for our own
 * windows, so a missing answer within the timeout means refused or broken.
 */
export function requestStorePort(timeoutMs = 15_000): Promise<StorePortLike> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      ipcRenderer.removeListener(CHANNELS.storePort, onPort);
      reject(new Error('store port not received'));
    }, timeoutMs);
    function onPort(event: Electron.IpcRendererEvent): void {
      const port = event.ports[0];
      if (!port) return;
      clearTimeout(timer);
      ipcRenderer.removeListener(CHANNELS.storePort, onPort);
      resolve(port);
    }
    ipcRenderer.on(CHANNELS.storePort, onPort);
    ipcRenderer.send(CHANNELS.requestStorePort);
  });
}
