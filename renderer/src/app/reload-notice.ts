import { notifications } from '@mantine/notifications';
import { useEffect } from 'react';

/**
 * A message that must outlive a page reload. After a restore the app reloads
 * at once (so no screen, cache or draft list keeps the replaced data); the
 * result ("restored", or "restored but not verified") is shown after it.
 */
const KEY = 'thidua.reloadNotice';

export interface ReloadNotice {
  color: 'teal' | 'orange';
  message: string;
}

export function reloadWithNotice(storage: Storage, notice: ReloadNotice, reload: () => void): void {
  storage.setItem(KEY, JSON.stringify(notice));
  reload();
}

/** The notice left before the reload, once: it is removed as it is read. */
export function takeReloadNotice(storage: Storage): ReloadNotice | null {
  const raw = storage.getItem(KEY);
  if (raw === null) return null;
  storage.removeItem(KEY);
  try {
    const n = JSON.parse(raw) as Partial<ReloadNotice>;
    return (n.color === 'teal' || n.color === 'orange') && typeof n.message === 'string' ? { color: n.color, message: n.message } : null;
  } catch {
    return null;
  }
}

/** Shows the notice left before the reload, if any (kept on screen until closed). */
export function useReloadNotice(storage: Storage): void {
  useEffect(() => {
    const notice = takeReloadNotice(storage);
    if (notice) notifications.show({ color: notice.color, message: notice.message, autoClose: false });
  }, [storage]);
}
