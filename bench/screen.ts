/**
 * `npm run bench:screen [-- --subjects 10000000 --duration 10 --connections 16 --batch 1000000 --listings 1000 --store sqlite]`
 *
 * `--store postgres` runs the same on an embedded PostgreSQL server, the dataset copied in.
 *
 * On a store of S persons, every 10th on the list of dishonest judgment debtors
 * (bench/screen-dataset.ts), with `probity serve` in its own process and autocannon as the
 * load generator on the same machine:
 * 1. the screening index's heap per entry and its load time (its own process);
 * 2. single checks over HTTP with keep-alive, audit logging on, against a Fastify app with
 *    one empty route measured the same way in the same run (target ≥ 0.5x, p99 < 10 ms);
 * 3. POST /v1/checks:batch of N checks (target: 1,000,000 in < 5 s);
 * 4. freshness: from a committed listing to the first deny, over L listings (median, max).
 */
import autocannon from 'autocannon';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { parseArgs } from 'node:util';
import { untilReady } from '../test/support/cli.js';
import { createDatabase, startEmbeddedPostgres } from '../test/support/embedded-postgres.js';
import { BENCH_DIR, CLI, median, runPhase, startProcess } from './bench-support.js';
import { copyScreenDatasetToPostgres, personIdentifier, RESTRICTED_EVERY, screenDataset } from './screen-dataset.js';

