import { isAppUrl } from '../main/app-protocol.js';

/** The parts of an IPC event the sender check reads (IpcMainEvent has them). */
export interface SenderInfo {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

/**
 * True only for a message from the top frame of one of the app's own
 * windows showing an app:// page. Anything else (a frame that navigated
 * elsewhere, a sub-frame, a webContents we did not create, a frame already
 * gone) is refused: the store port is the keys to every record.
 */
export function isTrustedSender(event: SenderInfo, ownWebContentsIds: ReadonlySet<number>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  if (frame.parent !== null) return false;
  if (!ownWebContentsIds.has(event.sender.id)) return false;
  return isAppUrl(frame.url);
}
