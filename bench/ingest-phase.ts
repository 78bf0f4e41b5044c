/**
 * One timed phase of `npm run bench:ingest`, run in its own process so that its peak
 * RSS is its own. Prints one JSON line: { phase, records, seconds, maxRssMb }.
 *
 *   node dist/bench/ingest-phase.js PHASE FILE DB_URL
 *
 * Phases: `sqlite-baseline` (bare prepared-statement loop into a bare table), `sqlite-floor`
 * (only the writes the principles require: see sqlite-floor.ts),
 * `postgres-baseline` (COPY into a bare table), `probity` (the `probity ingest` code path),
 * `probity-without-audit` (the same, with the audit log's appends left out: bench:audit's baseline).
 */
import Database from 'better-sqlite3';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEFAULT_INGEST_BATCH, ingestFile } from '../src/cli/ingest-file.js';
import { loadConfig } from '../src/config.js';
import { withRegistry } from '../src/registry.js';
import { sqliteFloor } from './sqlite-floor.js';

interface Line {
  institution: string;
  type: string;
  sourceRef: string;
  subject: { scheme: string; value: string; name?: string };
  effectiveAt: string;
  payload: unknown;
}

/** The baselines commit as often as `probity ingest` does. */
const BATCH = DEFAULT_INGEST_BATCH;

async function* lines(file: string): AsyncGenerator<Line> {
  for await (const text of createInterface({
    input: createReadStream(file, { highWaterMark: 1 << 20 }),
    crlfDelay: Infinity,
  })) {
    if (text !== '') yield JSON.parse(text) as Line;
  }
}

/** Feeds the file's lines to `insertAll` in batches of BATCH (one transaction each); returns the count. */
async function inBatches(file: string, insertAll: (rows: readonly Line[]) => void): Promise<number> {
  let count = 0;
  let rows: Line[] = [];
  for await (const line of lines(file)) {
    rows.push(line);
    count++;
    if (rows.length === BATCH) {
      insertAll(rows);
      rows = [];
    }
  }
  insertAll(rows);
  return count;
}

/** The same rows as Probity stores, inserted one prepared statement at a time into one bare table. */
async function sqliteBaseline(file: string, url: string): Promise<number> {
  const db = new Database(url.slice('sqlite:'.length));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    'CREATE TABLE bare (institution TEXT, type TEXT, source_ref TEXT, scheme TEXT, value TEXT, name TEXT, effective_at TEXT, payload TEXT)',
  );
  const insert = db.prepare('INSERT INTO bare VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const count = await inBatches(
    file,
    db.transaction((rows: readonly Line[]) => {
      for (const r of rows) {
        insert.run(
          r.institution,
          r.type,
          r.sourceRef,
          r.subject.scheme,
          r.subject.value,
          r.subject.name ?? null,
          r.effectiveAt,
          JSON.stringify(r.payload),
        );
      }
    }),
  );
  db.close();
  return count;
}

/** The same rows COPYed into one bare table (text format). */
async function postgresBaseline(file: string, url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(
    'CREATE TABLE bare (institution text, type text, source_ref text, scheme text, value text, name text, effective_at timestamptz, payload jsonb)',
  );
  let count = 0;
  const escape = (v: string | undefined): string =>
    v === undefined
      ? '\\N'
      : v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
  async function* rows(): AsyncGenerator<string> {
    let chunk = '';
    for await (const r of lines(file)) {
      count++;
      chunk +=
        [
          r.institution,
          r.type,
          r.sourceRef,
          r.subject.scheme,
          r.subject.value,
          r.subject.name,
          r.effectiveAt,
          JSON.stringify(r.payload),
        ]
          .map(escape)
          .join('\t') + '\n';
      if (chunk.length >= 1 << 16) {
        yield chunk;
        chunk = '';
      }
    }
    if (chunk) yield chunk;
  }
  await pipeline(Readable.from(rows()), client.query(copyFrom('COPY bare FROM STDIN')));
  await client.end();
  return count;
}

async function probity(file: string, url: string, withoutAudit = false): Promise<number> {
  return withRegistry(
    { db: url, pack: loadConfig().pack, store: { benchmarkWithoutAuditLog: withoutAudit } },
    async (registry) => {
      const { summary } = await ingestFile(registry, { file, progress: false });
      if (summary.rejected > 0) throw new Error(`${summary.rejected} records were rejected`);
      return summary.accepted + summary.duplicates;
    },
  );
}

const PHASES = {
  'sqlite-baseline': sqliteBaseline,
  'sqlite-floor': (file: string, url: string) => inBatches(file, sqliteFloor(url.slice('sqlite:'.length))),
  'postgres-baseline': postgresBaseline,
  probity: (file: string, url: string) => probity(file, url),
  'probity-without-audit': (file: string, url: string) => probity(file, url, true),
} as const;

const [phase, file, url] = process.argv.slice(2) as [keyof typeof PHASES, string, string];
const run = PHASES[phase];
if (!run || !file || !url) {
  process.stderr.write(`usage: ingest-phase.js ${Object.keys(PHASES).join('|')} FILE DB_URL\n`);
  process.exit(2);
}
const started = process.hrtime.bigint();
const records = await run(file, url);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(
  JSON.stringify({ phase, records, seconds, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\n',
);
