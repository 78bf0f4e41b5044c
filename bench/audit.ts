/**
 * `npm run bench:audit [-- --records N --log-size L --verify-size V --runs R --samples S]`
 *
 * 1. Bulk ingest of N records (default 1,000,000) through the `probity ingest` path with
 *    and without the audit log, on SQLite and PostgreSQL (target: the log costs <= 30%).
 * 2. The append path (entries/s through the store, sealed, hashed, subtrees stored)
 *    against the raw node:crypto SHA-256 rate of entry-sized inputs, in the same run.
 * 3. Inclusion and consistency proof latency on a log of L entries (default 10,000,000;
 *    target < 1 ms median), both stores; --log-size 0 skips it.
 * 4. `probity audit verify --db` of a log of V entries (default 1,000,000; target < 10 s).
 *
 * Every phase runs in its own process on a fresh database; figures are medians over R runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, startEmbeddedPostgres } from '../test/support/embedded-postgres.js';
import { BENCH_LOG_KEY, CLI, median, recordsFile, runPhase } from './bench-support.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '1000000' },
    'log-size': { type: 'string', default: '10000000' },
    'verify-size': { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    samples: { type: 'string', default: '2000' },
  },
});
const records = Number(values.records);
const logSize = Number(values['log-size']);
const verifySize = Number(values['verify-size']);
const runs = Number(values.runs);
const samples = Number(values.samples);
const work = mkdtempSync(join(tmpdir(), 'probity-bench-audit-'));
const log = (line: string) => process.stderr.write(`${line}\n`);

interface Ingest {
  records: number;
  seconds: number;
  maxRssMb: number;
}
interface Append {
  entries: number;
  seconds: number;
  perSecond: number;
}
interface Hash {
  sha256PerSecond: number;
  sealPerSecond: number;
}
interface Proofs {
  size: number;
  inclusionMedianMs: number;
  inclusionP99Ms: number;
  consistencyMedianMs: number;
  consistencyP99Ms: number;
}

const postgres = await startEmbeddedPostgres();
const sqliteUrl = (name: string) => `sqlite:${join(work, `${name}.db`)}`;
const dropSqlite = (url: string) => {
  if (url.startsWith('sqlite:'))
    for (const suffix of ['', '-wal', '-shm']) rmSync(url.slice(7) + suffix, { force: true });
};
const results = {
  ingest: {} as Record<string, number[]>,
  rss: {} as Record<string, number[]>,
  append: {} as Record<string, number[]>,
  hash: [] as Hash[],
  proofs: {} as Record<string, Proofs>,
  verify: [] as number[],
};

try {
  const file = recordsFile(records, work);
  for (let run = 1; run <= runs; run++) {
    for (const store of ['sqlite', 'postgres'] as const) {
      for (const phase of ['probity', 'probity-without-audit'] as const) {
        const db =
          store === 'sqlite'
            ? sqliteUrl(`ingest-${phase}`)
            : await createDatabase(postgres.adminUrl, `bench_${phase.replace(/-/g, '_')}`);
        const result = runPhase<Ingest>('ingest-phase.js', [phase, file, db]);
        if (result.records !== records) throw new Error(`${phase} stored ${result.records} of ${records}`);
        (results.ingest[`${store} ${phase}`] ??= []).push(records / result.seconds);
        (results.rss[`${store} ${phase}`] ??= []).push(result.maxRssMb);
        log(
          `run ${run} ${store} ingest ${phase}: ${Math.round(records / result.seconds)} records/s, peak RSS ${result.maxRssMb} MB`,
        );
        dropSqlite(db);
      }
      const db = store === 'sqlite' ? sqliteUrl('append') : await createDatabase(postgres.adminUrl, 'bench_append');
      const append = runPhase<Append>('audit-phase.js', ['append', String(verifySize), db]);
      (results.append[store] ??= []).push(append.perSecond);
      log(`run ${run} ${store} append: ${Math.round(append.perSecond)} entries/s`);
      if (store === 'sqlite') {
        const started = process.hrtime.bigint();
        execFileSync(
          process.execPath,
          [CLI, 'audit', 'verify', '--db', db, '--key', BENCH_LOG_KEY.verifier().encode()],
          { stdio: 'ignore' },
        );
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        results.verify.push(seconds);
        log(`run ${run} audit verify of ${verifySize} entries: ${seconds.toFixed(2)} s`);
      }
      dropSqlite(db);
    }
    results.hash.push(runPhase<Hash>('audit-phase.js', ['hash', String(verifySize)]));
  }
  for (const store of logSize > 0 ? (['sqlite', 'postgres'] as const) : []) {
    const db = store === 'sqlite' ? sqliteUrl('proofs') : await createDatabase(postgres.adminUrl, 'bench_proofs');
    const built = runPhase<Append>('audit-phase.js', ['append', String(logSize), db]);
    log(`${store}: built a log of ${logSize} entries in ${built.seconds.toFixed(0)} s`);
    results.proofs[store] = runPhase<Proofs>('audit-phase.js', ['proofs', String(samples), db]);
    dropSqlite(db);
  }
} finally {
  await postgres.stop();
  rmSync(work, { recursive: true, force: true });
}

const sha = median(results.hash.map((h) => h.sha256PerSecond));
const seal = median(results.hash.map((h) => h.sealPerSecond));
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const lines = [
  `audit log benchmark, median of ${runs} run(s), node ${process.version}`,
  '',
  `| bulk ingest of ${fmt(records)} records | with the log | without | cost, median of per-run pairs (target <= 30%) | peak RSS with the log |`,
  '|---|---|---|---|---|',
  ...(['sqlite', 'postgres'] as const).map((store) => {
    const withLog = results.ingest[`${store} probity`]!;
    const without = results.ingest[`${store} probity-without-audit`]!;
    // Pairs from the same run share the machine's mood that minute; compare within them.
    const cost = median(withLog.map((rate, run) => 1 - rate / without[run]!));
    const rss = Math.max(...results.rss[`${store} probity`]!);
    return `| ${store} | ${fmt(median(withLog))}/s | ${fmt(median(without))}/s | ${(cost * 100).toFixed(0)}% | ${rss} MB |`;
  }),
  '',
  `| append path (${fmt(verifySize)} entries) | entries/s | share of raw SHA-256 rate |`,
  '|---|---|---|',
  `| node:crypto SHA-256 of entry-sized inputs (baseline) | ${fmt(sha)} | 100% |`,
  `| sealing without I/O (canonical JSON, leaf and node hashes) | ${fmt(seal)} | ${((seal / sha) * 100).toFixed(0)}% |`,
  ...(['sqlite', 'postgres'] as const).map((store) => {
    const perSecond = median(results.append[store]!);
    return `| ${store} store append | ${fmt(perSecond)} | ${((perSecond / sha) * 100).toFixed(0)}% |`;
  }),
  '',
  `| proofs on a log of ${fmt(logSize)} entries | inclusion median (p99) | consistency median (p99) | target |`,
  '|---|---|---|---|',
  ...Object.entries(results.proofs).map(([store, p]) => {
    return `| ${store} | ${p.inclusionMedianMs.toFixed(3)} ms (${p.inclusionP99Ms.toFixed(3)}) | ${p.consistencyMedianMs.toFixed(3)} ms (${p.consistencyP99Ms.toFixed(3)}) | < 1 ms |`;
  }),
  '',
  `probity audit verify --db of ${fmt(verifySize)} entries (SQLite): ${median(results.verify).toFixed(2)} s (target < 10 s)`,
];
process.stdout.write(`\n${lines.join('\n')}\n`);
