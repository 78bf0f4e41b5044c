import pg from 'pg';
import type { CheckedSubmission, StoredRecord } from '../../domain/records/record.js';
import type { SubjectKind } from '../../domain/subject-kind.js';
import type {
  ApiKey, FeedEvent, FeedEventType, IngestBatch, Store, StoreCounts, StoredOutcome, Subject, VersionDecision,
} from '../store.js';
import { apiKeyFromRow, feedEventFromRow, feedTypeOf, storedRecordFromRows, type RecordVersionRow } from '../store-rows.js';
import { POSTGRES_MIGRATIONS } from './postgres-migrations.js';

const TIMESTAMPTZ_OID = 1184;
const parseTimestamp = pg.types.getTypeParser(TIMESTAMPTZ_OID);
/** Timestamps leave the adapter as RFC 3339 UTC strings, as they do from SQLite. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID
      ? (value: string) => (parseTimestamp(value) as Date).toISOString()
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

/** Errors after which the whole transaction is safely retried: a concurrent writer won a race. */
const RETRYABLE = new Set(['23505', '40001', '40P01']);
const MAX_ATTEMPTS = 5;

const RECORD_VERSIONS_SQL =
  'SELECT r.id, r.subject_id, s.kind AS subject_kind, r.institution, r.source_ref, r.type, v.version, v.action, ' +
  'v.effective_at, v.recorded_at, v.payload, v.reason FROM records r JOIN subjects s ON s.id = r.subject_id ' +
  'JOIN record_versions v ON v.subject_id = r.subject_id AND v.record_id = r.id WHERE r.id = $1 ORDER BY v.version';

/** The production store. Batches are written set-wise (unnest) to keep round trips per batch constant. */
export class PostgresStore implements Store {
  private readonly pool: pg.Pool;

  constructor(url: string, poolSize = 10) {
    this.pool = new pg.Pool({ connectionString: url, max: poolSize, types: TYPES });
  }

  async migrate(): Promise<void> {
    await this.transaction(async (client) => {
      // Serialise concurrent starts of several API nodes against one database.
      await client.query('SELECT pg_advisory_xact_lock(7062697479)');
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)',
      );
      const applied = new Set((await client.query('SELECT version FROM schema_migrations')).rows.map((r) => r.version));
      for (const migration of POSTGRES_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [
          migration.version,
          migration.name,
        ]);
      }
    });
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        const code = (error as { code?: string }).code;
        if (attempt < MAX_ATTEMPTS && code !== undefined && RETRYABLE.has(code)) continue;
        throw error;
      } finally {
        client.release();
      }
    }
  }

  async ingest(batch: IngestBatch): Promise<StoredOutcome[]> {
    if (batch.items.length === 0) return [];
    return this.transaction((client) => ingestBatch(client, batch));
  }

  async record(id: string): Promise<StoredRecord | undefined> {
    const { rows } = await this.pool.query<RecordVersionRow>(RECORD_VERSIONS_SQL, [id]);
    return storedRecordFromRows(rows);
  }

  async appendVersion(id: string, decide: (current: StoredRecord) => VersionDecision): Promise<StoredRecord | undefined> {
    return this.transaction(async (client) => {
      // Lock the record so that concurrent corrections are applied one after the other.
      const locked = await client.query('SELECT 1 FROM records WHERE id = $1 FOR UPDATE', [id]);
      if (locked.rowCount === 0) return undefined;
      const current = storedRecordFromRows((await client.query<RecordVersionRow>(RECORD_VERSIONS_SQL, [id])).rows);
      if (!current) return undefined;
      const decision = decide(current);
      if (!decision.ok) throw decision.error;
      const next = decision.version;
      const version = current.versions.length + 1;
      await client.query(
        'INSERT INTO record_versions (subject_id, record_id, version, action, effective_at, recorded_at, payload, reason) ' +
          'VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [current.subjectId, id, version, next.action, next.effectiveAt, next.recordedAt, JSON.stringify(next.payload), next.reason ?? null],
      );
      await appendFeed(client, [{ type: feedTypeOf(next.action), subjectId: current.subjectId, recordId: id, recordedAt: next.recordedAt }]);
      return { ...current, versions: [...current.versions, { ...next, version }] };
    });
  }

  async subjectByIdentifier(scheme: string, value: string): Promise<Subject | undefined> {
    const { rows } = await this.pool.query(
      'SELECT s.id, s.kind FROM subject_identifiers i JOIN subjects s ON s.id = i.subject_id WHERE i.scheme = $1 AND i.value = $2',
      [scheme, value],
    );
    const row = rows[0];
    return row && { id: row.id, kind: row.kind as SubjectKind };
  }

  async feed(after: number, limit: number): Promise<FeedEvent[]> {
    const { rows } = await this.pool.query(
      'SELECT seq, type, subject_id, record_id, recorded_at FROM change_feed WHERE seq > $1 ORDER BY seq LIMIT $2',
      [after, limit],
    );
    return rows.map(feedEventFromRow);
  }

  async saveApiKey(key: ApiKey): Promise<void> {
    await this.pool.query('INSERT INTO api_keys (id, secret_hash, role, principal, created_at) VALUES ($1, $2, $3, $4, $5)', [
      key.id,
      key.secretHash,
      key.role,
      key.principal,
      key.createdAt,
    ]);
  }

  async apiKeyBySecretHash(secretHash: string): Promise<ApiKey | undefined> {
    const { rows } = await this.pool.query(
      'SELECT id, secret_hash, role, principal, created_at FROM api_keys WHERE secret_hash = $1',
      [secretHash],
    );
    return rows[0] && apiKeyFromRow(rows[0]);
  }

  async counts(): Promise<StoreCounts> {
    const { rows } = await this.pool.query(
      'SELECT (SELECT count(*) FROM subjects) AS subjects, (SELECT count(*) FROM records) AS records, ' +
        '(SELECT last_seq FROM feed_head) AS feed_seq',
    );
    const row = rows[0];
    return { subjects: Number(row.subjects), records: Number(row.records), feedSeq: Number(row.feed_seq) };
  }
}

