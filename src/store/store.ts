import type { RecordVersion, StorableSubmission, StoredRecord } from '../domain/records/record.js';
import type { SubjectKind } from '../domain/subject-kind.js';

/** One event of the ordered, gap-free change feed; later parts (audit, screening) consume it. */
export interface FeedEvent {
  readonly seq: number;
  readonly type: FeedEventType;
  readonly subjectId: string;
  readonly recordId: string | null;
  readonly recordedAt: string;
}

export type FeedEventType = 'subject.created' | 'record.accepted' | 'record.corrected' | 'record.withdrawn';

/** A batch of checked submissions, stored in one transaction. */
export interface IngestBatch {
  readonly items: readonly StorableSubmission[];
  readonly recordedAt: string;
  /** Makes a new opaque id (ULID) for a record or subject. */
  readonly newId: () => string;
}

/** What the store did with one item: stored it, or found its (institution, sourceRef) already taken. */
export type StoredOutcome =
  | { readonly status: 'inserted'; readonly id: string }
  | { readonly status: 'exists'; readonly id: string; readonly bodyHash: string };

/** A new version of a record, or a reason why none may be made; decided from the current record. */
export type VersionDecision =
  | { readonly ok: true; readonly version: Omit<RecordVersion, 'version'> }
  | { readonly ok: false; readonly error: Error };

export type ApiKeyRole = 'institution' | 'relying_party' | 'auditor' | 'reviewer' | 'admin';

export interface ApiKey {
  readonly id: string;
  /** Hex SHA-256 of the secret; the secret itself is never stored. */
  readonly secretHash: string;
  readonly role: ApiKeyRole;
  /** Institution or relying-party code, or staff member name. */
  readonly principal: string;
  readonly createdAt: string;
}

export interface Subject {
  readonly id: string;
  readonly kind: SubjectKind;
}

export interface StoreCounts {
  readonly subjects: number;
  readonly records: number;
  readonly feedSeq: number;
}

/**
 * The persistence port. Every method is one transaction: either all of it is
 * durable when the promise resolves, or none of it is. Adapters: sqlite/, postgres/.
 */
export interface Store {
  /** Applies the pending migrations of this dialect. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /**
   * Stores each item whose (institution, sourceRef) is new, creating subjects on
   * first sight of an identifier, and appends feed events; in one transaction.
   * Outcomes are in item order.
   */
  ingest(batch: IngestBatch): Promise<StoredOutcome[]>;

  /** A record with its version history, or undefined. */
  record(id: string): Promise<StoredRecord | undefined>;

  /**
   * Appends a version to a record in one transaction: `decide` sees the current
   * record (locked against concurrent versions) and returns the new version or an error.
   */
  appendVersion(
    id: string,
    decide: (current: StoredRecord) => VersionDecision,
  ): Promise<StoredRecord | undefined>;

  subjectByIdentifier(scheme: string, value: string): Promise<Subject | undefined>;

  /** Feed events with seq > after, in order. */
  feed(after: number, limit: number): Promise<FeedEvent[]>;

  saveApiKey(key: ApiKey): Promise<void>;
  apiKeyBySecretHash(secretHash: string): Promise<ApiKey | undefined>;

  counts(): Promise<StoreCounts>;
}
