import type { OutboxMessage } from '../notifications/outbox-message.js';
import type { ListEffects } from '../lists/list-effects.js';
import type { SubjectKind } from '../subject-kind.js';

/** The identifier of a subject as an institution names it, after normalisation. */
export interface SubjectIdentifier {
  readonly scheme: string;
  readonly value: string;
}

/** A record submission that passed every check and is ready to store. */
export interface CheckedSubmission {
  /** The submitting institution, as authenticated. */
  readonly institution: string;
  readonly type: string;
  readonly sourceRef: string;
  readonly subject: SubjectIdentifier & { readonly kind: SubjectKind; readonly name?: string };
  /** Valid time: when the fact took effect (RFC 3339, normalised to UTC). */
  readonly effectiveAt: string;
  readonly payload: Readonly<Record<string, unknown>>;
  /** The payload as canonical JSON (RFC 8785): what the store keeps. */
  readonly payloadJson: string;
  /** SHA-256 of the submission's fields and canonical payload, to tell a resubmission from a conflict. */
  readonly bodyHash: string;
}

/**
 * What the store needs of a checked submission: the payload as text, not as an object,
 * and what accepting it does to the enforcement lists (absent: nothing).
 */
export type StorableSubmission = Omit<CheckedSubmission, 'payload'> & {
  readonly listEffects?: ListEffects;
  /** A message to its subject, sent only if the record is stored (written in the same transaction). */
  readonly notice?: OutboxMessage;
};

/** How a version came about: records are never updated in place (principle 2). */
export type RecordAction = 'submitted' | 'corrected' | 'withdrawn';

export interface RecordVersion {
  readonly version: number;
  readonly action: RecordAction;
  readonly effectiveAt: string;
  /** Recorded time: when Probity stored this version. */
  readonly recordedAt: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly reason?: string;
}

/** A record with its whole version history, oldest first. */
export interface StoredRecord {
  readonly id: string;
  readonly subjectId: string;
  readonly subjectKind: SubjectKind;
  readonly institution: string;
  readonly sourceRef: string;
  readonly type: string;
  readonly versions: readonly RecordVersion[];
}

export type RecordStatus = 'active' | 'corrected' | 'withdrawn';

/** The status a record has now, from its latest version. */
export function recordStatus(record: StoredRecord): RecordStatus {
  const latest = record.versions.at(-1);
  if (!latest || latest.action === 'submitted') return 'active';
  return latest.action;
}
