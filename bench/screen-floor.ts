/**
 * The floor of `npm run bench:screen`: the least a check may cost under the principles, with
 * nothing of Probity around it. Each check resolves its subject (so that it can appear in the
 * subject's "who looked") and appends one audit row (the entry's text, its RFC 6962 leaf
 * hash, the subject index) made durable (WAL, synchronous = FULL) before the answer; checks
 * that arrive together share a transaction. No validation, no restrictions, no interior
 * Merkle nodes, no check record hash.
 *
 *   node dist/bench/screen-floor.js server DB_FILE        prints "listening on URL"; POST / takes one check
 *   node dist/bench/screen-floor.js batch DB_FILE N S     N checks over S persons in chunks of 1,000; prints the
 *                                                        seconds spent resolving subjects and appending rows, as JSON
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { createHash } from 'node:crypto';
import { personIdentifier } from './screen-dataset.js';

interface FloorCheck {
  readonly subject: { readonly scheme: string; readonly value: string };
  readonly action: string;
}

const [mode, file, count, subjects] = process.argv.slice(2);
const db = new Database(file!);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('cache_size = -32768');
const subjectIdOf = db.prepare('SELECT subject_id FROM subject_identifiers WHERE scheme = ? AND value = ?').pluck();
const insert = db.prepare('INSERT INTO audit_entries (seq, subject_id, entry, leaf_hash) VALUES (?, ?, ?, ?)');
let size = db.prepare('SELECT coalesce(max(seq) + 1, 0) FROM audit_entries').pluck().get() as number;
const time = new Date().toISOString();

/** The subject of each check, or null for an identifier the registry does not know. */
const subjectsOf = (checks: readonly FloorCheck[]): (string | null)[] =>
  checks.map((check) => (subjectIdOf.get(check.subject.scheme, check.subject.value) as string | undefined) ?? null);

/** Appends one row per check in one transaction. */
const append = db.transaction((checks: readonly FloorCheck[], subjects: readonly (string | null)[]) => {
  checks.forEach((check, i) => {
    const entry = JSON.stringify({ action: 'check.performed', seq: size, subject: subjects[i], time, what: check.action });
    insert.run(size++, subjects[i], entry, createHash('sha256').update('\0').update(entry).digest());
  });
});

if (mode === 'server') {
  let queue: { check: FloorCheck; done: () => void }[] = [];
  const flush = () => {
    const group = queue;
    queue = [];
    const checks = group.map((item) => item.check);
    append.immediate(checks, subjectsOf(checks));
    for (const item of group) item.done();
  };
  const app = Fastify({ logger: { level: 'warn' } });
  app.post('/', (request) => new Promise((resolve) => {
    if (queue.length === 0) setImmediate(flush);
    queue.push({ check: request.body as FloorCheck, done: () => resolve({ decision: 'allow' }) });
  }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  process.stdout.write(`listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);
} else {
  const checks = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, k) => ({ subject: { scheme: 'CN-RIC', value: personIdentifier(((from + k) * 7919) % Number(subjects)) }, action: 'air.ticket.any' }));
  // Timed apart: resolving subjects (reads) and appending rows (writes), each a floor of its own.
  let lookupSeconds = 0;
  let writeSeconds = 0;
  const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
  for (let from = 0; from < Number(count); from += 1000) {
    const chunk = checks(from, Math.min(Number(count), from + 1000));
    const looked = process.hrtime.bigint();
    const found = subjectsOf(chunk);
    lookupSeconds += seconds(looked);
    const written = process.hrtime.bigint();
    append.immediate(chunk, found);
    writeSeconds += seconds(written);
  }
  db.close();
  process.stdout.write(`${JSON.stringify({ lookupSeconds, writeSeconds })}\n`);
}
