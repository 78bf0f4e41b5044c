import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ulid } from 'ulid';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { NoteSigner } from '../../src/domain/audit/signed-note.js';
import { AuditLog } from '../../src/services/audit-log.js';
import { storeAuditSource, verifyAuditLog } from '../../src/services/audit-verify.js';
import { ulidFactory } from '../../src/services/clock.js';
import { recordPeriods } from '../../src/store/postgres/partition-ranges.js';
import { PostgresStore } from '../../src/store/postgres/postgres-store.js';
import { createDatabase } from '../support/embedded-postgres.js';
import { copyTables, databaseAtVersion } from '../support/schema-version.js';
import { submission } from '../support/store-fixture.js';

const T0 = '2026-01-02T03:04:05.000Z';

/** The middle of the year `n` years after this one (UTC). */
function yearsLater(n: number): Date {
  return new Date(Date.UTC(new Date().getUTCFullYear() + n, 6, 1));
}

/** Rows of each partition of `table`, by partition name. */
async function rowsByPartition(db: pg.Client, table: string): Promise<Record<string, number>> {
  const { rows } = await db.query<{ part: string; n: string }>(
    `SELECT tableoid::regclass::text AS part, count(*) AS n FROM ${table} GROUP BY 1`,
  );
  return Object.fromEntries(rows.map((row) => [row.part, Number(row.n)]));
}

