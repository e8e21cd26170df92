import type { SessionInfo } from '../../../shared/domain/users.js';

const SESSION_KEY = 'thidua.session';

/** The session lives in sessionStorage: a reload stays signed in, closing the window signs out. */
export function loadSession(storage: Storage): SessionInfo | null {
  const raw = storage.getItem(SESSION_KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as SessionInfo;
    return typeof parsed.token === 'string' && typeof parsed.user?.id === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export function saveSession(storage: Storage, session: SessionInfo | null): void {
  if (session) storage.setItem(SESSION_KEY, JSON.stringify(session));
  else storage.removeItem(SESSION_KEY);
}
