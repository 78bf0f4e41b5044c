import type { AuditDraft } from '../domain/audit/audit-entry.js';
import type { PublicSubject, PublicSubjectSearch, StoredAttestation } from './store.js';

/**
 * What the public pages and signed reports read and keep: organizations by name, attestations. Each
 * method is one transaction.
 */
export interface PortalStore {
  /** Organizations and government bodies by a part of their name or by identifier; never persons. */
  publicSubjects(search: PublicSubjectSearch, limit: number): Promise<PublicSubject[]>;
  /** Stores an attestation and appends the audit entry of its issue, in one transaction. */
  saveAttestation(attestation: StoredAttestation, draft: AuditDraft): Promise<void>;
  attestation(id: string): Promise<StoredAttestation | undefined>;
}
