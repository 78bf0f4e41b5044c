import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/postgres-migrations.js';
import { sqlStatements, type SqlStatement } from '../support/sql-statements.js';

/**
 * The Citus rule (design.md "Stores", docs/scale.md): every statement of the PostgreSQL store
 * either names the subject it works on, so that a Citus cluster distributed on subject id
 * routes it to one shard, or touches only small tables that every node can hold (reference
 * tables) or that stay on the coordinator, or is one of the exceptions below, each with its
 * reason. A new statement that fits no rule fails here: classify it, or make it fit.
 */

const DIR = join(import.meta.dirname, '..', '..', 'src', 'store', 'postgres');

/** Distributed on the subject id (the column named), co-located with each other. */
const SUBJECT_TABLES: Readonly<Record<string, string>> = {
  subjects: 'id',
  records: 'subject_id',
  record_versions: 'subject_id',
  list_entries: 'subject_id',
  ratings: 'subject_id',
  disputes: 'subject_id',
  dispute_evidence: 'subject_id',
  attestations: 'subject_id',
};

/** Small tables: a reference table on every node, or a local table on the coordinator. */
const GLOBAL_TABLES: Readonly<Record<string, string>> = {
  schema_migrations: 'a row per migration; reference table',
  api_keys: 'a row per credential (thousands), read by secret hash on every request; reference table',
  publications: 'a row per pack or rulebook version put in use; reference table',
  webhooks: 'a row per relying party; reference table',
  audit_head: 'one row, the log size that serialises appends; on the coordinator with the log',
  feed_head: 'one row, the feed sequence; on the coordinator with the feed',
  rating_cursor: 'one row, the rating follower position; coordinator',
  audit_checkpoints: 'a row per signed checkpoint (about one a minute, half a million a year); coordinator',
  sessions: 'live portal sessions, purged at expiry (bounded by users signed in, not by population); coordinator',
};

/** Large tables keyed by something other than the subject: every statement on them is an exception below. */
const OTHER_TABLES: Readonly<Record<string, string>> = {
  subject_identifiers:
    'keyed by identifier (scheme, value), what callers hold: distributed on value, not co-located with subjects',
  record_sources:
    'the idempotency key (institution, source_ref), unique across subjects: distributed on source_ref, not co-located with subjects',
  contacts: 'keyed by identifier too',
  audit_entries: 'the Merkle log in seq order; subject_id is null for entries about no subject',
  audit_nodes: 'Merkle interior nodes by node id',
  change_feed: 'one global, gap-free sequence',
  outbox: 'a queue of messages by message id',
  check_replays: 'checks sent with an Idempotency-Key, by relying party and key, kept a day: distributed on key_tag',
};

interface Exception {
  readonly file: string;
  /** A piece of the statement's text (whitespace collapsed) that picks it out, or a pattern. */
  readonly contains: string | RegExp;
  readonly reason: string;
}

