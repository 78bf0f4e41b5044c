import type { AuditDraft } from '../domain/audit/audit-entry.js';
import type { Dispute } from '../domain/disputes/dispute.js';
import type { Evidence } from '../domain/disputes/evidence.js';
import type { OutboxMessage } from '../domain/notifications/outbox-message.js';
import type { CorrectionNotice } from '../domain/feed/feed-event.js';

/** Disputes, their evidence files, answers, decisions and lapses. Each method is one transaction. */
export interface DisputeStore {
  /**
   * Stores a new dispute, its feed event (so ratings follow), its audit entry and its
   * notifications, in one transaction.
   */
  fileDispute(dispute: Dispute, draft: AuditDraft, messages?: readonly OutboxMessage[]): Promise<void>;
  /**
   * Replaces a dispute's answer or decision (nothing else changes), with its feed event,
   * any correction events for prior recipients, and its audit entry.
   */
  updateDispute(
    dispute: Dispute,
    change: 'dispute.answered' | 'dispute.decided',
    draft: AuditDraft,
    corrections?: readonly CorrectionNotice[],
    messages?: readonly OutboxMessage[],
  ): Promise<void>;
  /** Stores a file added to a dispute, with its audit entry, in one transaction. */
  addEvidence(evidence: Evidence, content: Uint8Array, draft: AuditDraft): Promise<void>;
  /** The files of a dispute, without content, in the order added. */
  evidenceOf(disputeId: string): Promise<Evidence[]>;
  evidenceContent(evidenceId: string): Promise<{ evidence: Evidence; content: Uint8Array } | undefined>;
  /** Every dispute, a page at a time in id order (for the public accountability figures). */
  disputesPage(after: string | undefined, limit: number): Promise<Dispute[]>;
  /** Undecided disputes whose deadline has passed by `at` and whose lapse is not announced yet. */
  unannouncedLapses(at: string, limit: number): Promise<Dispute[]>;
  /**
   * Announces a lapse once (false when another node already did): marks it, appends
   * `dispute.lapsed` and the correction, and the audit entry, in one transaction.
   */
  announceLapse(
    dispute: Dispute,
    draft: AuditDraft,
    correction: CorrectionNotice | undefined,
    messages?: readonly OutboxMessage[],
  ): Promise<boolean>;
  dispute(id: string): Promise<Dispute | undefined>;
  /** The disputes of these subjects, each subject's in filing order. */
  disputesOf(subjectIds: readonly string[]): Promise<Dispute[]>;
  /** An institution's disputes without a decision, soonest deadline first. */
  undecidedDisputes(institution: string | undefined, limit: number): Promise<Dispute[]>;
}
