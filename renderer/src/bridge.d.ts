import type { ThiDuaBridge } from '../../shared/api/client.js';

declare global {
  interface Window {
    /** Present only in the desktop app (the Electron preload); the web build uses HTTP. */
    thidua?: ThiDuaBridge;
  }
}
