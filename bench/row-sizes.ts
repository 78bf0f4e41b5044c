/**
 * Measured row sizes and WAL volume on PostgreSQL, the inputs of docs/scale.md (issue 15):
 * ingests N generated records with `probity ingest`, lets `probity serve` rate them, runs
 * single checks and one checks:batch through the screening API, and reports bytes per row
 * of every table and index, and the WAL (and fsyncs) each step wrote.
 *
 *   npm run build && node dist/bench/row-sizes.js [--records 100000] [--checks 20000] [--batch 20000]
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDatabase, startEmbeddedPostgres } from '../test/support/embedded-postgres.js';
import { CLI, recordsFile, sleep, startProcess } from './bench-support.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    checks: { type: 'string', default: '20000' },
    batch: { type: 'string', default: '20000' },
    concurrency: { type: 'string', default: '16' },
  },
});
const log = (line: string) => process.stderr.write(`${line}\n`);

/** One table's size: rows, heap (main fork), TOAST, every index by name, all in bytes. */
interface TableSize {
  readonly rows: number;
  readonly heap: number;
  readonly toast: number;
  readonly total: number;
  readonly indexes: Record<string, number>;
}
type Sizes = Record<string, TableSize>;
interface Wal {
  readonly lsn: string;
  readonly records: number;
  readonly fpi: number;
  readonly bytes: number;
  readonly syncs: number;
}

