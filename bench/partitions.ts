/**
 * What record partitions cost a read by subject (issue 15, docs/performance.md "Partitioning"):
 * such a read has no record id to prune by and probes every partition of records and
 * record_versions. Ingests N generated records with `probity ingest`, then times
 * PostgresStore.subjectRecords for the same subjects, one read at a time on one connection:
 * on a copy of the rows in the schema before partitioning (version 12), as migration 13 leaves
 * them, and with empty partitions added beyond the last until each table has 11 range
 * partitions (yearly ones after ten years), 37 (monthly, three years) and 121 (monthly, ten
 * years). Empty partitions cost the least a probe can: the figures are lower bounds.
 *
 *   npm run build && node dist/bench/partitions.js [--records 200000] [--reads 3000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { recordPeriods } from '../src/store/postgres/partition-ranges.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { createDatabase, startEmbeddedPostgres } from '../test/support/embedded-postgres.js';
import { copyTables, databaseAtVersion } from '../test/support/schema-version.js';
import { recordsFile, runPhase } from './bench-support.js';

const { values } = parseArgs({
  options: { records: { type: 'string', default: '200000' }, reads: { type: 'string', default: '3000' } },
});
const WARM_UP = 200;
const PARTITION_COUNTS = [11, 37, 121];

/** p50 and p99 of subjectRecords over `subjects`, in ms, after a warm-up. */
async function timeReads(store: PostgresStore, subjects: readonly string[]): Promise<string> {
  for (const id of subjects.slice(0, WARM_UP)) await store.subjectRecords(id);
  const ms: number[] = [];
  for (const id of subjects) {
    const start = process.hrtime.bigint();
    await store.subjectRecords(id);
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.floor(ms.length * q)]!.toFixed(2);
  return `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`;
}

/** Range partitions (not DEFAULT) of a table. */
async function rangePartitions(db: pg.Client, table: string): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    "SELECT count(*) AS n FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass AND pg_get_expr(c.relpartbound, c.oid) <> 'DEFAULT'",
    [table],
  );
  return Number(rows[0]!.n);
}

/** Adds `count` empty monthly partitions to records and record_versions, starting at `start` (beyond the last). */
async function addPartitions(db: pg.Client, start: Date, count: number): Promise<void> {
  for (const range of recordPeriods(start, 1, count - 1)) {
    for (const table of ['records', 'record_versions']) {
      await db.query(
        `CREATE TABLE ${table}_bench_${range.suffix} PARTITION OF ${table} FOR VALUES FROM ('${range.from}') TO ('${range.to}')`,
      );
    }
  }
  await db.query('ANALYZE');
}

const work = mkdtempSync(join(tmpdir(), 'probity-bench-partitions-'));
const file = recordsFile(Number(values.records), work);
const server = await startEmbeddedPostgres();
const lines: string[] = [];
try {
  const url = await createDatabase(server.adminUrl, 'bench_partitions');
  runPhase('ingest-phase.js', ['probity', file, url]);
  const unpartitioned = await databaseAtVersion(server.adminUrl, 12);
  await copyTables(url, unpartitioned);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  await db.query('VACUUM ANALYZE');
  const { rows } = await db.query<{ subject_id: string }>(
    'SELECT subject_id FROM (SELECT DISTINCT subject_id FROM records) s ORDER BY md5(subject_id) LIMIT $1',
    [Number(values.reads)],
  );
  const subjects = rows.map((row) => row.subject_id);

  // Version 12: the store's read is the same statement; the store is not migrated.
  const before = new PostgresStore(unpartitioned, {}, 1);
  const raw = new pg.Client({ connectionString: unpartitioned });
  await raw.connect();
  await raw.query('VACUUM ANALYZE');
  await raw.end();
  lines.push(`| one table (schema 12) | ${await timeReads(before, subjects)} |`);
  await before.close();

  const store = new PostgresStore(url, {}, 1);
  await store.migrate();
  lines.push(
    `| ${await rangePartitions(db, 'records')} + DEFAULT (as migrated) | ${await timeReads(store, subjects)} |`,
  );
  // Beyond every partition the store made: five years on.
  let next = new Date(Date.UTC(new Date().getUTCFullYear() + 5, 0, 1));
  for (const count of PARTITION_COUNTS) {
    const adding = count - (await rangePartitions(db, 'records'));
    await addPartitions(db, next, adding);
    next = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + adding, 1));
    lines.push(`| ${await rangePartitions(db, 'records')} + DEFAULT | ${await timeReads(store, subjects)} |`);
  }
  await store.close();
  await db.end();
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
process.stdout.write(
  `\nsubjectRecords, ${values.reads} subjects of ${Number(values.records).toLocaleString('en')} records, one connection, node ${process.version}\n\n` +
    '| range partitions of records and of record_versions | read by subject |\n|---|---|\n' +
    lines.join('\n') +
    '\n',
);
