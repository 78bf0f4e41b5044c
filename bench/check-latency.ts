/**
 * Single-check latency while a bulk ingest writes to the same store (issue 15): a server
 * answers checks at a steady pace, first alone (the baseline, same run), then while
 * `probity ingest` loads a file into the same database from another process.
 *
 *   npm run bench:check-latency [-- --store postgres] [-- --records 200000] [-- --rate 100]
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, startEmbeddedPostgres } from '../test/support/embedded-postgres.js';
import { checksWhile, CLI, quantile, recordsFile, sleep, startProcess } from './bench-support.js';
import { personIdentifier } from './screen-dataset.js';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'sqlite' },
    records: { type: 'string', default: '200000' },
    rate: { type: 'string', default: '100' },
    baseline: { type: 'string', default: '5' },
  },
});
const storeKind = values.store;
if (storeKind !== 'sqlite' && storeKind !== 'postgres')
  throw new Error(`--store is sqlite or postgres, not ${storeKind}`);
const rate = Number(values.rate);
const log = (line: string) => process.stderr.write(`${line}\n`);
const person = (i: number) => ({ scheme: 'CN-RIC', value: personIdentifier(i) });

const work = mkdtempSync(join(tmpdir(), 'probity-bench-latency-'));
const children: ChildProcess[] = [];
const postgres = storeKind === 'postgres' ? await startEmbeddedPostgres() : undefined;
try {
  const url = postgres
    ? await createDatabase(postgres.adminUrl, 'probity_latency')
    : `sqlite:${join(work, 'probity.db')}`;
  const file = recordsFile(Number(values.records), work);
  const cli = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8' }).trim();
  const keyFile = join(work, 'audit-log.key');
  cli('audit', 'keygen', '--out', keyFile);
  const airline = {
    authorization: `Bearer ${cli('keys', 'issue', '--relying-party', 'air-china', '--db', url)}`,
    'content-type': 'application/json',
  };
  const base = await startProcess(
    [CLI, 'serve', '--db', url, '--port', '0', '--audit-key', keyFile],
    /Probity API on (\S+) /,
    children,
  );
  for (let i = 0; i < 600 && !(await fetch(`${base}/readyz`)).ok; i++) await sleep(100);

  log(`baseline: ${values.baseline} s of checks at ${rate}/s…`);
  const alone = await checksWhile(base, airline, sleep(Number(values.baseline) * 1000), rate, person);
  log(`during probity ingest of ${values.records} records…`);
  const ingest = startProcess([CLI, 'ingest', file, '--db', url], /(\d+) accepted/, children);
  const during = await checksWhile(base, airline, ingest, rate, person);

  const row = (what: string, xs: number[]) =>
    `| ${what} | ${xs.length} | ${quantile(xs, 0.5).toFixed(1)} | ${quantile(xs, 0.99).toFixed(1)} | ${Math.max(...xs).toFixed(0)} |`;
  process.stdout.write(
    `\nSingle checks at ${rate}/s on ${storeKind} (ms)\n\n| when | checks | p50 | p99 | max |\n|---|---|---|---|---|\n` +
      `${row('alone (baseline)', alone)}\n${row(`during a bulk ingest of ${values.records} records`, during)}\n` +
      `\np99 during ingest / alone: ${(quantile(during, 0.99) / quantile(alone, 0.99)).toFixed(1)}x\n`,
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
  await sleep(200);
  await postgres?.stop();
  rmSync(work, { recursive: true, force: true });
}
