import { identifierKey } from '../domain/identifiers/identifier-key.js';
import type { ListEffects } from '../domain/lists/list-effects.js';
import type { ListEntry } from '../domain/lists/list-entry.js';
import type { RecordVersion, StorableSubmission, StoredRecord } from '../domain/records/record.js';
import type { SubjectKind } from '../domain/subject-kind.js';
import type { CheckReplayStore } from './check-replay-store.js';
import type { RecordStore } from './record-store.js';
import type { RatingStore } from './rating-store.js';
import type { ListStore } from './list-store.js';
import type { FeedStore } from './feed-store.js';
import type { AuditStore } from './audit-store.js';
import type { ApiKeyStore } from './api-key-store.js';
import type { DisputeStore } from './dispute-store.js';
import type { OutboxStore } from './outbox-store.js';
import type { PortalStore } from './portal-store.js';
import type { SessionStore } from './session-store.js';

/** Moves the rating follower's feed position from `from` to `to` (compare-and-set: several nodes may follow). */
export interface RatingCursorMove {
  readonly from: number;
  readonly to: number;
}

/** A subject with every record it has, as a full scan returns them. */
export interface SubjectRecords {
  readonly subject: Subject;
  readonly records: StoredRecord[];
}

/** A subject's identifiers and its list entries (the open ones, for the screening index). */
export interface SubjectListings {
  readonly subjectId: string;
  readonly identifiers: readonly { readonly scheme: string; readonly value: string }[];
  readonly entries: readonly ListEntry[];
}

/** A list entry with the subject's name as its basis record gives it. */
export interface EntryWithName {
  readonly entry: ListEntry;
  readonly subjectName: string | null;
}

/** One page of a scan over subjects in id order. */
export interface SubjectPage {
  /** Subjects with ids after this one; from the start when absent. */
  readonly after?: string | undefined;
  readonly kind?: SubjectKind | undefined;
  readonly limit: number;
}

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
  | {
      readonly ok: true;
      readonly version: Omit<RecordVersion, 'version'>;
      /** For a correction: the list entries the record opens as corrected (their times and match key follow it). */
      readonly listEffects?: ListEffects;
    }
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
  /** When it stops working (rotation sets the end of the overlap), or null: never. */
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  /** The last use some server noted (at most once a minute per key and server), or null: never used. */
  readonly lastUsedAt: string | null;
}

type Identifier = { readonly scheme: string; readonly value: string };

/** The key of an identifier in a contacts map. */
export const contactKey: (identifier: Identifier) => string = identifierKey;

/** A signed-in portal session, kept server-side; the browser holds only the random id whose hash keys it. */
export interface PortalSession {
  /** Hex SHA-256 of the session cookie's value; the value itself is never stored. */
  readonly idHash: string;
  /** Who the person may act as, from the identity provider's claims: their own identifier first, then a company's. */
  readonly identities: readonly { readonly scheme: string; readonly value: string }[];
  /** Staff roles from the provider's roles claim (reviewer, auditor, admin). */
  readonly roles: readonly string[];
  /** For staff: the provider's subject id (names them in the audit log) and the institution they work for, if any. */
  readonly staffId: string | null;
  readonly institution: string | null;
  readonly name: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** An organization or government body as the public lookup shows it. */
export interface PublicSubject {
  readonly id: string;
  readonly kind: SubjectKind;
  readonly name: string | null;
  readonly identifiers: readonly { readonly scheme: string; readonly value: string }[];
}

/** Where a page of name search results starts: after this name, then after this subject id (keyset paging). */
export interface NameCursor {
  readonly name: string;
  readonly id: string;
}

/**
 * Organizations and government bodies whose name contains `nameContains` anywhere (case-insensitive,
 * at least two characters), in name order and then id order, starting after `after`; or the one
 * holding an identifier.
 */
export type PublicSubjectSearch =
  | { readonly nameContains: string; readonly after?: NameCursor }
  | { readonly identifier: { readonly scheme: string; readonly value: string } };

/** A signed report a subject issued about themselves. */
export interface StoredAttestation {
  readonly id: string;
  readonly subjectId: string;
  readonly disclosure: 'rating' | 'full';
  /** The compact JWS. */
  readonly token: string;
  readonly issuedAt: string;
  readonly expiresAt: string;
}

export interface Subject {
  readonly id: string;
  readonly kind: SubjectKind;
}

/** One audit-log entry as stored: its leaf index, its canonical JSON text and, from a store, its stored leaf hash. */
export interface StoredAuditEntry {
  readonly seq: number;
  readonly text: string;
  readonly leafHash?: Uint8Array;
}

/** A signed checkpoint the log published. */
export interface StoredCheckpoint {
  readonly size: number;
  readonly note: string;
  readonly createdAt: string;
}

export interface StoreCounts {
  readonly subjects: number;
  readonly records: number;
  readonly feedSeq: number;
}

/** How a store is opened. */
export interface StoreOptions {
  /**
   * Ingest without audit entries. Only `npm run bench:audit` sets it, to measure what
   * the log costs; nothing a deployment configures can reach it.
   */
  readonly benchmarkWithoutAuditLog?: boolean;
  /**
   * Longest wait for one statement (PostgreSQL: enforced by the server, and by the client too,
   * so that a hung server cannot hold a caller); default 30 s.
   */
  readonly statementTimeoutMs?: number;
  /** Longest wait for a connection, new or from the pool (PostgreSQL); default 2 s. */
  readonly connectTimeoutMs?: number;
}

/** See Store.bulkTransaction. */
export interface BulkTransactionPace {
  readonly budgetMs: number;
  readonly minRecords: number;
}

/**
 * The persistence port. Every method is one transaction: either all of it is
 * durable when the promise resolves, or none of it is. Adapters: sqlite/, postgres/.
 */
export interface Store
  extends
    RecordStore,
    RatingStore,
    ListStore,
    FeedStore,
    AuditStore,
    ApiKeyStore,
    DisputeStore,
    OutboxStore,
    PortalStore,
    SessionStore,
    CheckReplayStore {
  /** Applies the pending migrations of this dialect. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  counts(): Promise<StoreCounts>;
}
