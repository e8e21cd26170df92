import type { StoreOpenFailure } from '../ipc/store-process-protocol.js';

/** Texts the shell itself shows (before the renderer exists or after the store stopped). */
export const SHELL_TEXT = {
  windowTitle: 'Thi Đua',
  openFailedTitle: 'Không mở được dữ liệu',
  storeStoppedTitle: 'Kho dữ liệu đã dừng',
  storeStopped:
    'Kho dữ liệu của phần mềm đã dừng bất ngờ. Phần mềm sẽ đóng lại; những gì đã lưu trước đó không bị mất. Hãy mở lại phần mềm.',
  startFailedTitle: 'Không khởi động được phần mềm',
} as const;

/** The dialog text when the shell itself could not start (the window could not be created or loaded). */
export function startFailedMessage(detail: string): string {
  return `Phần mềm gặp lỗi khi khởi động và sẽ đóng lại. Dữ liệu đã lưu không bị ảnh hưởng. Hãy mở lại phần mềm; nếu lỗi lặp lại, hãy cài đặt lại phần mềm.\n\nChi tiết kỹ thuật (gửi cho bộ phận hỗ trợ): ${detail}`;
}

/** The dialog text when the store process could not open the data folder. */
export function openFailedMessage(reason: StoreOpenFailure, detail: string, dataDir: string): string {
  if (reason === 'data_locked') {
    // The store's own message already names the folder and the holding process, in Vietnamese.
    return `${detail}\n\nNếu không có chương trình nào khác đang mở, hãy khởi động lại máy rồi mở lại phần mềm.`;
  }
  return [
    'Phần mềm không mở được thư mục dữ liệu nên sẽ đóng lại. Dữ liệu đã có không bị xóa.',
    `Thư mục dữ liệu: ${dataDir}`,
    detail ? `Chi tiết kỹ thuật (gửi cho bộ phận hỗ trợ): ${detail}` : '',
  ]
    .filter(Boolean)
    .join('\n\n');
}
