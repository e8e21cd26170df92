import { randomBytes } from 'node:crypto';
import type { Role } from '../../shared/api/define.js';

export interface Session {
  token: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  officeUnitId: string;
  lastSeen: number;
}

/**
 * Sessions live in the store process's memory only: a restart asks people to
 * sign in again, and nothing secret is written to disk. Idle sessions expire.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly clock: () => Date,
    private readonly idleMs = 12 * 60 * 60 * 1000,
  ) {}

  create(data: Omit<Session, 'token' | 'lastSeen'>): Session {
    const session: Session = { ...data, token: randomBytes(24).toString('base64url'), lastSeen: this.clock().getTime() };
    this.sessions.set(session.token, session);
    return session;
  }

  get(token: string | undefined): Session | null {
    if (!token) return null;
    const s = this.sessions.get(token);
    if (!s) return null;
    const now = this.clock().getTime();
    if (now - s.lastSeen > this.idleMs) {
      this.sessions.delete(token);
      return null;
    }
    s.lastSeen = now;
    return s;
  }

  delete(token: string): void {
    this.sessions.delete(token);
  }

  /** When a user is deactivated or their role changes, their open sessions end. */
  revokeUser(userId: string): void {
    for (const [token, s] of this.sessions) if (s.userId === userId) this.sessions.delete(token);
  }
}
