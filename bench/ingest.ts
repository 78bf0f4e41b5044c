/**
 * `npm run bench:ingest [-- --records N --runs R]`: generates N records (default
 * 1,000,000) with `probity gen` and ingests them through the `probity ingest` code path
 * into SQLite and into PostgreSQL, timing in the same run the baselines: a bare
 * prepared-statement loop (SQLite) and COPY (PostgreSQL) into a bare table, and on SQLite the
 * floor: only the writes the principles require (sqlite-floor.ts). Each phase
 * runs in its own process on a fresh database; figures are medians over the runs.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, startEmbeddedPostgres } from '../test/support/embedded-postgres.js';
import { median, recordsFile, runPhase } from './bench-support.js';

interface PhaseResult {
  readonly phase: string;
  readonly records: number;
  readonly seconds: number;
  readonly maxRssMb: number;
}

const { values } = parseArgs({
  options: { records: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '3' } },
});
const records = Number(values.records);
const runs = Number(values.runs);
const work = mkdtempSync(join(tmpdir(), 'probity-bench-'));
const file = recordsFile(records, work);

function phase(name: string, db: string): PhaseResult {
  const result = runPhase<PhaseResult>('ingest-phase.js', [name, file, db]);
  if (result.records !== records) throw new Error(`${name} stored ${result.records} of ${records} records`);
  return result;
}

const postgres = await startEmbeddedPostgres();
const results: Record<string, PhaseResult[]> = {};
try {
  for (let run = 1; run <= runs; run++) {
    const sqlite = (name: string) => `sqlite:${join(work, `${name}-${run}.db`)}`;
    for (const [key, name, db] of [
      ['sqlite baseline', 'sqlite-baseline', sqlite('baseline')],
      ['sqlite floor', 'sqlite-floor', sqlite('floor')],
      ['sqlite probity', 'probity', sqlite('probity')],
      ['postgres baseline', 'postgres-baseline', await createDatabase(postgres.adminUrl, 'bench_baseline')],
      ['postgres probity', 'probity', await createDatabase(postgres.adminUrl, 'bench_probity')],
    ] as const) {
      const result = phase(name, db);
      (results[key] ??= []).push(result);
      process.stderr.write(
        `run ${run} ${key}: ${Math.round(result.records / result.seconds)} records/s, peak RSS ${result.maxRssMb} MB\n`,
      );
      if (db.startsWith('sqlite:'))
        for (const suffix of ['', '-wal', '-shm']) rmSync(db.slice(7) + suffix, { force: true });
    }
  }
} finally {
  await postgres.stop();
  rmSync(work, { recursive: true, force: true });
}

const rate = (key: string) => median(results[key]!.map((r) => r.records / r.seconds));
const rss = (key: string) => Math.max(...results[key]!.map((r) => r.maxRssMb));
const rows = [
  ['SQLite', rate('sqlite probity'), rate('sqlite baseline'), rss('sqlite probity'), 0.5, 80_000],
  ['PostgreSQL', rate('postgres probity'), rate('postgres baseline'), rss('postgres probity'), 0.3, 0],
] as const;
process.stdout.write(
  `\ningest of ${records.toLocaleString('en')} records, median of ${runs} run(s), node ${process.version}\n\n` +
    '| store | Probity records/s | baseline records/s | ratio (target) | peak RSS MB (target < 400) |\n|---|---|---|---|---|\n' +
    rows
      .map(
        ([store, probity, baseline, peak, target, floor]) =>
          `| ${store} | ${Math.round(probity)}${floor ? ` (target ≥ ${floor})` : ''} | ${Math.round(baseline)} | ` +
          `${(probity / baseline).toFixed(2)}x (≥ ${target}x) | ${peak} |`,
      )
      .join('\n') +
    '\n' +
    `\nSQLite floor (only the writes the principles require): ${Math.round(rate('sqlite floor'))} records/s, ` +
    `${(rate('sqlite floor') / rate('sqlite baseline')).toFixed(2)}x the baseline; Probity is ` +
    `${(rate('sqlite probity') / rate('sqlite floor')).toFixed(2)}x the floor\n`,
);