const { values } = parseArgs({
  options: {
    subjects: { type: 'string', default: '10000000' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    batch: { type: 'string', default: '1000000' },
    listings: { type: 'string', default: '1000' },
    store: { type: 'string', default: 'sqlite' },
  },
});
const subjects = Number(values.subjects);
const duration = Number(values.duration);
const connections = Number(values.connections);
const batchSize = Number(values.batch);
const listings = Number(values.listings);
const storeKind = values.store;
if (storeKind !== 'sqlite' && storeKind !== 'postgres')
  throw new Error(`--store is sqlite or postgres, not ${storeKind}`);
const log = (line: string) => process.stderr.write(`${line}\n`);
const check = (i: number) => ({
  subject: { scheme: 'CN-RIC', value: personIdentifier(i) },
  action: 'air.ticket.any',
  purpose: 'ticket_sale',
});

const dataset = await screenDataset(subjects);
const work = mkdtempSync(join(tmpdir(), 'probity-bench-screen-run-'));
const children: ChildProcess[] = [];
const postgres = storeKind === 'postgres' ? await startEmbeddedPostgres() : undefined;
try {
  const { url, floorUrl } = await storeUrls();
  log('index memory…');
  const memory = JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', join(BENCH_DIR, 'screen-index-memory.js'), url], {
      encoding: 'utf8',
    }).trim(),
  ) as { identifiers: number; loadSeconds: number; heapWithoutIndex: number; heapWithIndex: number };

  const keyFile = join(work, 'audit-log.key');
  const cli = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8' }).trim();
  cli('audit', 'keygen', '--out', keyFile);
  const airline = {
    authorization: `Bearer ${cli('keys', 'issue', '--relying-party', 'air-china', '--db', url)}`,
    'content-type': 'application/json',
  };
  const court = {
    authorization: `Bearer ${cli('keys', 'issue', '--institution', 'sh-pudong-court', '--db', url)}`,
    'content-type': 'application/json',
  };

  const baseline = await startProcess([join(BENCH_DIR, 'empty-server.js')], /listening on (\S+)/, children);
  const probityStarted = Date.now();
  const probity = await startProcess(
    [CLI, 'serve', '--db', url, '--port', '0', '--audit-key', keyFile],
    /Probity API on (\S+) /,
    children,
  );
  const listenSeconds = (Date.now() - probityStarted) / 1000;
  // The index loads after the server listens; checks are answered 503 until then.
  await untilReady(probity, 600_000);
  const readySeconds = (Date.now() - probityStarted) / 1000;

  log('single checks: baseline…');
  const body = JSON.stringify(check(1));
  const empty = await autocannon({
    url: `${baseline}/`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
    connections,
    duration,
  });
  log('single checks: probity…');
  // One restricted subject in ten, as in the dataset; the rest allowed (most of them without any entry).
  const requests = Array.from({ length: 1000 }, (_, k) => ({
    method: 'POST' as const,
    path: '/v1/checks',
    headers: airline,
    body: JSON.stringify(check((k * 7919) % subjects)),
  }));
  const checks = await autocannon({ url: probity, connections, duration, requests });
  if (checks.non2xx > 0 || checks.errors > 0)
    throw new Error(`${checks.non2xx} non-2xx answers, ${checks.errors} errors`);

  log(`batch of ${batchSize} checks…`);
  const batch = await timeBatch(probity, airline.authorization, batchSize);

  log(`freshness over ${listings} listings…`);
  const freshness = await measureFreshness(probity, court, airline, listings);
  const floor = await measureFloor(
    floorUrl,
    requests.map((r) => ({ ...r, path: '/' })),
  );

  const perEntry = (memory.heapWithIndex - memory.heapWithoutIndex) / memory.identifiers;
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;
  process.stdout.write(
    `\nscreening on ${storeKind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${subjects.toLocaleString('en')} persons, ${memory.identifiers.toLocaleString('en')} with an entry in force, ` +
      `autocannon ${connections} connections × ${duration} s on the same machine, node ${process.version}\n\n` +
      '| what | figure | baseline / target |\n|---|---|---|\n' +
      `| single checks, requests/s | ${Math.round(checks.requests.average).toLocaleString('en')} | empty Fastify route ${Math.round(empty.requests.average).toLocaleString('en')}: ` +
      `**${(checks.requests.average / empty.requests.average).toFixed(2)}x** (target ≥ 0.5x) |\n` +
      `| single checks, latency p50 / p99 | ${checks.latency.p50} / **${checks.latency.p99} ms** | empty route ${empty.latency.p50} / ${empty.latency.p99} ms (target p99 < 10 ms) |\n` +
      `| checks:batch, ${batchSize.toLocaleString('en')} checks | **${batch.seconds.toFixed(1)} s** (${Math.round(batchSize / batch.seconds).toLocaleString('en')}/s; ${batch.denied.toLocaleString('en')} denied) | target < 5 s for 1,000,000 |\n` +
      `| index memory per entry in force | **${perEntry.toFixed(0)} bytes** | heap + array buffers ${mb(memory.heapWithoutIndex)} without, ${mb(memory.heapWithIndex)} with (target < 200 bytes) |\n` +
      `| index load at start | ${memory.loadSeconds.toFixed(1)} s | server listening in ${listenSeconds.toFixed(1)} s, ready in ${readySeconds.toFixed(1)} s |\n` +
      `| freshness, committed listing to first deny | median **${freshness.median} ms**, max ${freshness.max} ms | target < 1 s |\n` +
      `| floor (screen-floor.ts): single checks, requests/s | ${Math.round(floor.single.requests.average).toLocaleString('en')}, p99 ${floor.single.latency.p99} ms | ` +
      `**${(floor.single.requests.average / empty.requests.average).toFixed(2)}x** the empty route; Probity at ${(checks.requests.average / floor.single.requests.average).toFixed(2)}x its floor |\n` +
      `| floor: batch of ${batchSize.toLocaleString('en')} checks, subjects resolved + rows appended | ` +
      `${floor.batch.lookupSeconds.toFixed(1)} s + ${floor.batch.writeSeconds.toFixed(1)} s | ` +
      `Probity at ${((floor.batch.lookupSeconds + floor.batch.writeSeconds) / batch.seconds).toFixed(2)}x its floor |\n`,
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
  const running = children.filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve))));
  await postgres?.stop();
  rmSync(work, { recursive: true, force: true });
}

/**
 * The stores of this run, each a copy of the dataset: one for Probity, one for the floor; SQLite
 * files, or PostgreSQL databases (the floor's cloned from Probity's before anything runs on it).
 */
