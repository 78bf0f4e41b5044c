import pg from 'pg';
import type { CheckReplayClaim, StoredCheckReplay } from '../check-replay-store.js';
import type { AuditDraft } from '../../domain/audit/audit-entry.js';
import type { ListEntry } from '../../domain/lists/list-entry.js';
import type { StoredRecord } from '../../domain/records/record.js';
import type { SubjectKind } from '../../domain/subject-kind.js';
import type {
  ApiKey,
  EntryWithName,
  IngestBatch,
  PortalSession,
  PublicSubject,
  PublicSubjectSearch,
  RatingCursorMove,
  StoredAttestation,
  Store,
  StoreCounts,
  StoreOptions,
  StoredAuditEntry,
  StoredCheckpoint,
  StoredOutcome,
  Subject,
  SubjectListings,
  SubjectPage,
  SubjectRecords,
  VersionDecision,
} from '../store.js';
import type { CorrectionNotice, FeedEvent } from '../../domain/feed/feed-event.js';
import type { MaterialisedRating } from '../../domain/rulebooks/materialised-rating.js';
import type { Dispute } from '../../domain/disputes/dispute.js';
import type { Evidence } from '../../domain/disputes/evidence.js';
import {
  appendAtKnownSize,
  appendAudit,
  appendAuditLocked,
  auditNodes,
  publish,
  type KnownEdge,
} from './postgres-audit.js';
import * as portal from './postgres-portal.js';
import * as checkReplays from './postgres-check-replays.js';
import * as keys from './postgres-api-keys.js';
import * as outbox from './postgres-outbox.js';
import type { OutboxMessage, QueuedMessage } from '../../domain/notifications/outbox-message.js';
import {
  addEvidence,
  announceLapse,
  disputeById,
  disputesOf,
  disputesPage,
  evidenceContent,
  evidenceOf,
  insertDispute,
  unannouncedLapses,
  undecidedDisputes,
  updateDispute,
} from './postgres-disputes.js';
import { feedEventFromRow, storedRecordFromRows, storedRecordsFromRows, type RecordVersionRow } from '../store-rows.js';
import { appendFeed, lockFeed } from './postgres-feed.js';
import { PostgresWriteTransaction } from './postgres-write-transaction.js';
import { RECORD_VERSIONS, RECORD_VERSIONS_OF_RECORD, RECORD_VERSIONS_OF_SUBJECT } from './record-versions-sql.js';
import { runAsync, type Step } from '../flows/steps.js';
import { migrateFlow } from '../migration.js';
import { postgresMigrationTransaction } from './postgres-migration-transaction.js';
import { ingestFlow } from '../flows/ingest-flow.js';
import { appendVersionFlow } from '../flows/version-flow.js';
import {
  announceListTransitions,
  countInForce,
  entriesInForce,
  listEntries,
  listingsOf,
  openListingsPage,
} from './postgres-lists.js';
import { rating, ratingCursor, saveRatings, subjectsWithRecords } from './postgres-ratings.js';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';
import { ensurePartitions, type PartitionReport } from './postgres-partitions.js';
import { isPostgresUnavailable } from './postgres-failure.js';
import { replicaLagMs } from './replica-lag.js';

const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 2_000;
/** Partitions are made a year (records) or a range (the log) ahead: an hourly look is plenty. */
const PARTITIONS_EVERY_MS = 3_600_000;
const TIMESTAMPTZ_OID = 1184;
const parseTimestamp = pg.types.getTypeParser(TIMESTAMPTZ_OID) as (value: string) => Date;
/** Timestamps leave the adapter as RFC 3339 UTC strings, as they do from SQLite. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID
      ? (value: string) => parseTimestamp(value).toISOString()
      : (pg.types.getTypeParser(oid, format as 'text') as (value: string) => unknown)) as typeof pg.types.getTypeParser,
};

function ignoreDroppedConnection(): void {}

/** Returns a checked-out client to the pool (destroyed, with an error). */
function release(client: pg.PoolClient, error?: Error): void {
  client.removeListener('error', ignoreDroppedConnection);
  client.release(error);
}

