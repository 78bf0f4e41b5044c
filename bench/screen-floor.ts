/**
 * The floor of `npm run bench:screen`: the least a check may cost under the principles, with
 * nothing of Probity around it. Each check resolves its subject (so that it can appear in the
 * subject's "who looked") and appends one audit row (the entry's text, its RFC 6962 leaf
 * hash, the subject index) made durable (SQLite WAL with synchronous = FULL; PostgreSQL with
 * fsync on) before the answer; checks that arrive together share a transaction. No
 * validation, no restrictions, no interior Merkle nodes, no check record hash.
 *
 *   node dist/bench/screen-floor.js server DB_URL        prints "listening on URL"; POST / takes one check
 *   node dist/bench/screen-floor.js batch DB_URL N S     N checks over S persons in chunks of 1,000; prints the
 *                                                       seconds spent resolving subjects and appending rows, as JSON
 *
 * DB_URL is `sqlite:FILE` or a PostgreSQL URL, holding the screening dataset.
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { personIdentifier } from './screen-dataset.js';

interface FloorCheck {
  readonly subject: { readonly scheme: string; readonly value: string };
  readonly action: string;
}

/** The two things a check must do, on one store. */
interface FloorStore {
  /** The subject of each check, or null for an identifier the registry does not know. */
  subjectsOf(checks: readonly FloorCheck[]): Promise<(string | null)[]>;
  /** Appends one row per check in one transaction, durable when this resolves. */
  append(checks: readonly FloorCheck[], subjects: readonly (string | null)[]): Promise<void>;
  close(): Promise<void>;
}

const time = new Date().toISOString();
/** A check's audit row: seq, subject, the entry's text and its RFC 6962 leaf hash. */
const auditRow = (seq: number, subject: string | null, check: FloorCheck): [number, string | null, string, Buffer] => {
  const entry = JSON.stringify({ action: 'check.performed', seq, subject, time, what: check.action });
  return [seq, subject, entry, createHash('sha256').update('\0').update(entry).digest()];
};

function sqliteFloor(file: string): FloorStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -32768');
  const subjectIdOf = db.prepare('SELECT subject_id FROM subject_identifiers WHERE scheme = ? AND value = ?').pluck();
  const insert = db.prepare('INSERT INTO audit_entries (seq, subject_id, entry, leaf_hash) VALUES (?, ?, ?, ?)');
  let size = db.prepare('SELECT coalesce(max(seq) + 1, 0) FROM audit_entries').pluck().get() as number;
  const append = db.transaction((checks: readonly FloorCheck[], subjects: readonly (string | null)[]) => {
    checks.forEach((check, i) => insert.run(...auditRow(size + i, subjects[i] ?? null, check)));
    size += checks.length;
  });
  return {
    async subjectsOf(checks) {
      return checks.map(
        (check) => (subjectIdOf.get(check.subject.scheme, check.subject.value) as string | undefined) ?? null,
      );
    },
    async append(checks, subjects) {
      append.immediate(checks, subjects);
    },
    async close() {
      db.close();
    },
  };
}

async function postgresFloor(url: string): Promise<FloorStore> {
  // Two connections, so that the next checks' subjects are read while a group is written.
  const [reader, writer] = [new pg.Client({ connectionString: url }), new pg.Client({ connectionString: url })];
  await Promise.all([reader.connect(), writer.connect()]);
  let size = Number(
    (await writer.query<{ size: string }>('SELECT coalesce(max(seq) + 1, 0) AS size FROM audit_entries')).rows[0]!.size,
  );
  return {
    async subjectsOf(checks) {
      const { rows } = await reader.query<{ n: string; subject_id: string }>({
        name: 'floor-subjects',
        text:
          'SELECT w.n, i.subject_id FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS w(scheme, value, n) ' +
          'JOIN subject_identifiers i ON i.scheme = w.scheme AND i.value = w.value',
        values: [checks.map((c) => c.subject.scheme), checks.map((c) => c.subject.value)],
      });
      const subjects: (string | null)[] = checks.map(() => null);
      for (const row of rows) subjects[Number(row.n) - 1] = row.subject_id;
      return subjects;
    },
    async append(checks, subjects) {
      const rows = checks.map((check, i) => auditRow(size + i, subjects[i] ?? null, check));
      await writer.query({
        name: 'floor-append',
        text: 'INSERT INTO audit_entries (seq, subject_id, entry, leaf_hash) SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bytea[])',
        values: [0, 1, 2, 3].map((column) => rows.map((row) => row[column])),
      });
      size += checks.length;
    },
    async close() {
      await Promise.all([reader.end(), writer.end()]);
    },
  };
}

const [mode, url, count, subjects] = process.argv.slice(2);
const store = url!.startsWith('sqlite:') ? sqliteFloor(url!.slice('sqlite:'.length)) : await postgresFloor(url!);

if (mode === 'server') {
  interface Waiting {
    readonly check: FloorCheck;
    readonly done: (error?: unknown) => void;
  }
  // The checks read in one turn have their subjects resolved together, then join the next
  // group to be written; one group is written at a time, the next gathering meanwhile.
  let unresolved: Waiting[] = [];
  let unwritten: (Waiting & { readonly subject: string | null })[] = [];
  let writing = false;
  const resolveTurn = async () => {
    const turn = unresolved;
    unresolved = [];
    try {
      const found = await store.subjectsOf(turn.map((item) => item.check));
      turn.forEach((item, i) => unwritten.push({ ...item, subject: found[i] ?? null }));
    } catch (error) {
      for (const item of turn) item.done(error);
    }
    if (!writing) void writeGroups();
  };
  const writeGroups = async () => {
    writing = true;
    while (unwritten.length > 0) {
      const group = unwritten;
      unwritten = [];
      const error = await store
        .append(
          group.map((item) => item.check),
          group.map((item) => item.subject),
        )
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      for (const item of group) item.done(error);
    }
    writing = false;
  };
  const app = Fastify({ logger: { level: 'warn' } });
  app.post(
    '/',
    (request) =>
      new Promise((resolve, reject) => {
        if (unresolved.length === 0) setImmediate(resolveTurn);
        unresolved.push({
          check: request.body as FloorCheck,
          done: (error) => (error ? reject(error) : resolve({ decision: 'allow' })),
        });
      }),
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.stdout.write(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
} else {
  const checks = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, k) => ({
      subject: { scheme: 'CN-RIC', value: personIdentifier(((from + k) * 7919) % Number(subjects)) },
      action: 'air.ticket.any',
    }));
  // Timed apart: resolving subjects (reads) and appending rows (writes), each a floor of its own.
  let lookupSeconds = 0;
  let writeSeconds = 0;
  const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
  for (let from = 0; from < Number(count); from += 1000) {
    const chunk = checks(from, Math.min(Number(count), from + 1000));
    const looked = process.hrtime.bigint();
    const found = await store.subjectsOf(chunk);
    lookupSeconds += seconds(looked);
    const written = process.hrtime.bigint();
    await store.append(chunk, found);
    writeSeconds += seconds(written);
  }
  await store.close();
  process.stdout.write(`${JSON.stringify({ lookupSeconds, writeSeconds })}\n`);
}
