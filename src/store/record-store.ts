import type { StoredRecord } from '../domain/records/record.js';
import type {
  BulkTransactionPace,
  IngestBatch,
  StoredOutcome,
  Subject,
  SubjectPage,
  SubjectRecords,
  VersionDecision,
} from './store.js';

/** Records and the subjects they name: storing them (with their list effects, feed events and audit
 * entries), new versions, and reading them back. Each method is one transaction. */
export interface RecordStore {
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
  /**
   * Subjects (of one kind, if given) after `page.after` in id order with all their records: what a
   * full recompute reads.
   */
  subjectsWithRecords(page: SubjectPage): Promise<SubjectRecords[]>;
  /**
   * How long one transaction of a bulk load should hold this store, and the fewest records
   * worth a commit (probity ingest sizes its transactions to this). A check waits for it: on
   * SQLite for the whole transaction (one writer at a time), on PostgreSQL only from the log's
   * append to the commit, while every transaction costs a dozen round trips. Measured in
   * docs/performance.md ("Single checks during a bulk ingest").
   */
  readonly bulkTransaction: BulkTransactionPace;
}