/** Errors after which the whole transaction is safely retried: a concurrent writer won a race. */
const RETRYABLE = new Set(['23505', '40001', '40P01']);
const MAX_ATTEMPTS = 5;

const checkpointFromRow = (row: Record<string, unknown>): StoredCheckpoint => ({
  size: Number(row['size']),
  note: row['note'] as string,
  createdAt: row['created_at'] as string,
});

/** Rows of these ranges stay in DEFAULT (PartitionReport.heldByDefault): an operator should know. */
function warnOfHeldPartitions(report: PartitionReport): void {
  if (report.heldByDefault.length === 0) return;
  process.emitWarning(
    `partitions not made, their DEFAULT partition holds rows of their range: ${report.heldByDefault.join(', ')}`,
    'ProbityWarning',
  );
}

/** The production store. Batches are written set-wise (unnest) to keep round trips per batch constant. */
export class PostgresStore implements Store {
  private readonly pool: pg.Pool;
  readonly readsPerAppend = 1_000;
  readonly bulkTransaction = { budgetMs: 50, minRecords: 200 };
  /** The log's edge after this process's last append of reads (appendAudit). */
  private knownEdge: KnownEdge | undefined;
  private partitionTimer: NodeJS.Timeout | undefined;
  private partitionRun: Promise<unknown> | undefined;

  constructor(
    url: string,
    private readonly options: StoreOptions = {},
    poolSize = 10,
  ) {
    const statementTimeoutMs = options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS;
    this.pool = new pg.Pool({
      connectionString: url,
      max: poolSize,
      types: TYPES,
      connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
      // The server cancels a statement past the timeout; the client gives up a little later, for
      // a server that is hung and cancels nothing. A transaction left idle is ended by the server.
      statement_timeout: statementTimeoutMs,
      query_timeout: statementTimeoutMs + 1_000,
      idle_in_transaction_session_timeout: statementTimeoutMs * 2,
      keepAlive: true,
    });
    // An idle pooled connection that the server drops (a restart, a failover, pg_terminate_backend)
    // is reported here; without a listener the process would die. pg has already removed the
    // client from the pool, and the next query opens a new connection.
    this.pool.on('error', () => {});
  }

  async migrate(): Promise<void> {
    await this.transaction((client) =>
      runAsync(migrateFlow(postgresMigrationTransaction(client), POSTGRES_MIGRATIONS)),
    );
    warnOfHeldPartitions(await this.ensurePartitions(new Date()));
    this.maintainPartitions();
  }

  /**
   * Makes the partitions the coming rows need (postgres-partitions.ts). `now` is the machine's
   * time, not a service clock: record ids (ULIDs) carry the machine's time too.
   */
  async ensurePartitions(now: Date): Promise<PartitionReport> {
    return this.transaction((client) => ensurePartitions(client, now));
  }

