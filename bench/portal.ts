/**
 * `npm run bench:portal [-- --records 200 --checks 1000 --runs 300]`
 *
 * Server-side render time of each portal page (Fastify `inject`: routing, session, store
 * reads, rendering; no network) for one person with R records and C screening checks in
 * their access log, on SQLite. Baselines measured in the same run: `GET /healthz` through
 * the same server (the framework's floor) and the page's store reads alone.
 * Target (issue #6): every page under 50 ms median.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { NoteSigner } from '../src/domain/audit/signed-note.js';
import { syntheticRecords } from '../src/gen/synthetic-records.js';
import { buildServer } from '../src/http/server.js';
import { openRegistry } from '../src/registry.js';
import { prepareLines } from '../src/services/bulk-ingest.js';
import { packageRoot } from '../src/package-root.js';
import { median } from './bench-support.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '200' },
    checks: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '300' },
  },
});
const RECORDS = Number(values.records);
const CHECKS = Number(values.checks);
const RUNS = Number(values.runs);
const PERSON = '110101199003074477';
const log = (line: string) => process.stderr.write(`${line}\n`);

const work = mkdtempSync(join(tmpdir(), 'probity-bench-portal-'));
const registry = await openRegistry({
  db: `sqlite:${join(work, 'store.db')}`,
  pack: join(packageRoot(), 'config', 'demo-pack'),
  signer: new NoteSigner('probity.bench/portal', Buffer.alloc(32, 3)),
});
const app = await buildServer(registry, {
  logLevel: 'silent',
  portal: { publicUrl: 'http://localhost:8080' },
  publicRateLimit: { max: 1e9, timeWindow: 60_000 },
});
try {
  log(`${RECORDS} records and ${CHECKS} checks for one person…`);
  const lines = [];
  for (const line of syntheticRecords(registry.catalog, {
    persons: 5_000,
    orgs: 0,
    gov: 0,
    seed: 7,
    asOf: new Date(),
    records: RECORDS * 20,
  })) {
    if (line.subject.scheme !== 'CN-RIC') continue;
    lines.push({ ...line, subject: { scheme: 'CN-RIC', value: PERSON, name: '王芳' } });
    if (lines.length === RECORDS) break;
  }
  const results = await registry.ingest.commit(
    prepareLines(
      registry.catalog,
      lines.map((value, i) => ({ line: i + 1, text: '', value })),
      { today: registry.ingest.today() },
    ),
  );
  const rejected = results.filter((r) => r.status === 'rejected').length;
  if (rejected > 0) throw new Error(`${rejected} records rejected`);
  await registry.screeningIndex.load();
  const checks = Array.from({ length: CHECKS }, (_, i) => ({
    subject: { scheme: 'CN-RIC', value: PERSON },
    action: 'air.ticket.any',
    purpose: 'ticket_sale',
    reference: `PNR-${i}`,
  }));
  await registry.screening.checkMany('air-china', checks);
  await registry.audit.drain();
  await registry.audit.publishCheckpoint();

  const { cookieValue } = await registry.sessions.start({
    identities: [{ scheme: 'CN-RIC', value: PERSON }],
    roles: [],
    staffId: null,
    institution: null,
    name: '王芳',
    email: null,
  });
  const cookie = `probity_session=${cookieValue}`;
  const subject = (await registry.subjectData.subjectOf({ scheme: 'CN-RIC', value: PERSON }))!;
  const access = await registry.subjectData.accessLog(subject);
  log(`  ${(await registry.store.subjectRecords(subject.id)).length} records, ${access.length} access-log entries`);

  const time = async (work: () => Promise<unknown>): Promise<number> => {
    for (let i = 0; i < 20; i++) await work();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = process.hrtime.bigint();
      await work();
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return median(samples);
  };
  const page = (url: string) => async () => {
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
  };

  const floor = await time(async () => app.inject({ method: 'GET', url: '/healthz' }));
  const rows: [string, number, number][] = [];
  const reads: Record<string, () => Promise<unknown>> = {
    '/me': () => registry.subjectData.ratingHistory(subject),
    '/me/records': () => registry.subjectData.records(subject),
    '/me/lists': () => registry.subjectData.listEntries(subject),
    '/me/access-log': () => registry.subjectData.accessLog(subject),
  };
  for (const [url, read] of Object.entries(reads)) rows.push([url, await time(page(url)), await time(read)]);
  process.stdout.write(
    `\nportal pages, ${RECORDS} records and ${CHECKS} checks, median of ${RUNS} renders, node ${process.version}\n` +
      `GET /healthz through the same server (framework floor): ${floor.toFixed(2)} ms\n\n` +
      '| page | median ms (target < 50) | its store reads and domain work alone, ms |\n|---|---|---|\n' +
      rows.map(([url, ms, read]) => `| ${url} | ${ms.toFixed(2)} | ${read.toFixed(2)} |`).join('\n') +
      '\n',
  );
} finally {
  await app.close();
  await registry.close();
  rmSync(work, { recursive: true, force: true });
}
