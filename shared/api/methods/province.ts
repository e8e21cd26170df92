import { z } from 'zod';
import { command, query } from '../define.js';
import { idSchema, optionalText, requiredText } from '../../schema/text.js';

export interface ProvinceServerView {
  running: boolean;
  /** Saved choice: listen again at the next start. */
  enabled: boolean;
  host: string;
  port: number;
  /** Addresses an office types into its Đồng bộ screen (LAN addresses when listening on every interface). */
  urls: string[];
  /** Why the last start failed, in Vietnamese. */
  error: string | null;
}

export interface ProvinceStatusView {
  /** The office's root unit is a provincial body: the hub runs in this store. */
  province: boolean;
  hubUnitId: string | null;
  hubName: string | null;
  activeDevices: number;
  server: ProvinceServerView;
}

export interface EnrolmentCodeView {
  /** A short key for the list (never the code nor enough of its hash to test guesses). */
  key: string;
  unitName: string;
  /** Set when the code re-enrols a known office (replaced PC). */
  unitId: string | null;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  status: 'waiting' | 'used' | 'expired' | 'revoked';
}

export interface ProvinceDeviceView {
  id: string;
  unitId: string;
  unitName: string;
  deviceName: string;
  enrolledAt: string;
  /** Last message the hub accepted from this device (a sync or a USB bundle). */
  lastSeenAt: string | null;
  /** Rows of this office the hub holds. */
  rowsHeld: number;
  /** Outbox position the hub has acknowledged. */
  uploadCursor: number;
  revokedAt: string | null;
  revokeReason: string | null;
}

export interface BundleImportView {
  importId: string;
  officeName: string;
  unitId: string;
  importedAt: string;
  rowsInBundle: number;
  rowsApplied: number;
  /** Rows the hub already had at that version (sent earlier by HTTP or another bundle). */
  duplicatesIgnored: number;
  attachments: number;
  chunks: number;
  /** Rows from the province carried back in the answer bundle. */
  rowsForOffice: number;
  /** The same file was imported before: nothing changed; its answer can be saved again. */
  alreadyImported: boolean;
  answerFileName: string;
}

export const provinceQueries = {
  'province.status': query<ProvinceStatusView>()(z.object({}), 'user'),
  'province.codes.list': query<EnrolmentCodeView[]>()(z.object({}), ['admin', 'head']),
  'province.devices.list': query<ProvinceDeviceView[]>()(z.object({}), ['admin', 'head']),
  'province.bundles.list': query<BundleImportView[]>()(z.object({}), ['admin', 'head']),
};

export const provinceCommands = {
  /** Shown once: the code is stored only as a hash. */
  'province.codes.create': command<{ code: string; expiresAt: string; unitName: string; unitId: string | null }>()(
    z.object({
      unitName: requiredText('Tên đơn vị', 200),
      /** An office already enrolled (its PC was replaced): the new device takes over its data. */
      unitId: idSchema.nullish(),
      ttlHours: z.number({ error: 'Thời hạn: phải là số giờ.' }).int({ error: 'Thời hạn: số giờ nguyên.' }).min(1, { error: 'Thời hạn: ít nhất 1 giờ.' }).max(720, { error: 'Thời hạn: nhiều nhất 720 giờ (30 ngày).' }).default(72),
    }),
    ['admin', 'head'],
  ),
  'province.devices.revoke': command<{ revoked: boolean }>()(
    z.object({
      deviceId: idSchema,
      reason: requiredText('Lý do thu hồi', 500),
      confirm: z.literal(true, { error: 'Hãy xác nhận việc thu hồi.' }),
    }),
    ['admin', 'head'],
  ),
  'province.bundles.import': command<BundleImportView>()(
    z.object({ base64: z.string().min(1, { error: 'Tệp gói dữ liệu trống.' }).max(700_000_000, { error: 'Tệp gói dữ liệu quá lớn.' }), fileName: optionalText('Tên tệp', 300) }),
    ['admin', 'head'],
  ),
  'province.bundles.exportAnswer': command<{ fileName: string; base64: string }>()(z.object({ importId: idSchema }), ['admin', 'head']),
  'province.server': command<ProvinceServerView>()(
    z.object({
      listen: z.boolean(),
      host: z.string().trim().regex(/^(0\.0\.0\.0|127\.0\.0\.1|\d{1,3}(\.\d{1,3}){3}|localhost)$/u, { error: 'Địa chỉ lắng nghe: dạng 0.0.0.0 (mọi mạng) hoặc một địa chỉ IPv4.' }).optional(),
      port: z.number({ error: 'Cổng: phải là số.' }).int({ error: 'Cổng: số nguyên.' }).min(1024, { error: 'Cổng: từ 1024 đến 65535.' }).max(65535, { error: 'Cổng: từ 1024 đến 65535.' }).optional(),
    }),
    ['admin'],
  ),
};
