/**
 * The store `npm run bench:screen` works on: S persons, every 10th with an entry in force
 * on the list of dishonest judgment debtors. Written straight into the tables (this is a
 * fixture, not what is measured: ingest has its own bench), kept in the temp folder
 * between runs, and copied for each run because the server appends audit entries.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { syntheticPerson } from '../src/gen/synthetic-subjects.js';
import { Random } from '../src/gen/random.js';
import { ulidFactory } from '../src/services/clock.js';
import { openStore } from '../src/store/open-store.js';
import { copyRows, type CopyValue } from '../src/store/postgres/copy-rows.js';

export const RESTRICTED_EVERY = 10;
const BATCH = 100_000;
const LISTED = '2026-01-01T00:00:00.000Z';
const UNTIL = '2030-01-01T00:00:00.000Z';

/** The identifier of the i-th person of the dataset (restricted when i % 10 === 0). */
export function personIdentifier(i: number, random = new Random(1)): string {
  return syntheticPerson(i, random).value;
}

export async function screenDataset(subjects: number): Promise<string> {
  const dir = join(tmpdir(), `probity-bench-screen-${subjects}`);
  const path = join(dir, 'store.db');
  if (existsSync(join(dir, 'ready'))) return path;
  mkdirSync(dir, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  process.stderr.write(`building the screening dataset in ${dir} (a few minutes; kept for later runs)\n`);
  const store = await openStore(`sqlite:${path}`);
  await store.close();
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const subject = db.prepare('INSERT INTO subjects (id, kind, created_at) VALUES (?, ?, ?)');
  const identifier = db.prepare(
    'INSERT INTO subject_identifiers (scheme, value, subject_id, created_at) VALUES (?, ?, ?, ?)',
  );
  const entry = db.prepare(
    'INSERT INTO list_entries (subject_id, id, list_code, basis_record_id, listed_at, active_from, until, match_key, recorded_at) ' +
      'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const newId = ulidFactory();
  const random = new Random(1);
  const insert = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = newId();
      subject.run(id, 'person', LISTED);
      identifier.run('CN-RIC', personIdentifier(i, random), id, LISTED);
      if (i % RESTRICTED_EVERY === 0)
        entry.run(id, newId(), 'dishonest-judgment-debtors', newId(), LISTED, LISTED, UNTIL, `case-${i}`, LISTED);
    }
  });
  for (let from = 0; from < subjects; from += BATCH) {
    insert(from, Math.min(subjects, from + BATCH));
    if ((from / BATCH) % 10 === 9) process.stderr.write(`  ${from + BATCH} subjects\n`);
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  writeFileSync(join(dir, 'ready'), '');
  return path;
}

/** What PostgreSQL gets of the SQLite dataset: the tables screening reads, column for column. */
const COPIED_TABLES = [
  ['subjects', ['id', 'kind', 'created_at']],
  ['subject_identifiers', ['scheme', 'value', 'subject_id', 'created_at']],
  [
    'list_entries',
    [
      'subject_id',
      'id',
      'list_code',
      'basis_record_id',
      'listed_at',
      'active_from',
      'until',
      'match_key',
      'recorded_at',
    ],
  ],
] as const;

/**
 * The same dataset in a fresh PostgreSQL database (`url`, migrated here): the SQLite
 * dataset's rows streamed in with COPY, then ANALYZE so the planner knows the sizes.
 */
export async function copyScreenDatasetToPostgres(sqlitePath: string, url: string): Promise<void> {
  await (await openStore(url)).close();
  const source = new Database(sqlitePath, { readonly: true });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const [table, columns] of COPIED_TABLES) {
      process.stderr.write(`  copying ${table} into PostgreSQL\n`);
      const rows = source
        .prepare(`SELECT ${columns.join(', ')} FROM ${table}`)
        .raw()
        .iterate() as IterableIterator<CopyValue[]>;
      await copyRows(client, table, columns, rows);
    }
    await client.query('ANALYZE');
  } finally {
    await client.end();
    source.close();
  }
}
