import { openStore, type Store } from '../../electron/store/open-store.js';
import { inProcessClient } from '../../electron/transports/in-process.js';
import type { ApiClient } from '../../shared/api/client.js';
import type { Logger } from '../../electron/store/deps.js';

export const quietLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export const OFFICE_SETUP = {
  office: {
    name: 'Phòng Tư pháp huyện Mường Nhé',
    shortName: 'PTP',
    level: 'district_office' as const,
    parentName: 'Ủy ban nhân dân huyện Mường Nhé',
    province: 'Điện Biên',
    placeName: 'Mường Nhé',
  },
  admin: { displayName: 'Lò Văn Thành', username: 'admin', password: 'matkhau123' },
};

/** An in-memory store with the office configured and an admin signed in. */
export async function configuredStore(): Promise<{ store: Store; api: ApiClient; officeUnitId: string }> {
  const store = await openStore({ logger: quietLogger });
  const api = inProcessClient(store);
  const session = await api.call('system.setup', OFFICE_SETUP);
  api.setSession(session.token);
  return { store, api, officeUnitId: session.officeUnitId };
}