/** The partitions of `table` with their bounds as PostgreSQL prints them. */
async function partitionsOf(db: pg.Client, table: string): Promise<Record<string, string>> {
  const { rows } = await db.query<{ name: string; bound: string }>(
    'SELECT c.relname AS name, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass',
    [table],
  );
  return Object.fromEntries(rows.map((row) => [row.name, row.bound]));
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

describe('PostgreSQL partitioning (migration 13)', () => {
  let url: string;
  let store: PostgresStore;
  let db: pg.Client;
  const newId = ulidFactory();

  beforeEach(async () => {
    url = await createDatabase(inject('postgresAdminUrl'));
    store = new PostgresStore(url);
    await store.migrate();
    db = await connect(url);
  });
  afterEach(async () => {
    await db.end();
    await store.close();
  });

  describe('after the migration', () => {
    it('partitions records and record_versions by record id and audit_entries by seq, by range', async () => {
      const { rows } = await db.query<{ table: string; strategy: string; key: string }>(
        'SELECT p.partrelid::regclass::text AS table, p.partstrat AS strategy, a.attname AS key FROM pg_partitioned_table p ' +
          'JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0] ORDER BY 1',
      );
      expect(rows).toEqual([
        { table: 'audit_entries', strategy: 'r', key: 'seq' },
        { table: 'record_versions', strategy: 'r', key: 'record_id' },
        { table: 'records', strategy: 'r', key: 'id' },
      ]);
    });

    it('keeps every index the tables had as a partitioned index, and the idempotency key in record_sources', async () => {
      const { rows } = await db.query<{ name: string; definition: string }>(
        "SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE tablename IN ('records', 'record_versions', 'audit_entries', 'record_sources') ORDER BY 1",
      );
      expect(rows.map((r) => r.name)).toEqual([
        'audit_entries_pkey',
        'audit_entries_subject',
        'record_sources_pkey',
        'record_versions_pkey',
        'records_id',
        'records_pkey',
      ]);
      expect(rows.find((r) => r.name === 'audit_entries_subject')!.definition).toContain(
        'WHERE (subject_id IS NOT NULL)',
      );
      expect(rows.find((r) => r.name === 'record_sources_pkey')!.definition).toContain(
        'UNIQUE INDEX record_sources_pkey ON public.record_sources USING btree (institution, source_ref)',
      );
      // The indexes of the tables as they were are partitions of the new ones, not rebuilt beside them.
      const attached = await db.query<{ child: string; parent: string }>(
        "SELECT inhrelid::regclass::text AS child, inhparent::regclass::text AS parent FROM pg_inherits WHERE inhrelid::regclass::text LIKE '%_initial_%' ORDER BY 1",
      );
      expect(attached.rows).toEqual([
        { child: 'audit_entries_initial_pkey', parent: 'audit_entries_pkey' },
        { child: 'audit_entries_initial_subject', parent: 'audit_entries_subject' },
        { child: 'record_versions_initial_pkey', parent: 'record_versions_pkey' },
        { child: 'records_initial_id', parent: 'records_id' },
        { child: 'records_initial_pkey', parent: 'records_pkey' },
      ]);
    });

    it('has the initial partition up to the end of this year, next year made ahead, and DEFAULT', async () => {
      const [current, next] = recordPeriods(new Date());
      for (const table of ['records', 'record_versions']) {
        expect(await partitionsOf(db, table)).toEqual({
          [`${table}_initial`]: `FOR VALUES FROM (MINVALUE) TO ('${current!.to}')`,
          [`${table}_${next!.suffix}`]: `FOR VALUES FROM ('${next!.from}') TO ('${next!.to}')`,
          [`${table}_default`]: 'DEFAULT',
        });
      }
      expect(await partitionsOf(db, 'audit_entries')).toEqual({
        audit_entries_initial: "FOR VALUES FROM (MINVALUE) TO ('100000000')",
        audit_entries_from_100000000: "FOR VALUES FROM ('100000000') TO ('200000000')",
        audit_entries_default: 'DEFAULT',
      });
    });
  });

  describe('when records are written', () => {
    it("puts records and versions made now in this year's partition and their log entries in the seq range, none in DEFAULT", async () => {
      const outcomes = await store.ingest({ items: [submission('A'), submission('B')], recordedAt: T0, newId });
      await store.appendVersion(outcomes[0]!.id, () => ({
        ok: true,
        version: {
          action: 'corrected',
          effectiveAt: T0,
          recordedAt: T0,
          payload: { amount: 1, currency: 'CNY' },
          reason: 'typo',
        },
      }));
      expect(await rowsByPartition(db, 'records')).toEqual({ records_initial: 2 });
      expect(await rowsByPartition(db, 'record_versions')).toEqual({ record_versions_initial: 3 });
      expect(await rowsByPartition(db, 'audit_entries')).toEqual({ audit_entries_initial: 4 });
      expect(await rowsByPartition(db, 'record_sources')).toEqual({ record_sources: 2 });
    });

    it("puts a record made next year in next year's partition", async () => {
      const next = recordPeriods(new Date())[1]!;
      const nextYearId = () => ulid(yearsLater(1).getTime());
      const [outcome] = await store.ingest({ items: [submission('A')], recordedAt: T0, newId: nextYearId });
      expect(outcome!.id >= next.from && outcome!.id < next.to).toBe(true);
      expect(await rowsByPartition(db, 'records')).toEqual({ [`records_${next.suffix}`]: 1 });
      expect(await rowsByPartition(db, 'record_versions')).toEqual({ [`record_versions_${next.suffix}`]: 1 });
      expect((await store.record(outcome!.id))?.sourceRef).toBe('A');
    });

    it('reads a record by id from one partition of each table', async () => {
      const [outcome] = await store.ingest({ items: [submission('A')], recordedAt: T0, newId });
      await store.ensurePartitions(yearsLater(3));
      const { rows } = await db.query<{ 'QUERY PLAN': unknown }>(
        'EXPLAIN (FORMAT JSON) SELECT r.id, v.version FROM records r JOIN record_versions v ON v.subject_id = r.subject_id AND v.record_id = r.id WHERE r.id = $1',
        [outcome!.id],
      );
      const scanned = JSON.stringify(rows[0]!['QUERY PLAN']).match(/(?<="Relation Name":")\w+/g);
      expect(scanned?.sort()).toEqual(['record_versions_initial', 'records_initial']);
    });
  });

  describe('ensurePartitions', () => {
    it("makes the partitions of a later year and of the log's next range, and nothing on a second run", async () => {
      const inAYear = yearsLater(1);
      const ahead = recordPeriods(inAYear)[1]!;
      expect(await store.ensurePartitions(inAYear)).toEqual({
        created: [`records_${ahead.suffix}`, `record_versions_${ahead.suffix}`],
        heldByDefault: [],
      });
      expect(await store.ensurePartitions(inAYear)).toEqual({ created: [], heldByDefault: [] });

      // A log of 150 million entries (the head only: nothing else reads the tree here).
      await db.query('UPDATE audit_head SET size = 150000000');
      expect(await store.ensurePartitions(new Date())).toEqual({
        created: ['audit_entries_from_200000000'],
        heldByDefault: [],
      });
      await db.query("INSERT INTO audit_entries (seq, entry, leaf_hash) VALUES (150000000, '{}', '\\x00')");
      expect(await rowsByPartition(db, 'audit_entries')).toEqual({ audit_entries_from_100000000: 1 });
    });

    it('leaves a range whose rows already are in DEFAULT there, and makes the ranges after it', async () => {
      const inFourYears = yearsLater(4);
      const [late, ...later] = recordPeriods(inFourYears);
      // Rows no partition covered yet (made far ahead of the partitions) went to DEFAULT.
      await db.query("INSERT INTO records VALUES ('s', $1, 'i', 'r', 't', 'h', now())", [
        `${late!.from}${'0'.repeat(16)}`,
      ]);
      expect(await rowsByPartition(db, 'records')).toEqual({ records_default: 1 });
      expect(await store.ensurePartitions(inFourYears)).toEqual({
        created: [
          ...later.map((m) => `records_${m.suffix}`),
          `record_versions_${late!.suffix}`,
          ...later.map((m) => `record_versions_${m.suffix}`),
        ],
        heldByDefault: [`records_${late!.suffix}`],
      });
      expect(await rowsByPartition(db, 'records')).toEqual({ records_default: 1 });
    });
  });
});

describe('A PostgreSQL database of schema version 12 with rows in it, migrated', () => {
  const newId = ulidFactory();
  const signer = new NoteSigner('probity.test/partitioning', randomBytes(32));
  const items = [
    submission('A'),
    submission('B', {
      subject: { scheme: 'CN-USCC', value: '91350100M000100Y43', kind: 'organization', name: 'Acme' },
    }),
    submission('C'),
  ];

  it('keeps every row in the initial partitions, stays idempotent and its log verifies', async () => {
    // Rows made by the real write path (on a current database), one of them from 2020.
    const sourceUrl = await createDatabase(inject('postgresAdminUrl'));
    const source = new PostgresStore(sourceUrl);
    await source.migrate();
    const oldId = ulid(Date.parse('2020-05-01T00:00:00Z'));
    const ids = [oldId, newId(), newId(), newId(), newId()];
    const written = await source.ingest({ items, recordedAt: T0, newId: () => ids.shift()! });
    await source.appendAudit([
      {
        time: T0,
        actor: { kind: 'relying_party', id: 'rp' },
        action: 'record.read',
        subject: 'x',
        object: { kind: 'record', id: oldId },
        objectHash: 'ab'.repeat(32),
      },
    ]);
    await new AuditLog({ store: source, clock: { now: () => new Date(T0) }, signer }).publishCheckpoint();
    const before = await source.counts();
    await source.close();

    const url = await databaseAtVersion(inject('postgresAdminUrl'), 12);
    await copyTables(sourceUrl, url);
    const store = new PostgresStore(url);
    await store.migrate();
    const db = await connect(url);
    try {
      expect(await store.counts()).toEqual(before);
      expect(await rowsByPartition(db, 'records')).toEqual({ records_initial: 3 });
      expect(await rowsByPartition(db, 'record_versions')).toEqual({ record_versions_initial: 3 });
      expect(await rowsByPartition(db, 'record_sources')).toEqual({ record_sources: 3 });
      expect((await store.record(oldId))?.sourceRef).toBe('A');

      const again = await store.ingest({ items, recordedAt: T0, newId });
      expect(again).toEqual(written.map((w, i) => ({ status: 'exists', id: w.id, bodyHash: items[i]!.bodyHash })));
      expect(await store.counts()).toEqual(before);

      const report = await verifyAuditLog({
        source: storeAuditSource(store, new AuditLog({ store, clock: { now: () => new Date() } })),
        verifiers: [signer.verifier()],
      });
      expect(report).toMatchObject({ ok: true, size: 6, checkpointsVerified: 1, signedSize: 6, problems: [] });
    } finally {
      await db.end();
      await store.close();
    }
  });
});
