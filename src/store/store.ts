import type { AuditDraft, ListEntryChangeKind } from '../domain/audit/audit-entry.js';
import type { Dispute } from '../domain/disputes/dispute.js';
import type { Evidence } from '../domain/disputes/evidence.js';
import type { OutboxMessage, QueuedMessage } from '../domain/notifications/outbox-message.js';
import type { ListEffects } from '../domain/lists/list-effects.js';
import type { ListEntry } from '../domain/lists/list-entry.js';
import type { RecordVersion, StorableSubmission, StoredRecord } from '../domain/records/record.js';
import type { SubjectKind } from '../domain/subject-kind.js';
import type { CheckReplayStore } from './check-replay-store.js';

/** One event of the ordered, gap-free change feed; later parts (audit, screening) consume it. */
export interface FeedEvent {
  readonly seq: number;
  readonly type: FeedEventType;
  readonly subjectId: string;
  readonly recordId: string | null;
  readonly recordedAt: string;
  /** What a rating.band_changed or list_entry.* event says. */
  readonly detail?: FeedDetail;
}

export type FeedEventType =
  | 'subject.created'
  | 'record.accepted'
  | 'record.corrected'
  | 'record.withdrawn'
  | 'rating.band_changed'
  | 'dispute.filed'
  | 'dispute.answered'
  | 'dispute.decided'
  | 'dispute.lapsed'
  | 'correction.issued'
  | ListEntryChangeKind;

export type FeedDetail = BandChange | ListEntryChange | CorrectionNotice;

/**
 * A correction for the relying parties that screened the subject before it: a dispute
 * withdrew or corrected a record, removed an entry, or lapsed (the record stopped counting).
 */
export interface CorrectionNotice {
  readonly disputeId: string;
  readonly change: 'withdrawn' | 'corrected' | 'lapsed';
  /** Each relying party that screened the subject in the reach window, with its check ids. */
  readonly relyingParties: Readonly<Record<string, readonly string[]>>;
}

/** Which entry of which list a list_entry.* event is about (the record it names caused it). */
export interface ListEntryChange {
  readonly entryId: string;
  readonly listCode: string;
}

export interface BandChange {
  /** null for a subject's first rating. */
  readonly from: string | null;
  readonly to: string;
  readonly score: number;
  readonly rulebookId: string;
}

/** A subject's current rating, as kept up to date after each write (the full assessment is computed on demand). */
export interface MaterialisedRating {
  readonly subjectId: string;
  readonly rulebookId: string;
  readonly score: number;
  readonly band: string;
  readonly assessedAt: string;
  /**
   * The feed position the assessed records reflect at least. A save never replaces a
   * rating of a later position, so a slow full recompute cannot undo a newer update.
   */
  readonly feedSeq: number;
}

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
export function contactKey(identifier: Identifier): string {
  return `${identifier.scheme}\u0000${identifier.value}`;
}

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

export type PublicSubjectSearch =
  { readonly namePrefix: string } | { readonly identifier: { readonly scheme: string; readonly value: string } };

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
export interface Store extends CheckReplayStore {
  /** Applies the pending migrations of this dialect. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  /**
   * Stores each item whose (institution, sourceRef) is new, creating subjects on
   * first sight of an identifier, and appends feed events and audit entries; in one transaction.
   * Outcomes are in item order.
   */
  ingest(batch: IngestBatch): Promise<StoredOutcome[]>;

  /** A record with its version history, or undefined. */
  record(id: string): Promise<StoredRecord | undefined>;

  /** Every record of a subject with its version history (what an assessment reads). */
  subjectRecords(subjectId: string): Promise<StoredRecord[]>;

  /**
   * Appends a version to a record, its feed event and its audit entry in one transaction:
   * `decide` sees the current record (locked against concurrent versions) and returns
   * the new version or an error. The record's list entries follow in the same transaction:
   * withdrawing a listing removes its entries from the start, withdrawing a removing record
   * reinstates what it removed, and correcting either moves their times.
   */
  appendVersion(id: string, decide: (current: StoredRecord) => VersionDecision): Promise<StoredRecord | undefined>;

  subjectByIdentifier(scheme: string, value: string): Promise<Subject | undefined>;
  /** The subject id of each identifier (normalised), or undefined where none is registered; in order. */
  subjectIdsOf(
    identifiers: readonly { readonly scheme: string; readonly value: string }[],
  ): Promise<(string | undefined)[]>;

  /** Subjects (of one kind, if given) after `page.after` in id order with all their records: what a full recompute reads. */
  subjectsWithRecords(page: SubjectPage): Promise<SubjectRecords[]>;

  /**
   * Saves ratings in one transaction: each unless the stored one reflects a later feed
   * position, with a rating.band_changed feed event where the band differs from the stored
   * one (or none was stored). With `move`, does nothing unless the rating cursor is at
   * `move.from`, and leaves it at `move.to`. Resolves with the number of band changes,
   * or undefined when the cursor had moved on (another node did the work).
   */
  saveRatings(ratings: readonly MaterialisedRating[], move?: RatingCursorMove): Promise<number | undefined>;
  /** The feed position up to which ratings are current. */
  ratingCursor(): Promise<number>;
  rating(subjectId: string): Promise<MaterialisedRating | undefined>;

