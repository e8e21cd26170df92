import { contextBridge } from 'electron';
import type { ThiDuaBridge } from '../../shared/api/client.js';
import { requestStorePort } from '../ipc/preload-ipc.js';
import { createBridge } from './preload-bridge.js';

/**
 * The preload (sandboxed, CommonJS bundle): exposes exactly one object,
 * window.thidua, to the isolated page. Its shape is ThiDuaBridge from
 * shared/api/client.ts, checked here with satisfies.
 */
const bridge = createBridge(() => requestStorePort()) satisfies ThiDuaBridge;
contextBridge.exposeInMainWorld('thidua', bridge);