async function storeUrls(): Promise<{ url: string; floorUrl: string }> {
  if (!postgres) {
    const [db, floorDb] = [join(work, 'store.db'), join(work, 'floor.db')];
    for (const copy of [db, floorDb]) copyFileSync(dataset, copy);
    return { url: `sqlite:${db}`, floorUrl: `sqlite:${floorDb}` };
  }
  log('copying the dataset into PostgreSQL…');
  const url = await createDatabase(postgres.adminUrl, 'bench_screen');
  await copyScreenDatasetToPostgres(dataset, url);
  return { url, floorUrl: await createDatabase(postgres.adminUrl, 'bench_screen_floor', url) };
}

/**
 * The floor (screen-floor.ts) on its own copy of the dataset: single checks through a bare
 * Fastify route the same way as above, then the writes of a batch in process.
 */
async function measureFloor(floorUrl: string, requests: autocannon.Request[]) {
  log('floor: single checks…');
  const server = await startProcess(
    [join(BENCH_DIR, 'screen-floor.js'), 'server', floorUrl],
    /listening on (\S+)/,
    children,
  );
  const single = await autocannon({ url: server, connections, duration, requests });
  const stopped = children.pop()!;
  stopped.kill('SIGTERM');
  await new Promise((resolve) => stopped.once('exit', resolve));
  log('floor: batch…');
  const batch = runPhase<{ lookupSeconds: number; writeSeconds: number }>('screen-floor.js', [
    'batch',
    floorUrl,
    String(batchSize),
    String(subjects),
  ]);
  return { single, batch };
}

/** Streams N checks as NDJSON and times the answer to its last line. */
function timeBatch(base: string, authorization: string, count: number): Promise<{ seconds: number; denied: number }> {
  const lines = function* () {
    for (let i = 0; i < count; i += 1000) {
      let chunk = '';
      for (let k = i; k < Math.min(count, i + 1000); k++) chunk += `${JSON.stringify(check((k * 7919) % subjects))}\n`;
      yield chunk;
    }
  };
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/v1/checks:batch`,
      { method: 'POST', headers: { authorization, 'content-type': 'application/x-ndjson' } },
      (res) => {
        let tail = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (tail = (tail + chunk).slice(-4096)));
        res.on('end', () => {
          const summary = JSON.parse(tail.trim().split('\n').at(-1)!) as {
            summary: { checks: number; denied: number; errors: number };
          };
          if (summary.summary.checks !== count || summary.summary.errors > 0)
            reject(new Error(`batch: ${JSON.stringify(summary)}`));
          resolve({ seconds: Number(process.hrtime.bigint() - started) / 1e9, denied: summary.summary.denied });
        });
      },
    );
    req.on('error', reject);
    Readable.from(lines()).pipe(req);
  });
}

/** Lists L persons without entries, ten at a time, and times each from its committed listing to the first deny. */
async function measureFreshness(
  base: string,
  court: Record<string, string>,
  airline: Record<string, string>,
  count: number,
) {
  const post = (path: string, headers: Record<string, string>, payload: unknown) =>
    fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(payload) }).then(
      (r) => r.json() as Promise<Record<string, unknown>>,
    );
  const times: number[] = [];
  const one = async (n: number) => {
    const i = n * RESTRICTED_EVERY + 1; // never restricted in the dataset
    const listed = await post('/v1/records', court, [
      {
        type: 'court.dishonest_debtor_listing',
        sourceRef: `bench-${process.pid}-${n}`,
        subject: { scheme: 'CN-RIC', value: personIdentifier(i) },
        effectiveAt: new Date(Date.now() - 60_000).toISOString(),
        payload: {
          caseNumber: `bench-${n}`,
          decisionReference: `bench-${n}-1`,
          obligation: 'pay',
          ground: 'able_but_refuses',
        },
      },
    ]);
    const committed = Date.now();
    if (listed['accepted'] !== 1) throw new Error(`listing not accepted: ${JSON.stringify(listed)}`);
    while ((await post('/v1/checks', airline, check(i)))['decision'] !== 'deny') {
      if (Date.now() - committed > 10_000) throw new Error('no deny after 10 s');
    }
    times.push(Date.now() - committed);
  };
  for (let n = 0; n < count; n += 10)
    await Promise.all(Array.from({ length: Math.min(10, count - n) }, (_, k) => one(n + k)));
  return { median: median(times), max: Math.max(...times) };
}
