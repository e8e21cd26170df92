import type { ReplayFailure } from './replay.js';

/** "14:05 ngày 23/11/2026", in the machine's local time (what the office's clock shows). */
export function formatDateTimeVi(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(date.getHours())}:${p(date.getMinutes())} ngày ${p(date.getDate())}/${p(date.getMonth() + 1)}/${date.getFullYear()}`;
}

export interface RecoveryFacts {
  at: Date;
  /** Why the database was not used as it was; null when it opened fine and only its tail was written back. */
  problem: string | null;
  snapshotAt: Date | null;
  brokenFolder: string | null;
  replayed: number;
  failed: readonly ReplayFailure[];
  /** Journal entries that could not be applied because no snapshot old enough survived. */
  unrecoverableBefore: number | null;
}

/** The Vietnamese notice shown once after the store had to repair itself: what happened, and what (if anything) was lost. */
export function recoveryNotice(f: RecoveryFacts): string {
  const parts: string[] = [];
  if (f.problem !== null) {
    parts.push(
      `Lúc ${formatDateTimeVi(f.at)}, cơ sở dữ liệu không mở được hoặc không qua được bước kiểm tra (có thể do mất điện hoặc tắt máy đột ngột).`,
    );
    parts.push(
      f.snapshotAt
        ? `Phần mềm đã tự khôi phục từ bản chụp dữ liệu lúc ${formatDateTimeVi(f.snapshotAt)} và ghi bù ${f.replayed} thay đổi từ nhật ký ghi.`
        : `Phần mềm đã dựng lại cơ sở dữ liệu từ nhật ký ghi (${f.replayed} thay đổi).`,
    );
    if (f.brokenFolder) parts.push(`Thư mục dữ liệu hỏng được giữ nguyên tại "${f.brokenFolder}" để kiểm tra, không bị xóa.`);
  } else {
    parts.push(
      `Lúc ${formatDateTimeVi(f.at)}, phần mềm phát hiện lần tắt trước không bình thường (mất điện hoặc tắt máy đột ngột) và đã ghi bù ${f.replayed} thay đổi từ nhật ký ghi.`,
    );
  }
  if (f.failed.length === 0 && f.unrecoverableBefore === null) {
    parts.push('Không mất dữ liệu nào đã được báo là đã lưu.');
  } else {
    if (f.unrecoverableBefore !== null) {
      parts.push(
        `Không còn bản chụp dữ liệu nào dùng được và nhật ký không còn giữ các thay đổi trước số ${f.unrecoverableBefore}: những thay đổi đó không khôi phục được. Hãy khôi phục từ bản sao lưu gần nhất.`,
      );
    }
    if (f.failed.length > 0) {
      parts.push(
        `Có ${f.failed.length} lần ghi không ghi bù được: ${f.failed.map((x) => `${x.what} (${x.error})`).join('; ')}. Hãy báo cho quản trị và kiểm tra lại các bản ghi này.`,
      );
    }
  }
  return parts.join(' ');
}
