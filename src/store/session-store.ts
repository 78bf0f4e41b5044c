import type { PortalSession } from './store.js';

/** Portal sessions. Each method is one transaction. */
export interface SessionStore {
  saveSession(session: PortalSession): Promise<void>;
  /** The session with this id hash, whether or not it has expired (the caller compares times). */
  session(idHash: string): Promise<PortalSession | undefined>;
  endSession(idHash: string): Promise<void>;
  /** Deletes the sessions that expired by `at`; resolves with how many. */
  purgeSessions(at: string): Promise<number>;
}