  /** Every list entry of a subject, whatever its state, oldest listing first. */
  listEntries(subjectId: string): Promise<ListEntry[]>;
  /** Subjects with entries open at `at` (not removed, term not over), after `after` in id order: how the screening index is built. */
  openListingsPage(page: {
    readonly after?: string | undefined;
    readonly at: string;
    readonly limit: number;
  }): Promise<SubjectListings[]>;
  /**
   * Entries of a list in force at `at` (notice over, term not over, not removed) of one
   * subject or of subjects whose name starts with `namePrefix`, at most `limit`: the
   * published list's view.
   */
  entriesInForce(
    listCode: string,
    search: { readonly subjectId: string } | { readonly namePrefix: string },
    at: string,
    limit: number,
  ): Promise<EntryWithName[]>;
  /**
   * Announces, once each, the transitions that time has caused by `at` (a notice period
   * over: activated; a term over: expired) with feed events and audit entries, at most
   * `limit` entries per call; resolves with how many were announced. Safe to run on
   * several nodes at once.
   */
  announceListTransitions(at: string, limit: number): Promise<number>;
  /**
   * The given subjects with their identifiers and entries: those open at `openAt`, or all
   * of them without it. Each subject is returned even with no entry (so the index can drop it).
   */
  listingsOf(subjectIds: readonly string[], openAt?: string): Promise<SubjectListings[]>;

  /** Feed events with seq > after, in order. */
  feed(after: number, limit: number): Promise<FeedEvent[]>;

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
   * How long one transaction of a bulk load should hold this store, and the fewest records
   * worth a commit (probity ingest sizes its transactions to this). A check waits for it: on
   * SQLite for the whole transaction (one writer at a time), on PostgreSQL only from the log's
   * append to the commit, while every transaction costs a dozen round trips. Measured in
   * docs/performance.md ("Single checks during a bulk ingest").
   */
  readonly bulkTransaction: BulkTransactionPace;
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

  /**
   * Writes keys with the audit entries of the step, in one transaction: a new key is inserted,
   * a known one (by id) gets its expiresAt and revokedAt; nothing else of a key ever changes.
   */
  saveApiKeys(keys: readonly ApiKey[], drafts: readonly AuditDraft[]): Promise<void>;
  apiKeyBySecretHash(secretHash: string): Promise<ApiKey | undefined>;
  apiKeyById(id: string): Promise<ApiKey | undefined>;
  /** Every key, oldest first (a registry has staff and partners' keys: hundreds, not millions). */
  apiKeys(): Promise<ApiKey[]>;
  /** Notes a use of the key at `at`, unless a later one is already noted. */
  noteApiKeyUse(id: string, at: string): Promise<void>;

  /** Stores a new dispute, its feed event (so ratings follow), its audit entry and its notifications, in one transaction. */
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

  /**
   * Claims outbox messages due at `at`, oldest first, until `leaseUntil`: another worker does
   * not take them meanwhile, and if this one dies they are due again when the lease ends.
   */
  claimDueMessages(at: string, leaseUntil: string, limit: number): Promise<QueuedMessage[]>;
  messageDelivered(id: string, at: string): Promise<void>;
  /** Records a failed try: to be tried again at `retryAt`, or dead-lettered when it is null. */
  messageFailed(id: string, error: string, retryAt: string | null, at: string): Promise<void>;
  /** A message's delivery state (for operators and tests). */
  messageState(
    id: string,
  ): Promise<
    { attempts: number; deliveredAt: string | null; deadAt: string | null; lastError: string | null } | undefined
  >;
  /** Keeps the e-mail address for each identifier (see contactKey). */
  saveContact(identifiers: readonly Identifier[], email: string, at: string): Promise<void>;
  /** The addresses on file for these identifiers, by contactKey. */
  contactsOf(identifiers: readonly Identifier[]): Promise<Map<string, string>>;
  saveWebhook(relyingParty: string, url: string, secret: string, at: string): Promise<void>;
  webhookOf(relyingParty: string): Promise<{ url: string; secret: string } | undefined>;
  dispute(id: string): Promise<Dispute | undefined>;
  /** The disputes of these subjects, each subject's in filing order. */
  disputesOf(subjectIds: readonly string[]): Promise<Dispute[]>;
  /** An institution's disputes without a decision, soonest deadline first. */
  undecidedDisputes(institution: string | undefined, limit: number): Promise<Dispute[]>;

  /** Organizations and government bodies by name prefix or identifier; never persons. */
  publicSubjects(search: PublicSubjectSearch, limit: number): Promise<PublicSubject[]>;

  /** Stores an attestation and appends the audit entry of its issue, in one transaction. */
  saveAttestation(attestation: StoredAttestation, draft: AuditDraft): Promise<void>;
  attestation(id: string): Promise<StoredAttestation | undefined>;

  saveSession(session: PortalSession): Promise<void>;
  /** The session with this id hash, whether or not it has expired (the caller compares times). */
  session(idHash: string): Promise<PortalSession | undefined>;
  endSession(idHash: string): Promise<void>;
  /** Deletes the sessions that expired by `at`; resolves with how many. */
  purgeSessions(at: string): Promise<number>;

  counts(): Promise<StoreCounts>;
}
