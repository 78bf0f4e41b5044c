/**
 * Cost growth on PostgreSQL (issue 15): the bulk ingest rate and single-check latency as the
 * store grows, so that 20M records cost what 1M did (target: within 20%).
 *
 *   npm run bench:growth [-- --to 20000000] [-- --step 1000000] [-- --measure-at 1000000,20000000]
 *
 * One generated population of about 8 records a subject (the ratio of docs/scale.md), loaded
 * with `probity ingest` a step at a time, alone on the machine; each step's rate is printed.
 * At each `--measure-at` size a `probity serve` answers single checks on subjects in the store
 * at 100 a second for `--seconds`, after 15 s of warm-up. Before it starts, the bench moves the
 * rating follower's cursor to the feed's end (a check reads no rating, and rating the millions of
 * subjects loaded meanwhile would keep both cores busy through the measurement), forces a
 * checkpoint and the machine's write-back (sync), and waits for autovacuum to finish with what the
 * load left (up to 10 minutes, the wait printed): the figure is the store's steady state at that
 * size, not its digestion of a load.
 * The server has production-sized memory settings (SETTINGS, as docs/deployment.md advises).
 */
import { execFile, execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import pg from 'pg';
import { createDatabase, startEmbeddedPostgres } from '../test/support/embedded-postgres.js';
import { checksWhile, CLI, generateRecords, quantile, sleep, startProcess } from './bench-support.js';

const { values } = parseArgs({
  options: {
    to: { type: 'string', default: '20000000' },
    step: { type: 'string', default: '1000000' },
    'measure-at': { type: 'string', default: '1000000,20000000' },
    seconds: { type: 'string', default: '30' },
  },
});
const [to, step, seconds] = [Number(values.to), Number(values.step), Number(values.seconds)];
const measureAt = new Set(values['measure-at'].split(',').map(Number));
const CHECKS_PER_SECOND = 100;
const log = (line: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);

const work = mkdtempSync(join(tmpdir(), 'probity-bench-growth-'));
const children: ChildProcess[] = [];
/** Memory for a store of tens of GB on a machine of 24 GiB, and checkpoints spaced for bulk loads. */
const SETTINGS = {
  shared_buffers: '4GB',
  effective_cache_size: '12GB',
  max_wal_size: '8GB',
  checkpoint_timeout: '15min',
};
const postgres = await startEmbeddedPostgres(SETTINGS);
const rows: string[] = [];
// Interrupted, embedded-postgres's own signal hook stops the server and exits the process:
// what must not outlive it (the children, tens of GB of files) goes on exit, synchronously.
process.once('exit', () => {
  for (const child of children) child.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});
try {
  const url = await createDatabase(postgres.adminUrl, 'probity_growth');
  const cli = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8' }).trim();
  const keyFile = join(work, 'audit-log.key');
  cli('audit', 'keygen', '--out', keyFile);
  const airline = {
    authorization: `Bearer ${cli('keys', 'issue', '--relying-party', 'air-china', '--db', url)}`,
    'content-type': 'application/json',
  };

  // About 0.75 records a person a round: 8 records a subject means going round about ten times.
  const persons = Math.ceil(to / 8);
  log(`generating ${to} records for ${persons} persons…`);
  const all = join(work, 'all.ndjson');
  generateRecords(all, to, persons);
  execFileSync('split', [
    '--lines',
    String(step),
    '--numeric-suffixes',
    '--suffix-length',
    '4',
    all,
    join(work, 'step-'),
  ]);
  rmSync(all);

  for (let loaded = 0, n = 0; loaded < to; n++) {
    const file = join(work, `step-${String(n).padStart(4, '0')}`);
    const started = performance.now();
    await promisify(execFile)(process.execPath, [CLI, 'ingest', file, '--format', 'ndjson', '--db', url], {
      env: { ...process.env, PROBITY_LOG_LEVEL: 'warn' },
    });
    const rate = step / ((performance.now() - started) / 1000);
    loaded += step;
    log(`${loaded} records: the last ${step} at ${Math.round(rate)}/s`);
    if (measureAt.has(loaded)) {
      const latencies = await checksAt(url, keyFile, airline, subjectsIn(file));
      rows.push(
        `| ${loaded.toLocaleString('en')} | ${Math.round(rate).toLocaleString('en')}/s | ${latencies.length} | ${quantile(latencies, 0.5).toFixed(1)} | ${quantile(latencies, 0.99).toFixed(1)} |`,
      );
      log(rows.at(-1)!);
    }
    rmSync(file);
  }
  process.stdout.write(
    `\nGrowth on PostgreSQL, ${step.toLocaleString('en')} records a step, checks at ${CHECKS_PER_SECOND}/s for ${seconds} s (ms)\n\n` +
      `| records in the store | ingest rate of the last step | checks | check p50 | check p99 |\n|---|---|---|---|---|\n${rows.join('\n')}\n`,
  );
} finally {
  // The servers it started stop in checksAt; the files go on exit (above).
  await postgres.stop();
}

/** Latencies of single checks against a fresh server on the store as it is, after a warm-up. */
async function checksAt(
  url: string,
  keyFile: string,
  headers: Record<string, string>,
  subjects: readonly string[],
): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('UPDATE rating_cursor SET feed_seq = (SELECT last_seq FROM feed_head)');
  await client.query('CHECKPOINT');
  // And the machine writes out what the load left dirty: right after 20M records, WAL fsyncs queued
  // behind gigabytes of write-back and the first minutes of checks showed that, not the store's size.
  execFileSync('sync');
  const settling = performance.now();
  while (performance.now() - settling < 600_000 && (await autovacuuming(client))) await sleep(5_000);
  log(`autovacuum done after ${Math.round((performance.now() - settling) / 1000)} s`);
  await client.end();
  const before = children.length;
  const base = await startProcess(
    [CLI, 'serve', '--db', url, '--port', '0', '--audit-key', keyFile],
    /Probity API on (\S+) /,
    children,
  );
  try {
    for (let i = 0; i < 600 && !(await fetch(`${base}/readyz`)).ok; i++) await sleep(100);
    const subject = (i: number) => ({ scheme: 'CN-RIC', value: subjects[i % subjects.length]! });
    await checksWhile(base, headers, sleep(15_000), CHECKS_PER_SECOND, subject);
    return await checksWhile(base, headers, sleep(seconds * 1000), CHECKS_PER_SECOND, subject);
  } finally {
    const server = children.splice(before)[0]!;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGTERM');
    await exited;
  }
}

async function autovacuuming(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'",
  );
  return rows[0]!.n > 0;
}

/** Identity numbers of persons named in the first lines of a loaded step. */
function subjectsIn(file: string): string[] {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(4 << 20);
  const length = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const lines = head.subarray(0, length).toString('utf8').split('\n').slice(0, -1);
  return lines
    .map((line) => (JSON.parse(line) as { subject: { scheme: string; value: string } }).subject)
    .filter((subject) => subject.scheme === 'CN-RIC')
    .map((subject) => subject.value);
}
