import type { SyncErrorCode } from '../../shared/sync/protocol.js';

const STATUS: Record<SyncErrorCode, number> = {
  protocol_too_old: 426,
  protocol_too_new: 426,
  bad_request: 400,
  too_large: 413,
  bad_signature: 401,
  unknown_device: 401,
  revoked: 403,
  replay: 409,
  bad_code: 403,
  code_expired: 403,
  code_used: 403,
  scope: 403,
  gap: 409,
  rate_limited: 429,
  bad_bundle: 400,
  wrong_recipient: 400,
  busy: 503,
};

/** A refusal with a stable code, an HTTP status and a Vietnamese message for the office's screen. */
export class SyncError extends Error {
  readonly code: SyncErrorCode;
  readonly status: number;
  readonly cursor: number | undefined;
  readonly supported: { min: number; max: number } | undefined;

  constructor(code: SyncErrorCode, message: string, extra: { cursor?: number; supported?: { min: number; max: number } } = {}) {
    super(message);
    this.name = 'SyncError';
    this.code = code;
    this.status = STATUS[code];
    this.cursor = extra.cursor;
    this.supported = extra.supported;
  }

  toBody() {
    return {
      ok: false as const,
      error: {
        code: this.code,
        message: this.message,
        ...(this.cursor !== undefined ? { cursor: this.cursor } : {}),
        ...(this.supported ? { supported: this.supported } : {}),
      },
    };
  }
}

export const MSG = {
  badBundle: 'Gói dữ liệu đồng bộ bị hỏng hoặc bị cắt cụt (có thể do chép tệp chưa xong hoặc đường truyền bị ngắt). Hãy xuất lại gói hoặc đồng bộ lại.',
  badSignature: 'Chữ ký của gói dữ liệu không đúng: gói đã bị sửa đổi hoặc không phải do máy đã đăng ký tạo ra. Không có dữ liệu nào được ghi.',
  unknownDevice: 'Máy này chưa được đăng ký với trạm của tỉnh (hoặc đăng ký đã bị xóa). Hãy xin Sở Tư pháp mã đăng ký mới.',
  revoked: 'Máy này đã bị Sở Tư pháp thu hồi quyền đồng bộ. Hãy liên hệ Sở để được cấp mã đăng ký mới.',
  replay: 'Gói dữ liệu này đã được nhận trước đây; không ghi lại lần nữa.',
  scope: 'Gói dữ liệu có bản ghi không thuộc đơn vị của máy này; trạm từ chối toàn bộ gói, không ghi gì.',
  wrongRecipient: 'Gói dữ liệu này không dành cho nơi nhập (gửi cho trạm hoặc đơn vị khác).',
  badRequest: 'Dữ liệu đồng bộ không hợp lệ; trạm không ghi gì. Nếu lặp lại, hãy báo cho quản trị.',
  tooLarge: 'Yêu cầu đồng bộ quá lớn; trạm từ chối. Phần mềm sẽ chia nhỏ và gửi lại.',
  rateLimited: 'Máy gửi yêu cầu quá dồn dập; hãy đợi vài giây rồi đồng bộ lại.',
  badCode: 'Mã đăng ký không đúng. Hãy kiểm tra lại mã do Sở Tư pháp cấp (không phân biệt chữ hoa, chữ thường).',
  codeExpired: 'Mã đăng ký đã hết hạn. Hãy xin Sở Tư pháp cấp mã mới.',
  codeUsed: 'Mã đăng ký này đã được dùng cho một máy khác. Mỗi mã chỉ dùng một lần; hãy xin mã mới.',
} as const;