const work = mkdtempSync(join(tmpdir(), 'probity-bench-rowsizes-'));
const children: ChildProcess[] = [];
const postgres = await startEmbeddedPostgres();
try {
  const url = await createDatabase(postgres.adminUrl, 'probity_rowsizes');
  const db = new pg.Client({ connectionString: url });
  db.on('error', () => {}); // the server stops first when a step fails: that step's error is the one to see
  const file = recordsFile(Number(values.records), work);
  const cli = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8' }).trim();
  const keyFile = join(work, 'audit-log.key');
  cli('audit', 'keygen', '--out', keyFile);
  const airline = { authorization: `Bearer ${cli('keys', 'issue', '--relying-party', 'air-china', '--db', url)}` };
  await db.connect();
  const empty = await sizes(db);

  log(`probity ingest of ${values.records} records…`);
  const walBeforeIngest = await wal(db);
  let started = performance.now();
  cli('ingest', file, '--db', url);
  const ingestSeconds = (performance.now() - started) / 1000;
  const walAfterIngest = await wal(db);
  const afterIngest = await sizes(db);

  log('probity serve: index load and ratings…');
  const base = await startProcess(
    [CLI, 'serve', '--db', url, '--port', '0', '--audit-key', keyFile],
    /Probity API on (\S+) /,
    children,
  );
  for (let i = 0; i < 6000 && !(await fetch(`${base}/readyz`)).ok; i++) await sleep(100);
  await ratingsCaughtUp(db);
  const walBeforeChecks = await wal(db);
  const beforeChecks = await sizes(db);

  const persons = personIdentifiers(file);
  log(`${values.checks} single checks, ${values.concurrency} at a time…`);
  started = performance.now();
  await singleChecks(base, airline, persons, Number(values.checks), Number(values.concurrency));
  const singleSeconds = (performance.now() - started) / 1000;
  const walAfterSingle = await wal(db);
  const afterSingle = await sizes(db);

  log(`one checks:batch of ${values.batch}…`);
  await batchChecks(base, airline, persons, Number(values.batch));
  const walAfterBatch = await wal(db);
  const afterBatch = await sizes(db);

  const plans = await checkPathBuffers(db, persons[0]!);
  process.stdout.write(
    JSON.stringify(
      {
        records: Number(values.records),
        checks: Number(values.checks),
        batch: Number(values.batch),
        postgres: (await db.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version,
        settings: (
          await db.query('SELECT name, setting FROM pg_settings WHERE name = ANY($1)', [
            ['full_page_writes', 'wal_compression', 'checkpoint_timeout', 'max_wal_size', 'block_size'],
          ])
        ).rows,
        ingestSeconds,
        singleSeconds,
        wal: {
          ingest: walDiff(walBeforeIngest, walAfterIngest),
          ratingsAndIndexLoad: walDiff(walAfterIngest, walBeforeChecks),
          singleChecks: walDiff(walBeforeChecks, walAfterSingle),
          batchChecks: walDiff(walAfterSingle, walAfterBatch),
        },
        sizes: { empty, afterIngest, beforeChecks, afterSingle, afterBatch },
        checkPathBuffers: plans,
      },
      null,
      1,
    ) + '\n',
  );
  await db.end();
} finally {
  for (const child of children) child.kill('SIGTERM');
  await sleep(300);
  await postgres.stop();
  rmSync(work, { recursive: true, force: true });
}

/** Every table of the public schema: row count (exact), heap, TOAST and per-index bytes. */
async function sizes(db: pg.Client): Promise<Sizes> {
  const { rows: tables } = await db.query<{ name: string; heap: string; total: string; indexes: string }>(
    'SELECT c.relname AS name, pg_relation_size(c.oid) AS heap, pg_total_relation_size(c.oid) AS total, pg_indexes_size(c.oid) AS indexes ' +
      "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname",
  );
  const { rows: indexes } = await db.query<{ tbl: string; name: string; bytes: string }>(
    'SELECT t.relname AS tbl, i.relname AS name, pg_relation_size(i.oid) AS bytes FROM pg_index x ' +
      'JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace ' +
      "WHERE n.nspname = 'public' ORDER BY i.relname",
  );
  const result: Record<string, TableSize> = {};
  for (const t of tables) {
    const count = Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${t.name}`)).rows[0]!.n);
    const heap = Number(t.heap);
    const total = Number(t.total);
    result[t.name] = {
      rows: count,
      heap,
      total,
      toast: total - heap - Number(t.indexes),
      indexes: Object.fromEntries(indexes.filter((i) => i.tbl === t.name).map((i) => [i.name, Number(i.bytes)])),
    };
  }
  return result;
}

/** The WAL position now, and pg_stat_wal's counters once every backend has reported (an idle backend flushes its statistics within 10 s). */
async function wal(db: pg.Client): Promise<Wal> {
  const lsn = (await db.query<{ lsn: string }>('SELECT pg_current_wal_lsn() AS lsn')).rows[0]!.lsn;
  await sleep(11_000);
  const { rows } = await db.query<{ wal_records: string; wal_fpi: string; wal_bytes: string; wal_sync: string }>(
    'SELECT wal_records, wal_fpi, wal_bytes, wal_sync FROM pg_stat_wal',
  );
  const r = rows[0]!;
  return {
    lsn,
    records: Number(r.wal_records),
    fpi: Number(r.wal_fpi),
    bytes: Number(r.wal_bytes),
    syncs: Number(r.wal_sync),
  };
}

/** What a step wrote to the WAL: bytes by LSN, and from pg_stat_wal its records, full-page images and fsyncs. */
function walDiff(before: Wal, after: Wal) {
  return {
    lsnBytes: lsnToNumber(after.lsn) - lsnToNumber(before.lsn),
    records: after.records - before.records,
    fpi: after.fpi - before.fpi,
    syncs: after.syncs - before.syncs,
  };
}

function lsnToNumber(lsn: string): number {
  const [high, low] = lsn.split('/');
  return parseInt(high!, 16) * 2 ** 32 + parseInt(low!, 16);
}

/** Waits until the rating follower has read the whole feed, so later WAL is the checks' own. */
async function ratingsCaughtUp(db: pg.Client): Promise<void> {
  for (;;) {
    const { rows } = await db.query<{ behind: string }>(
      'SELECT (SELECT last_seq FROM feed_head) - (SELECT feed_seq FROM rating_cursor) AS behind',
    );
    if (Number(rows[0]!.behind) <= 0) return;
    await sleep(500);
  }
}

/** The resident identity numbers the file's records name (subjects that exist, so each check lands in the subject index). */
function personIdentifiers(file: string): string[] {
  const values = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /"scheme":"CN-RIC","value":"(\d{17}[\dX])"/.exec(line);
    if (match) values.add(match[1]!);
  }
  return [...values];
}

function checkBody(value: string): string {
  return JSON.stringify({ subject: { scheme: 'CN-RIC', value }, action: 'air.ticket.any', purpose: 'ticket_sale' });
}

async function singleChecks(
  base: string,
  headers: Record<string, string>,
  persons: readonly string[],
  count: number,
  concurrency: number,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const response = await fetch(`${base}/v1/checks`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: checkBody(persons[i % persons.length]!),
      });
      if (response.status !== 200) throw new Error(`check answered ${response.status}: ${await response.text()}`);
      await response.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

async function batchChecks(
  base: string,
  headers: Record<string, string>,
  persons: readonly string[],
  count: number,
): Promise<void> {
  const body =
    Array.from({ length: count }, (_, i) => checkBody(persons[(i * 7919) % persons.length]!)).join('\n') + '\n';
  const response = await fetch(`${base}/v1/checks:batch`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/x-ndjson' },
    body,
  });
  const text = await response.text();
  if (response.status !== 200 || !text.includes(`"checks":${count}`))
    throw new Error(`checks:batch answered ${response.status}: ${text.slice(-300)}`);
}

/** Buffers (8 KiB pages) the check path's reads touch: the identifier look-up and the subject's open listings. */
async function checkPathBuffers(db: pg.Client, value: string): Promise<Record<string, unknown>> {
  const plan = async (sql: string, params: unknown[]) =>
    (
      await db.query<{ 'QUERY PLAN': [{ Plan: Record<string, unknown> }] }>(
        `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) ${sql}`,
        params,
      )
    ).rows[0]!['QUERY PLAN'][0].Plan;
  const lookup = await plan('SELECT subject_id FROM subject_identifiers WHERE scheme = $1 AND value = $2', [
    'CN-RIC',
    value,
  ]);
  const { rows } = await db.query<{ subject_id: string }>(
    'SELECT subject_id FROM subject_identifiers WHERE scheme = $1 AND value = $2',
    ['CN-RIC', value],
  );
  const history = await plan('SELECT seq FROM audit_entries WHERE subject_id = $1 ORDER BY seq LIMIT 100', [
    rows[0]!.subject_id,
  ]);
  const pick = (p: Record<string, unknown>) => ({ hit: p['Shared Hit Blocks'], read: p['Shared Read Blocks'] });
  return { identifierLookup: pick(lookup), whoLookedPage: pick(history) };
}