  /**
   * Runs ensurePartitions every hour while the store is open. The store has no logger: a run
   * that fails is a process warning (stderr), and the next run tries again; with months of
   * partitions made ahead, missed runs cost nothing for weeks.
   */
  private maintainPartitions(): void {
    if (this.partitionTimer) return;
    this.partitionTimer = setInterval(() => {
      this.partitionRun ??= this.ensurePartitions(new Date())
        .then(warnOfHeldPartitions, (error: unknown) =>
          process.emitWarning(`partitions not made: ${(error as Error).message}`, 'ProbityWarning'),
        )
        .finally(() => {
          this.partitionRun = undefined;
        });
    }, PARTITIONS_EVERY_MS);
    this.partitionTimer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.partitionTimer);
    await this.partitionRun;
    await this.pool.end();
  }

  /** How far this store's server (a replica) is behind `primary`'s, in milliseconds (replica-lag.ts). */
  lagBehind(primary: PostgresStore): Promise<number> {
    return replicaLagMs(primary.pool, this.pool);
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      // A connection that drops while checked out emits 'error' as well as failing its query; the
      // failed query is what the caller hears of, and this listener keeps the process alive.
      client.on('error', ignoreDroppedConnection);
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        release(client);
        return result;
      } catch (error) {
        // A connection that failed is not rolled back (that would wait again) but destroyed.
        if (isPostgresUnavailable(error)) {
          release(client, error as Error);
          throw error;
        }
        await client.query('ROLLBACK').catch(() => {});
        release(client);
        const code = (error as { code?: string }).code;
        if (attempt < MAX_ATTEMPTS && code !== undefined && RETRYABLE.has(code)) continue;
        throw error;
      }
    }
  }

  /** Runs a write flow (flows/) in one transaction; retried as a whole when a concurrent writer won a race. */
  private writeFlow<T>(flow: (tx: PostgresWriteTransaction) => Step<T>): Promise<T> {
    return this.transaction((client) => runAsync(flow(new PostgresWriteTransaction(client))));
  }

  async ingest(batch: IngestBatch): Promise<StoredOutcome[]> {
    if (batch.items.length === 0) return [];
    return this.writeFlow((tx) => ingestFlow(tx, batch, !this.options.benchmarkWithoutAuditLog));
  }

  async record(id: string): Promise<StoredRecord | undefined> {
    const { rows } = await this.pool.query<RecordVersionRow>(RECORD_VERSIONS_OF_RECORD, [id]);
    return storedRecordFromRows(rows);
  }

  async subjectRecords(subjectId: string): Promise<StoredRecord[]> {
    const { rows } = await this.pool.query<RecordVersionRow>(RECORD_VERSIONS_OF_SUBJECT, [subjectId]);
    return storedRecordsFromRows(rows);
  }

  async appendVersion(
    id: string,
    decide: (current: StoredRecord) => VersionDecision,
  ): Promise<StoredRecord | undefined> {
    return this.writeFlow((tx) => appendVersionFlow(tx, id, decide));
  }

  async subjectByIdentifier(scheme: string, value: string): Promise<Subject | undefined> {
    const { rows } = await this.pool.query<{ id: string; kind: SubjectKind }>(
      'SELECT s.id, s.kind FROM subject_identifiers i JOIN subjects s ON s.id = i.subject_id ' +
        'WHERE i.scheme = $1 AND i.value = $2',
      [scheme, value],
    );
    const row = rows[0];
    return row && { id: row.id, kind: row.kind };
  }

  async subjectIdsOf(identifiers: readonly { scheme: string; value: string }[]): Promise<(string | undefined)[]> {
    if (identifiers.length === 0) return [];
    // Named, so each connection parses and plans it once: screening asks it for every check.
    const { rows } = await this.pool.query<{ n: string; subject_id: string }>({
      name: 'subject-ids-of',
      text:
        'SELECT w.n, i.subject_id FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS w(scheme, value, n) ' +
        'JOIN subject_identifiers i ON i.scheme = w.scheme AND i.value = w.value',
      values: [identifiers.map((i) => i.scheme), identifiers.map((i) => i.value)],
    });
    const ids = new Array<string | undefined>(identifiers.length).fill(undefined);
    for (const row of rows) ids[Number(row.n) - 1] = row.subject_id;
    return ids;
  }

  async subjectsWithRecords(page: SubjectPage): Promise<SubjectRecords[]> {
    return subjectsWithRecords(this.pool, RECORD_VERSIONS, page);
  }

  async saveRatings(ratings: readonly MaterialisedRating[], move?: RatingCursorMove): Promise<number | undefined> {
    return this.transaction((client) => saveRatings(client, ratings, move));
  }

  async ratingCursor(): Promise<number> {
    return ratingCursor(this.pool);
  }

  async rating(subjectId: string): Promise<MaterialisedRating | undefined> {
    return rating(this.pool, subjectId);
  }

  async listEntries(subjectId: string): Promise<ListEntry[]> {
    return listEntries(this.pool, subjectId);
  }

  async openListingsPage(page: { after?: string | undefined; at: string; limit: number }): Promise<SubjectListings[]> {
    return openListingsPage(this.pool, page);
  }

  async entriesInForce(
    listCode: string,
    search: { subjectId: string } | { nameContains: string },
    at: string,
    limit: number,
  ): Promise<EntryWithName[]> {
    return entriesInForce(this.pool, listCode, search, at, limit);
  }

  async countInForce(listCode: string, at: string): Promise<number> {
    return countInForce(this.pool, listCode, at);
  }

  async announceListTransitions(at: string, limit: number): Promise<number> {
    return this.transaction(async (client) => {
      // The feed lock first, as ingest takes it, before any entry row: no lock cycle with a removal.
      await lockFeed(client);
      const { events, drafts } = await announceListTransitions(client, at, limit);
      if (events.length === 0) return 0;
      await appendFeed(client, events);
      await appendAudit(client, drafts);
      return events.length;
    });
  }

  async listingsOf(subjectIds: readonly string[], openAt?: string): Promise<SubjectListings[]> {
    return listingsOf(this.pool, subjectIds, openAt);
  }

  async feed(after: number, limit: number): Promise<FeedEvent[]> {
    const { rows } = await this.pool.query(
      'SELECT seq, type, subject_id, record_id, recorded_at, detail FROM change_feed WHERE seq > $1 ' +
        'ORDER BY seq LIMIT $2',
      [after, limit],
    );
    return rows.map(feedEventFromRow);
  }

  /**
   * Appends reads (group commit). The edge after the last append of this kind is remembered,
   * so that the next one, if nothing else appended in between, is one statement: on a busy
   * server nearly every group; otherwise the locked way, which reads the edge.
   */
  async appendAudit(drafts: readonly AuditDraft[]): Promise<number> {
    const known = this.knownEdge;
    const appended = known && (await appendAtKnownSize(this.pool, known, drafts));
    if (known && appended) {
      this.knownEdge = appended;
      return known.size;
    }
    const after = await this.transaction((client) => appendAuditLocked(client, drafts));
    // Only now: an edge remembered before its commit could outlive a rollback.
    this.knownEdge = { size: after.size + drafts.length, edge: after.edge };
    return after.size;
  }

  async publish(series: string, draft: AuditDraft): Promise<boolean> {
    return this.transaction((client) => publish(client, series, draft));
  }

  async auditSize(): Promise<number> {
    const { rows } = await this.pool.query<{ size: string }>('SELECT size FROM audit_head');
    return Number(rows[0]!.size);
  }

  async auditEntries(start: number, end: number): Promise<StoredAuditEntry[]> {
    const { rows } = await this.pool.query<{ seq: string; entry: string; leaf_hash: Buffer }>(
      'SELECT seq, entry, leaf_hash FROM audit_entries WHERE seq >= $1 AND seq < $2 ORDER BY seq',
      [start, end],
    );
    return rows.map((row) => ({ seq: Number(row.seq), text: row.entry, leafHash: row.leaf_hash }));
  }

  async auditEntriesAbout(subjectId: string, from: number, limit: number): Promise<StoredAuditEntry[]> {
    const { rows } = await this.pool.query<{ seq: string; entry: string }>(
      'SELECT seq, entry FROM audit_entries WHERE subject_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3',
      [subjectId, from, limit],
    );
    return rows.map((row) => ({ seq: Number(row.seq), text: row.entry }));
  }

  async auditNodes(ids: readonly number[]): Promise<Map<number, Uint8Array>> {
    return auditNodes(this.pool, ids);
  }

  async saveCheckpoint(checkpoint: StoredCheckpoint): Promise<void> {
    await this.pool.query(
      'INSERT INTO audit_checkpoints (size, note, created_at) VALUES ($1, $2, $3) ON CONFLICT (size) DO NOTHING',
      [checkpoint.size, checkpoint.note, checkpoint.createdAt],
    );
  }

  async latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    const { rows } = await this.pool.query(
      'SELECT size, note, created_at FROM audit_checkpoints ORDER BY size DESC LIMIT 1',
    );
    return rows.map(checkpointFromRow)[0];
  }

  async checkpoints(limit: number): Promise<StoredCheckpoint[]> {
    const { rows } = await this.pool.query(
      'SELECT size, note, created_at FROM (SELECT size, note, created_at, row_number() OVER (ORDER BY size) AS n, ' +
        'count(*) OVER () AS total FROM audit_checkpoints) spread ' +
        'WHERE n = total OR n % ((total + $1 - 1) / $1) = 0 ORDER BY size',
      [limit],
    );
    return rows.map(checkpointFromRow);
  }

  async saveApiKeys(changed: readonly ApiKey[], drafts: readonly AuditDraft[]): Promise<void> {
    await this.transaction(async (client) => {
      await keys.saveApiKeys(client, changed);
      await appendAudit(client, drafts);
    });
  }

  async apiKeyBySecretHash(secretHash: string): Promise<ApiKey | undefined> {
    return keys.apiKeyWhere(this.pool, 'secret_hash', secretHash);
  }

  async apiKeyById(id: string): Promise<ApiKey | undefined> {
    return keys.apiKeyWhere(this.pool, 'id', id);
  }

  async apiKeys(): Promise<ApiKey[]> {
    return keys.apiKeys(this.pool);
  }

  async noteApiKeyUse(id: string, at: string): Promise<void> {
    await keys.noteApiKeyUse(this.pool, id, at);
  }

  async fileDispute(dispute: Dispute, draft: AuditDraft, messages: readonly OutboxMessage[] = []): Promise<void> {
    await this.transaction(async (client) => {
      await insertDispute(client, dispute);
      await appendAudit(client, [draft]);
      await outbox.insertMessages(client, messages);
    });
  }

  async updateDispute(
    dispute: Dispute,
    change: 'dispute.answered' | 'dispute.decided',
    draft: AuditDraft,
    corrections: readonly CorrectionNotice[] = [],
    messages: readonly OutboxMessage[] = [],
  ): Promise<void> {
    await this.transaction(async (client) => {
      await updateDispute(client, dispute, change, draft.time, corrections);
      await appendAudit(client, [draft]);
      await outbox.insertMessages(client, messages);
    });
  }

  async unannouncedLapses(at: string, limit: number): Promise<Dispute[]> {
    return unannouncedLapses(this.pool, at, limit);
  }

  async disputesPage(after: string | undefined, limit: number): Promise<Dispute[]> {
    return disputesPage(this.pool, after, limit);
  }

  async addEvidence(evidence: Evidence, content: Uint8Array, draft: AuditDraft): Promise<void> {
    await this.transaction(async (client) => {
      await addEvidence(client, evidence, content);
      await appendAudit(client, [draft]);
    });
  }

  async evidenceOf(disputeId: string): Promise<Evidence[]> {
    return evidenceOf(this.pool, disputeId);
  }

  async evidenceContent(evidenceId: string): Promise<{ evidence: Evidence; content: Uint8Array } | undefined> {
    return evidenceContent(this.pool, evidenceId);
  }

  async announceLapse(
    dispute: Dispute,
    draft: AuditDraft,
    correction: CorrectionNotice | undefined,
    messages: readonly OutboxMessage[] = [],
  ): Promise<boolean> {
    return this.transaction(async (client) => {
      if (!(await announceLapse(client, dispute, draft.time, correction))) return false;
      await appendAudit(client, [draft]);
      await outbox.insertMessages(client, messages);
      return true;
    });
  }

  async claimDueMessages(at: string, leaseUntil: string, limit: number): Promise<QueuedMessage[]> {
    return outbox.claimDueMessages(this.pool, at, leaseUntil, limit);
  }

  async messageDelivered(id: string, at: string): Promise<void> {
    await outbox.messageDelivered(this.pool, id, at);
  }

  async messageFailed(id: string, error: string, retryAt: string | null, at: string): Promise<void> {
    await outbox.messageFailed(this.pool, id, error, retryAt, at);
  }

  async messageState(id: string) {
    return outbox.messageState(this.pool, id);
  }

  async saveContact(
    identifiers: readonly { scheme: string; value: string }[],
    email: string,
    at: string,
  ): Promise<void> {
    await outbox.saveContact(this.pool, identifiers, email, at);
  }

  async contactsOf(identifiers: readonly { scheme: string; value: string }[]): Promise<Map<string, string>> {
    return outbox.contactsOf(this.pool, identifiers);
  }

  async saveWebhook(relyingParty: string, url: string, secret: string, at: string): Promise<void> {
    await outbox.saveWebhook(this.pool, relyingParty, url, secret, at);
  }

  async webhookOf(relyingParty: string): Promise<{ url: string; secret: string } | undefined> {
    return outbox.webhookOf(this.pool, relyingParty);
  }

  async dispute(id: string): Promise<Dispute | undefined> {
    return disputeById(this.pool, id);
  }

  async disputesOf(subjectIds: readonly string[]): Promise<Dispute[]> {
    return disputesOf(this.pool, subjectIds);
  }

  async undecidedDisputes(institution: string | undefined, limit: number): Promise<Dispute[]> {
    return undecidedDisputes(this.pool, institution, limit);
  }

  async publicSubjects(search: PublicSubjectSearch, limit: number): Promise<PublicSubject[]> {
    return portal.publicSubjects(this.pool, search, limit);
  }

  async saveAttestation(attestation: StoredAttestation, draft: AuditDraft): Promise<void> {
    await this.transaction(async (client) => {
      await portal.insertAttestation(client, attestation);
      await appendAudit(client, [draft]);
    });
  }

  async attestation(id: string): Promise<StoredAttestation | undefined> {
    return portal.attestation(this.pool, id);
  }

  async saveSession(session: PortalSession): Promise<void> {
    await portal.saveSession(this.pool, session);
  }

  async session(idHash: string): Promise<PortalSession | undefined> {
    return portal.session(this.pool, idHash);
  }

  async endSession(idHash: string): Promise<void> {
    await portal.endSession(this.pool, idHash);
  }

  async purgeSessions(at: string): Promise<number> {
    return portal.purgeSessions(this.pool, at);
  }

  async claimCheckReplay(claim: CheckReplayClaim): Promise<StoredCheckReplay | undefined> {
    return checkReplays.claimCheckReplay(this.pool, claim);
  }

  async answerCheckReplay(relyingParty: string, keyTag: string, answer: string): Promise<void> {
    await checkReplays.answerCheckReplay(this.pool, relyingParty, keyTag, answer);
  }

  async releaseCheckReplay(relyingParty: string, keyTag: string, claimedAt: string): Promise<void> {
    await checkReplays.releaseCheckReplay(this.pool, relyingParty, keyTag, claimedAt);
  }

  async purgeCheckReplays(before: string): Promise<number> {
    return checkReplays.purgeCheckReplays(this.pool, before);
  }

  async feedHead(): Promise<number> {
    const { rows } = await this.pool.query<{ last_seq: string }>('SELECT last_seq FROM feed_head');
    return Number(rows[0]!.last_seq);
  }

  async counts(): Promise<StoreCounts> {
    const { rows } = await this.pool.query<{ subjects: string; records: string; feed_seq: string }>(
      'SELECT (SELECT count(*) FROM subjects) AS subjects, (SELECT count(*) FROM records) AS records, ' +
        '(SELECT last_seq FROM feed_head) AS feed_seq',
    );
    const row = rows[0]!;
    return { subjects: Number(row.subjects), records: Number(row.records), feedSeq: Number(row.feed_seq) };
  }
}
