/** What a subject disputes: one of their records, or one of their list entries (with the record behind it). */
export type DisputeTarget =
  | { readonly kind: 'record'; readonly recordId: string }
  | { readonly kind: 'list_entry'; readonly entryId: string; readonly recordId: string };

/** The source institution's answer: it stands by the record, corrected it, or withdrew it. */
export interface DisputeAnswer {
  readonly kind: 'verify' | 'correct' | 'withdraw';
  readonly reason: string;
  readonly answeredAt: string;
}

export const DISPUTE_OUTCOMES = ['upheld', 'rejected', 'partially_upheld'] as const;
export type DisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

/** A reviewer's decision; the subject sees the reasons. */
export interface DisputeDecision {
  readonly outcome: DisputeOutcome;
  readonly reasons: string;
  readonly reviewer: string;
  readonly decidedAt: string;
}

/** A subject's challenge to a record or list entry (design.md, principle 4). */
export interface Dispute {
  readonly id: string;
  readonly subjectId: string;
  readonly target: DisputeTarget;
  /** The source institution, which must answer. */
  readonly institution: string;
  readonly grounds: string;
  /** Shown beside the record while it stands (at most 100 words). */
  readonly statement: string | null;
  /** Whether the item stops counting while the dispute is open (pack: record type or list). */
  readonly suspends: boolean;
  readonly filedAt: string;
  readonly deadline: string;
  readonly answer: DisputeAnswer | null;
  readonly decision: DisputeDecision | null;
}

/**
 * Where a dispute stands at `at`, from its times alone: `lapsed` once the deadline has
 * passed without a decision (resolved in the subject's favour), with no job having run.
 */
export type DisputeStatus = 'open' | 'answered' | 'lapsed' | 'decided';

export function disputeStatus(dispute: Dispute, at: string): DisputeStatus {
  if (dispute.decision && dispute.decision.decidedAt <= at) return 'decided';
  if (dispute.deadline <= at) return 'lapsed';
  return dispute.answer && dispute.answer.answeredAt <= at ? 'answered' : 'open';
}

/**
 * Whether the disputed item is out of force at `at`: while open, if the pack says a
 * dispute suspends it; from the deadline on, always, if no decision came in time (the
 * record is unverified and stops counting until the source verifies it and a reviewer
 * accepts that). A decision ends the suspension: a rejected dispute leaves the record in
 * force, an upheld one has withdrawn or corrected it through a new version.
 */
export function suspendsAt(dispute: Dispute, at: string): boolean {
  if (at < dispute.filedAt) return false;
  const status = disputeStatus(dispute, at);
  if (status === 'decided') return false;
  return status === 'lapsed' || dispute.suspends;
}

/** The records that open disputes take out of a subject's rating at `at`. */
export function suspendedRecords(disputes: readonly Dispute[], at: string): Set<string> {
  return new Set(disputes.filter((d) => d.target.kind === 'record' && suspendsAt(d, at)).map((d) => d.target.recordId));
}

/**
 * The list entries that disputes suspend at `at`, by the rule screening follows (an undecided
 * dispute on a list that lets a dispute suspend), so a rating's band ceiling and a relying
 * party's check never disagree about whether an entry is in force.
 */
export function suspendedEntries(disputes: readonly Dispute[], at: string): Set<string> {
  const suspending = disputes.filter(
    (d) => d.suspends && d.filedAt <= at && !(d.decision && d.decision.decidedAt <= at),
  );
  return new Set(suspending.flatMap((d) => (d.target.kind === 'list_entry' ? [d.target.entryId] : [])));
}

/** Word count limit of a statement shown beside the record. */
export const STATEMENT_MAX_WORDS = 100;
export const GROUNDS_MAX_CHARACTERS = 2_000;

/** Words in a statement: runs of letters and digits for alphabetic scripts, each Han character as one. */
export function statementWords(text: string): number {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const other = text
    .replace(/\p{Script=Han}/gu, ' ')
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return han + other;
}
