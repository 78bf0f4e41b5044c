import { hash, randomBytes } from 'node:crypto';
import { objectHash } from '../domain/audit/audit-entry.js';
import type { SignInIdentity } from '../domain/portal/sign-in-identity.js';
import type { PortalSession } from '../store/store.js';

import type { RecordStore } from '../store/record-store.js';
import type { OutboxStore } from '../store/outbox-store.js';
import type { SessionStore } from '../store/session-store.js';
import type { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';

/** A session lasts a working day at most; signing in again is one click at the provider. */
export const SESSION_HOURS = 12;

/**
 * Server-side portal sessions. The browser holds a random 256-bit value; the store keeps
 * only its SHA-256, so a copy of the database cannot be replayed as a cookie. Any API
 * node can read a session, and signing out deletes it everywhere at once.
 */
export class PortalSessions {
  constructor(
    private readonly deps: {
      readonly store: SessionStore & OutboxStore & RecordStore;
      readonly clock: Clock;
      readonly audit: AuditLog;
    },
  ) {}

  /** Starts a session and returns the cookie value; each sign-in is logged against the subjects it may see. */
  async start(identity: SignInIdentity): Promise<{ cookieValue: string; session: PortalSession }> {
    const { store, clock, audit } = this.deps;
    const cookieValue = randomBytes(32).toString('base64url');
    const now = clock.now();
    const session: PortalSession = {
      idHash: hashOf(cookieValue),
      identities: identity.identities,
      roles: identity.roles,
      staffId: identity.staffId,
      institution: identity.institution,
      name: identity.name,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    };
    await store.saveSession(session);
    const subjectIds = await store.subjectIdsOf(identity.identities);
    // Notices about a subject go to the address its person signed in with last, kept by identifier
    // so that they reach the person even about a record that arrives after they signed in.
    if (identity.email && identity.identities.length > 0)
      await store.saveContact(identity.identities, identity.email, session.createdAt);
    await audit.recordReads(
      subjectIds.flatMap((subjectId) =>
        subjectId === undefined
          ? []
          : [
              {
                actor: { kind: 'subject', id: subjectId },
                action: 'portal.signed_in',
                subject: subjectId,
                object: { kind: 'subject', id: subjectId },
                objectHash: objectHash({ subjectId, signedInAt: session.createdAt }),
              } as const,
            ],
      ),
    );
    return { cookieValue, session };
  }

  /** The live session a cookie value names; an expired one is deleted and not returned. */
  async find(cookieValue: string | undefined): Promise<PortalSession | undefined> {
    if (!cookieValue) return undefined;
    const session = await this.deps.store.session(hashOf(cookieValue));
    if (!session) return undefined;
    if (session.expiresAt <= this.deps.clock.now().toISOString()) {
      await this.deps.store.endSession(session.idHash);
      return undefined;
    }
    return session;
  }

  /** Deletes every expired session (a session is never used after it expires; this only tidies up). */
  async purge(): Promise<number> {
    return this.deps.store.purgeSessions(this.deps.clock.now().toISOString());
  }

  async end(cookieValue: string | undefined): Promise<void> {
    if (cookieValue) await this.deps.store.endSession(hashOf(cookieValue));
  }
}

function hashOf(cookieValue: string): string {
  return hash('sha256', cookieValue, 'hex');
}
