/**
 * `npm run bench:ingest [-- --records N --runs R]`: generates N records (default
 * 1,000,000) with `probity gen` and ingests them through the `probity ingest` code path
 * into SQLite and into PostgreSQL, timing in the same run the baselines: a bare
 * prepared-statement loop (SQLite) and COPY (PostgreSQL) into a bare table. Each phase
 * runs in its own process on a fresh database; figures are medians over the runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createDatabase, startEmbeddedPostgres } from '../test/support/embedded-postgres.js';

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
const here = fileURLToPath(new URL('.', import.meta.url));
const cli = join(here, '..', 'src', 'cli', 'main.js');
const phaseScript = join(here, 'ingest-phase.js');
const work = mkdtempSync(join(tmpdir(), 'probity-bench-'));

const file = join(work, `records-${records}.ndjson`);
if (!existsSync(file)) {
  // About 0.75 records per person with the generator's skew: size the population to reach N.
  const persons = Math.ceil(records * 1.4);
  execFileSync(process.execPath, [
    cli, 'gen', '--persons', String(persons), '--orgs', String(Math.ceil(persons / 14)), '--gov', '2000',
    '--seed', '1', '--records', String(records), '--as-of', '2026-01-01', '--out', file,
  ]);
}

function phase(name: string, db: string): PhaseResult {
  const output = execFileSync(process.execPath, [phaseScript, name, file, db], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const result = JSON.parse(output.trim().split('\n').at(-1)!) as PhaseResult;
  if (result.records !== records) throw new Error(`${name} stored ${result.records} of ${records} records`);
  return result;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const postgres = await startEmbeddedPostgres();
const results: Record<string, PhaseResult[]> = {};
try {
  for (let run = 1; run <= runs; run++) {
    const sqlite = (name: string) => `sqlite:${join(work, `${name}-${run}.db`)}`;
    for (const [key, name, db] of [
      ['sqlite baseline', 'sqlite-baseline', sqlite('baseline')],
      ['sqlite probity', 'probity', sqlite('probity')],
      ['postgres baseline', 'postgres-baseline', await createDatabase(postgres.adminUrl, 'bench_baseline')],
      ['postgres probity', 'probity', await createDatabase(postgres.adminUrl, 'bench_probity')],
    ] as const) {
      const result = phase(name, db);
      (results[key] ??= []).push(result);
      process.stderr.write(`run ${run} ${key}: ${Math.round(result.records / result.seconds)} records/s, peak RSS ${result.maxRssMb} MB\n`);
      if (db.startsWith('sqlite:')) for (const suffix of ['', '-wal', '-shm']) rmSync(db.slice(7) + suffix, { force: true });
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
      .map(([store, probity, baseline, peak, target, floor]) =>
        `| ${store} | ${Math.round(probity)}${floor ? ` (target ≥ ${floor})` : ''} | ${Math.round(baseline)} | ` +
        `${(probity / baseline).toFixed(2)}x (≥ ${target}x) | ${peak} |`,
      )
      .join('\n') +
    '\n',
);