interface NewFeedEvent {
  readonly type: FeedEventType;
  readonly subjectId: string;
  readonly recordId: string | null;
  readonly recordedAt: string;
}

/**
 * Appends events with the next sequence numbers. Call it last in a transaction:
 * the feed_head row lock is held until commit, so feed rows commit in sequence order.
 */
async function appendFeed(client: pg.PoolClient, events: readonly NewFeedEvent[]): Promise<void> {
  if (events.length === 0) return;
  const head = await client.query('UPDATE feed_head SET last_seq = last_seq + $1 RETURNING last_seq', [events.length]);
  const first = Number(head.rows[0].last_seq) - events.length + 1;
  await client.query(
    'INSERT INTO change_feed (seq, type, subject_id, record_id, recorded_at) ' +
      'SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[])',
    [
      events.map((_, i) => first + i),
      events.map((e) => e.type),
      events.map((e) => e.subjectId),
      events.map((e) => e.recordId),
      events.map((e) => e.recordedAt),
    ],
  );
}

async function ingestBatch(client: pg.PoolClient, batch: IngestBatch): Promise<StoredOutcome[]> {
  const { recordedAt, newId } = batch;
  const existing = new Map<string, { id: string; bodyHash: string }>();
  const found = await client.query(
    'SELECT r.institution, r.source_ref, r.id, r.body_hash FROM records r ' +
      'JOIN unnest($1::text[], $2::text[]) AS w(institution, source_ref) ' +
      'ON w.institution = r.institution AND w.source_ref = r.source_ref',
    [batch.items.map((item) => item.institution), batch.items.map((item) => item.sourceRef)],
  );
  for (const row of found.rows) existing.set(sourceKey(row.institution, row.source_ref), { id: row.id, bodyHash: row.body_hash });

  // Items whose source reference is new; a reference repeated within the batch is stored once.
  const fresh: { item: CheckedSubmission; id: string }[] = [];
  for (const item of batch.items) {
    const key = sourceKey(item.institution, item.sourceRef);
    if (existing.has(key)) continue;
    const id = newId();
    existing.set(key, { id, bodyHash: item.bodyHash });
    fresh.push({ item, id });
  }
  const freshItems = new Set(fresh.map((f) => f.item));
  const outcomes = batch.items.map((item): StoredOutcome => {
    const known = existing.get(sourceKey(item.institution, item.sourceRef))!;
    return freshItems.has(item)
      ? { status: 'inserted', id: known.id }
      : { status: 'exists', id: known.id, bodyHash: known.bodyHash };
  });
  if (fresh.length === 0) return outcomes;

  const subjects = await resolveSubjects(client, fresh.map((f) => f.item), recordedAt, newId);
  const events: NewFeedEvent[] = subjects.created.map((subjectId) => ({
    type: 'subject.created',
    subjectId,
    recordId: null,
    recordedAt,
  }));
  const subjectOf = (item: CheckedSubmission) => subjects.ids.get(identifierKey(item.subject))!;
  await client.query(
    'INSERT INTO records (subject_id, id, institution, source_ref, type, body_hash, recorded_at) ' +
      'SELECT s, i, n, r, t, h, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $7::text[]) AS u(s, i, n, r, t, h)',
    [
      fresh.map((f) => subjectOf(f.item)),
      fresh.map((f) => f.id),
      fresh.map((f) => f.item.institution),
      fresh.map((f) => f.item.sourceRef),
      fresh.map((f) => f.item.type),
      recordedAt,
      fresh.map((f) => f.item.bodyHash),
    ],
  );
  await client.query(
    'INSERT INTO record_versions (subject_id, record_id, version, action, effective_at, recorded_at, payload, subject_name) ' +
      "SELECT s, i, 1, 'submitted', e, $4, p, n FROM unnest($1::text[], $2::text[], $3::timestamptz[], $5::jsonb[], $6::text[]) AS u(s, i, e, p, n)",
    [
      fresh.map((f) => subjectOf(f.item)),
      fresh.map((f) => f.id),
      fresh.map((f) => f.item.effectiveAt),
      recordedAt,
      fresh.map((f) => JSON.stringify(f.item.payload)),
      fresh.map((f) => f.item.subject.name ?? null),
    ],
  );
  for (const f of fresh) events.push({ type: 'record.accepted', subjectId: subjectOf(f.item), recordId: f.id, recordedAt });
  await appendFeed(client, events);
  return outcomes;
}