/** Statements that do not fit the rule yet, and why; docs/scale.md "What does not fit Citus yet" lists the same. */
const EXCEPTIONS: readonly Exception[] = [
  // The log and the feed: global order by design (appends serialised by their head row).
  { file: 'postgres-audit.ts', contains: 'COPY audit_entries', reason: 'audit log append (global seq order)' },
  { file: 'postgres-audit.ts', contains: 'COPY audit_nodes', reason: 'audit log append: Merkle nodes' },
  {
    file: 'postgres-audit.ts',
    contains: 'WITH head AS (UPDATE audit_head',
    reason: 'audit log append at a known size (one statement)',
  },
  {
    file: 'postgres-audit.ts',
    contains: 'FROM audit_entries WHERE seq = ANY',
    reason: 'Merkle proof reads nodes by id',
  },
  {
    file: 'postgres-store.ts',
    contains: 'FROM audit_entries WHERE seq >=',
    reason: 'log range read (tiles, verification)',
  },
  {
    file: 'postgres-store.ts',
    contains: 'FROM audit_entries WHERE subject_id = $1',
    reason: '"who looked": a subject filter, but on the log, which is not distributed by subject',
  },
  { file: 'postgres-feed.ts', contains: 'COPY change_feed', reason: 'change feed append (global seq order)' },
  { file: 'postgres-store.ts', contains: 'FROM change_feed WHERE seq >', reason: 'change feed read by followers' },
  // Identifier look-ups: what a caller holds is an identifier, not a subject id.
  {
    file: 'postgres-store.ts',
    contains: 'JOIN subject_identifiers i ON i.scheme = w.scheme',
    reason: 'check hot path: identifiers to subject ids (router query by value once distributed on value)',
  },
  {
    file: 'postgres-store.ts',
    contains: 'FROM subject_identifiers i JOIN subjects s',
    reason: 'subject by identifier: joins two tables on different keys',
  },
  {
    file: 'postgres-portal.ts',
    contains: 'FROM subject_identifiers i JOIN subjects s',
    reason: 'public lookup by identifier: joins two tables on different keys',
  },
  {
    file: 'postgres-write-transaction.ts',
    contains: 'FROM subject_identifiers i JOIN unnest',
    reason: 'ingest resolves identifiers to subjects',
  },
  {
    file: 'postgres-write-transaction.ts',
    contains: 'COPY subject_identifiers',
    reason: 'new identifiers (rows routed by value once distributed on value)',
  },
  {
    file: 'postgres-lists.ts',
    contains: 'FROM subject_identifiers WHERE subject_id = ANY',
    reason: 'identifiers of listed subjects: by subject, on a table keyed by identifier (fans out)',
  },
  {
    file: 'postgres-portal.ts',
    contains: 'FROM subject_identifiers WHERE subject_id = ANY',
    reason: 'identifiers of found organizations: by subject, on a table keyed by identifier (fans out)',
  },
  { file: 'postgres-outbox.ts', contains: 'contacts', reason: 'contacts are keyed by identifier' },
  // Idempotency keys: what a relying party holds is its key, not a subject id.
  {
    file: 'postgres-check-replays.ts',
    contains: 'check_replays',
    reason:
      'idempotency keys by relying party and key: a router query by key_tag once distributed on it; the purge, once a minute, fans out',
  },
  // Look-ups by an id that does not carry its subject.
  {
    file: 'postgres-write-transaction.ts',
    contains: 'FROM record_sources s JOIN unnest',
    reason:
      'idempotency: (institution, source_ref) is unique across subjects; a reference found leads to its record by (subject_id, id)',
  },
  {
    file: 'postgres-write-transaction.ts',
    contains: 'COPY record_sources',
    reason: 'the idempotency keys of new records (rows routed by source_ref once distributed on it)',
  },
  {
    file: 'record-versions-sql.ts',
    contains: 'WHERE r.id = $1 ORDER BY v.version',
    reason: 'record by id (GET /v1/records/{id}, corrections)',
  },
  {
    file: 'postgres-write-transaction.ts',
    contains: 'SELECT 1 FROM records WHERE id = $1 FOR UPDATE',
    reason: 'record lock by id before a correction',
  },
  {
    file: 'postgres-lists.ts',
    contains: 'WHERE basis_record_id = $1 OR removed_by = $1',
    reason: 'entries a record opened or removed, by record id',
  },
  {
    file: 'postgres-lists.ts',
    contains: 'AS r(subject_id, list_code, match_key, removed_at, removed_by, n) CROSS JOIN LATERAL',
    reason:
      "removal: the entries a batch's removing records end, their subjects' own or their named representatives' (through the basis record of another subject: cross-subject)",
  },
  {
    file: 'postgres-lists.ts',
    contains: 'AS hit(subject_id, id, removed_at, removed_by, n)',
    reason: 'removal: ends the entries found (above) by key, across the subjects of a batch',
  },
  { file: 'postgres-disputes.ts', contains: 'FROM disputes WHERE id = $1', reason: 'dispute by id' },
  {
    file: 'postgres-disputes.ts',
    contains: 'FROM dispute_evidence WHERE dispute_id = $1',
    reason: 'evidence by dispute id',
  },
  { file: 'postgres-disputes.ts', contains: 'FROM dispute_evidence WHERE id = $1', reason: 'evidence file by id' },
  {
    file: 'postgres-portal.ts',
    contains: 'FROM attestations WHERE id = $1',
    reason: 'attestation by the id in its QR link',
  },
  // Sweeps, queues and scans over every subject: multi-shard by nature.
  {
    file: 'postgres-lists.ts',
    contains: 'SET activation_announced_at',
    reason: 'sweeper: entries whose notice period ended (LIMIT … FOR UPDATE SKIP LOCKED across shards)',
  },
  {
    file: 'postgres-lists.ts',
    contains: 'SET expiry_announced_at',
    reason: 'sweeper: entries whose term ended (LIMIT … FOR UPDATE SKIP LOCKED across shards)',
  },
  {
    file: 'postgres-disputes.ts',
    contains: 'lapse_announced_at IS NULL AND deadline <=',
    reason: 'sweeper: disputes past their deadline',
  },
  {
    file: 'postgres-disputes.ts',
    contains: 'institution = $1) ORDER BY deadline',
    reason: 'reviewer queue: undecided disputes of an institution',
  },
  { file: 'postgres-disputes.ts', contains: 'FROM disputes WHERE id > $1', reason: 'admin scan: every dispute, paged' },
  {
    file: 'postgres-lists.ts',
    contains: 'SELECT DISTINCT subject_id FROM list_entries WHERE subject_id > $1',
    reason: 'screening index load at start: every open entry, paged',
  },
  { file: 'postgres-lists.ts', contains: 'subject_name ILIKE $1', reason: 'published list searched by name' },
  {
    file: 'postgres-lists.ts',
    contains: 'SELECT count(*) AS n FROM list_entries WHERE list_code = $1',
    reason: 'how many a published list holds',
  },
  {
    file: 'postgres-portal.ts',
    contains: 'public_name_bigrams(public_name) @> ARRAY[lower($1)]',
    reason: 'public lookup of organizations by two characters of a name (bigram index)',
  },
  {
    file: 'postgres-portal.ts',
    contains: "WHERE public_name IS NOT NULL AND public_name ILIKE $1 ESCAPE '\\' LIMIT $2",
    reason: 'public lookup of organizations by a part of a name (trigram index)',
  },
  {
    file: 'postgres-portal.ts',
    contains: 'ORDER BY (public_name COLLATE "C"), id LIMIT $4',
    reason: 'public lookup of a common part of a name, walking the names in order',
  },
  {
    file: 'postgres-ratings.ts',
    contains: 'FROM subjects WHERE id > $1',
    reason: 'full recompute: every subject, paged',
  },
  {
    file: 'postgres-ratings.ts',
    contains: '{{versionsSql}} WHERE r.subject_id BETWEEN',
    reason: 'full recompute: the records of a page of subjects (a range of hashed keys fans out)',
  },
  {
    file: 'postgres-store.ts',
    contains: 'SELECT (SELECT count(*) FROM subjects)',
    reason: 'counts for the operator (readiness, metrics)',
  },
  {
    file: 'record-versions-sql.ts',
    contains: /JOIN record_versions v ON v\.subject_id = r\.subject_id AND v\.record_id = r\.id$/,
    reason: 'the shared head of the record queries, completed with a filter where used',
  },
  {
    file: 'postgres-outbox.ts',
    contains: 'outbox',
    reason: 'the notification queue (claim with SKIP LOCKED, mark delivered by id)',
  },
];

