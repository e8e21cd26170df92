import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../shared/api/envelope.js';

// The electron module cannot load in plain Node (it tries to download its binary): the adapter gets fakes.
const electron = vi.hoisted(() => {
  const listeners = new Map<string, ((event: unknown) => void)[]>();
  let channels = 0;
  return {
    listeners,
    ipcMain: {
      on(channel: string, l: (event: unknown) => void) {
        listeners.set(channel, [...(listeners.get(channel) ?? []), l]);
      },
      removeListener(channel: string, l: (event: unknown) => void) {
        listeners.set(channel, (listeners.get(channel) ?? []).filter((x) => x !== l));
      },
    },
    MessageChannelMain: class {
      readonly port1: { side: 'store'; n: number };
      readonly port2: { side: 'window'; n: number };
      constructor() {
        channels += 1;
        this.port1 = { side: 'store', n: channels };
        this.port2 = { side: 'window', n: channels };
      }
    },
  };
});
vi.mock('electron', () => ({ ipcMain: electron.ipcMain, MessageChannelMain: electron.MessageChannelMain }));

const { registerStorePortBroker } = await import('../../electron/ipc/main-ipc.js');
const { isTrustedSender } = await import('../../electron/ipc/sender-check.js');

function request(event: { senderId: number; url: string | null; parent?: unknown }) {
  const posted: { channel: string; message: unknown; ports: unknown[] }[] = [];
  const ipcEvent = {
    sender: { id: event.senderId, postMessage: (channel: string, message: unknown, ports: unknown[]) => posted.push({ channel, message, ports }) },
    senderFrame: event.url === null ? null : { url: event.url, parent: event.parent ?? null },
  };
  for (const l of electron.listeners.get(CHANNELS.requestStorePort) ?? []) l(ipcEvent);
  return posted;
}

describe('store port broker (ipcMain adapter)', () => {
  const connected: unknown[] = [];
  const warnings: string[] = [];
  let unregister: () => void = () => undefined;
  beforeEach(() => {
    unregister();
    connected.length = 0;
    warnings.length = 0;
    unregister = registerStorePortBroker({
      ownWebContentsIds: () => new Set([7]),
      connectStore: (port) => connected.push(port),
      warn: (m) => warnings.push(m),
    });
  });

  it("hands our own app:// window one end of a new channel and the store the other", () => {
    const posted = request({ senderId: 7, url: 'app://thidua/index.html#/can-bo' });
    expect(posted).toHaveLength(1);
    expect(posted[0]?.channel).toBe(CHANNELS.storePort);
    expect(posted[0]?.ports).toEqual([expect.objectContaining({ side: 'window' })]);
    expect(connected).toEqual([expect.objectContaining({ side: 'store' })]);
    const windowPort = posted[0]?.ports[0] as { n: number };
    expect((connected[0] as { n: number }).n).toBe(windowPort.n);
  });

  it.each([
    ['a remote page in our window', { senderId: 7, url: 'https://evil.example/' }],
    ['a file:// page in our window', { senderId: 7, url: 'file:///C:/Users/x/a.html' }],
    ['another app:// host', { senderId: 7, url: 'app://evil/index.html' }],
    ['a sub-frame of our window', { senderId: 7, url: 'app://thidua/index.html', parent: { url: 'app://thidua/index.html' } }],
    ['a webContents we did not create', { senderId: 99, url: 'app://thidua/index.html' }],
    ['a frame that is already gone', { senderId: 7, url: null }],
  ])('rejects %s: no port is created or sent', (_name, event) => {
    const posted = request(event);
    expect(posted).toEqual([]);
    expect(connected).toEqual([]);
    expect(warnings).toEqual(['store port refused: sender is not an app window']);
  });

  it('stops listening once unregistered', () => {
    unregister();
    expect(request({ senderId: 7, url: 'app://thidua/index.html' })).toEqual([]);
  });

  it('isTrustedSender reads the window set at each call', () => {
    const ids = new Set<number>();
    const event = { sender: { id: 3 }, senderFrame: { url: 'app://thidua/index.html', parent: null } };
    expect(isTrustedSender(event, ids)).toBe(false);
    ids.add(3);
    expect(isTrustedSender(event, ids)).toBe(true);
  });
});