const sourceKey = (institution: string, sourceRef: string): string => `${institution}\u0000${sourceRef}`;
const identifierKey = (subject: { scheme: string; value: string }): string => `${subject.scheme}\u0000${subject.value}`;

/** Finds or creates the subject of every item; returns id by identifier and the ids created. */
async function resolveSubjects(
  client: pg.PoolClient,
  items: readonly CheckedSubmission[],
  recordedAt: string,
  newId: () => string,
): Promise<{ ids: Map<string, string>; created: string[] }> {
  const wanted = new Map<string, CheckedSubmission['subject']>();
  for (const item of items) wanted.set(identifierKey(item.subject), item.subject);
  const subjects = [...wanted.values()];
  const { rows } = await client.query(
    'SELECT i.scheme, i.value, i.subject_id FROM subject_identifiers i ' +
      'JOIN unnest($1::text[], $2::text[]) AS w(scheme, value) ON w.scheme = i.scheme AND w.value = i.value',
    [subjects.map((s) => s.scheme), subjects.map((s) => s.value)],
  );
  const ids = new Map<string, string>(rows.map((row) => [identifierKey(row), row.subject_id]));
  const missing = subjects.filter((s) => !ids.has(identifierKey(s)));
  const created = missing.map((s) => {
    const id = newId();
    ids.set(identifierKey(s), id);
    return id;
  });
  if (missing.length > 0) {
    await client.query(
      'INSERT INTO subjects (id, kind, created_at) SELECT i, k, $3 FROM unnest($1::text[], $2::text[]) AS u(i, k)',
      [created, missing.map((s) => s.kind), recordedAt],
    );
    // A concurrent batch creating the same identifier makes this fail with 23505; the batch is retried.
    await client.query(
      'INSERT INTO subject_identifiers (scheme, value, subject_id, created_at) ' +
        'SELECT s, v, i, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS u(s, v, i)',
      [missing.map((s) => s.scheme), missing.map((s) => s.value), created, recordedAt],
    );
  }
  return { ids, created };
}
