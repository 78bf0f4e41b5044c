import type { AuditDraft } from '../domain/audit/audit-entry.js';
import type { StoredAuditEntry, StoredCheckpoint } from './store.js';

/**
 * The audit log: entries, the Merkle subtrees they complete, and signed checkpoints. Each method is
 * one transaction.
 */
export interface AuditStore {
  /**
   * Appends entries to the audit log in one transaction, numbering them in order and
   * storing the Merkle subtrees they complete; resolves with the first entry's seq.
   */
  appendAudit(drafts: readonly AuditDraft[]): Promise<number>;
  /**
   * How many reads a bulk operation (a batch of checks) best logs per `appendAudit`: SQLite's
   * commit blocks the event loop, so larger groups pay it less often; PostgreSQL's is a round
   * trip across which the group's objects stay alive, and smaller groups keep the garbage
   * collector's work down. Measured in docs/performance.md ("Screening").
   */
  readonly readsPerAppend: number;
  /**
   * Appends an entry unless the latest one appended through this method in the same series
   * has the same object hash; true if it appended. For publications (a pack, a rulebook put
   * into use) and for reads counted once per window (a report's verification link, per hour).
   */
  publish(series: string, draft: AuditDraft): Promise<boolean>;
  /** How many entries the log holds. */
  auditSize(): Promise<number>;
  /** Entries with start <= seq < end, in order, with the leaf hashes stored when they were appended. */
  auditEntries(start: number, end: number): Promise<StoredAuditEntry[]>;
  /** Entries about one subject with seq >= from, in order, at most `limit`. */
  auditEntriesAbout(subjectId: string, from: number, limit: number): Promise<StoredAuditEntry[]>;
  /** Stored Merkle subtree hashes by node id (domain/merkle/tree-nodes); missing ids are absent. */
  auditNodes(ids: readonly number[]): Promise<Map<number, Uint8Array>>;
  /** Keeps a signed checkpoint; saving one for a size already kept is a no-op. */
  saveCheckpoint(checkpoint: StoredCheckpoint): Promise<void>;
  /** The checkpoint of the largest size, or undefined before the first. */
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;
  /**
   * Kept checkpoints, smallest size first: all of them up to `limit`, beyond that about
   * `limit` spread evenly over the log, always with the latest (a busy log keeps two a second).
   */
  checkpoints(limit: number): Promise<StoredCheckpoint[]>;
}