const ALL_TABLES = { ...SUBJECT_TABLES, ...GLOBAL_TABLES, ...OTHER_TABLES };
const TABLE_REFERENCE = /\b(?:FROM|JOIN|INTO|UPDATE|COPY)\s+(\w+)/gi;
const SUBJECT_PREDICATE = /\b(?:\w+\.)?subject_id\s*=\s*(?:\$\d+|ANY\s*\(\s*\$\d+)/i;
const SUBJECT_JOIN = /\b\w+\.(?:subject_id|id)\s*=\s*\w+\.subject_id\b/gi;

function tablesOf(sql: string): string[] {
  return [
    ...new Set([...sql.matchAll(TABLE_REFERENCE)].map((m) => m[1]!.toLowerCase()).filter((name) => name in ALL_TABLES)),
  ];
}

/** The rule a statement fits, or undefined. */
function ruleOf(sql: string): string | undefined {
  if (sql.startsWith('{{')) return undefined; // built around text this reader cannot see: look at it
  const tables = tablesOf(sql);
  if (tables.every((t) => t in GLOBAL_TABLES)) return tables.length === 0 ? 'no table' : 'global tables only';
  if (tables.some((t) => t in OTHER_TABLES)) return undefined;
  const subjectTables = tables.filter((t) => t in SUBJECT_TABLES);
  // Citus routes each inserted row by its distribution column (NOT NULL in every subject table).
  if (subjectTables.length === 1 && new RegExp(`^(?:INSERT INTO|COPY) ${subjectTables[0]}\\b`, 'i').test(sql))
    return 'insert routed by subject';
  const coLocated = (sql.match(SUBJECT_JOIN) ?? []).length >= subjectTables.length - 1;
  return SUBJECT_PREDICATE.test(sql) && coLocated ? 'filters by subject' : undefined;
}

const statements: SqlStatement[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.ts') && f !== 'copy-rows.ts') // copy-rows.ts builds `COPY ${table}`: its call sites are read as statements
  .flatMap((f) => sqlStatements(join(DIR, f), f));
const exceptionOf = (s: SqlStatement) =>
  EXCEPTIONS.filter(
    (e) =>
      e.file === s.file && (typeof e.contains === 'string' ? s.text.includes(e.contains) : e.contains.test(s.text)),
  );

describe('PostgreSQL store statements and the Citus rule', () => {
  it('finds the statements in the source (the reader works)', () => {
    expect(statements.length).toBeGreaterThan(60);
    expect(statements.map((s) => s.text)).toContain(
      'COPY records (subject_id, id, institution, source_ref, type, body_hash, recorded_at) FROM STDIN',
    );
    expect(
      statements.some((s) => s.text.startsWith('SELECT * FROM list_entries WHERE subject_id = $1 AND list_code = $2')),
    ).toBe(true);
  });

  it('classifies every table of the schema exactly once (a partition is its table)', () => {
    const created = [
      ...readFileSync(join(DIR, 'postgres-migration-transaction.ts'), 'utf8').matchAll(
        /CREATE TABLE IF NOT EXISTS (\w+)/g,
      ),
      ...POSTGRES_MIGRATIONS.flatMap((m) => [...m.sql.matchAll(/CREATE TABLE (\w+)\b(?!\s+PARTITION OF)/g)]),
    ].map((m) => m[1]!);
    expect(new Set(created)).toEqual(new Set(Object.keys(ALL_TABLES)));
    const counted = [SUBJECT_TABLES, GLOBAL_TABLES, OTHER_TABLES].flatMap(Object.keys);
    expect(counted.length).toBe(new Set(counted).size);
  });

  it('has every statement filter by subject, touch only global tables, or be a listed exception', () => {
    const unruled = statements.filter((s) => ruleOf(s.text) === undefined);
    const unexplained = unruled.filter((s) => exceptionOf(s).length === 0);
    console.log(
      `${statements.length} statements, ${statements.length - unruled.length} fit the rule, ${unruled.length} exceptions:\n` +
        unruled
          .map(
            (s) =>
              `  ${s.file}:${s.line}  ${exceptionOf(s)[0]?.reason ?? 'NO RULE, NO EXCEPTION'}\n    ${s.text.slice(0, 140)}`,
          )
          .join('\n'),
    );
    expect(unexplained.map((s) => `${s.file}:${s.line} ${s.text}`)).toEqual([]);
  });

  it('lists no exception that a statement fitting the rule would hide, and none that matches nothing', () => {
    for (const e of EXCEPTIONS) {
      const matched = statements.filter((s) => exceptionOf(s).includes(e));
      expect(matched.length, `${e.file}: ${String(e.contains)}`).toBeGreaterThan(0);
      expect(
        matched.filter((s) => ruleOf(s.text) !== undefined).map((s) => `${s.file}:${s.line}`),
        `${e.file}: ${String(e.contains)}`,
      ).toEqual([]);
    }
  });

  it('tells a subject filter from a statement without one', () => {
    expect(ruleOf('SELECT * FROM list_entries WHERE subject_id = $1 ORDER BY listed_at')).toBe('filters by subject');
    expect(ruleOf('SELECT * FROM disputes WHERE subject_id = ANY($1)')).toBe('filters by subject');
    expect(ruleOf('SELECT * FROM list_entries WHERE subject_id > $1')).toBeUndefined();
    expect(ruleOf('SELECT * FROM disputes WHERE id = $1')).toBeUndefined();
    expect(
      ruleOf('SELECT * FROM records r JOIN record_versions v ON v.record_id = r.id WHERE r.subject_id = $1'),
    ).toBeUndefined();
    expect(ruleOf('SELECT * FROM subject_identifiers WHERE subject_id = $1')).toBeUndefined();
    expect(ruleOf('INSERT INTO ratings (subject_id) VALUES ($1)')).toBe('insert routed by subject');
    expect(ruleOf('SELECT size FROM audit_head FOR UPDATE')).toBe('global tables only');
  });
});
