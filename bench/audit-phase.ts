/**
 * One timed phase of `npm run bench:audit`, in its own process. Prints one JSON line.
 *
 *   node dist/bench/audit-phase.js hash N
 *   node dist/bench/audit-phase.js append N DB_URL
 *   node dist/bench/audit-phase.js proofs SAMPLES DB_URL
 *
 * `hash`: node:crypto SHA-256 of N entry-sized inputs, the ceiling for the append path;
 * also sealing alone (canonical JSON + leaf hash + tree, no I/O).
 * `append`: N audit entries through the store's append path in batches of 5,000,
 * then a signed checkpoint (key BENCH_LOG_KEY). `proofs`: median latency of inclusion
 * and consistency proofs at random positions in the log at DB_URL.
 */
import { createHash, hash as sha256One } from 'node:crypto';
import { sealAuditBatch } from '../src/domain/audit/audit-batch.js';
import type { AuditDraft } from '../src/domain/audit/audit-entry.js';
import { AuditLog } from '../src/services/audit-log.js';
import { systemClock } from '../src/services/clock.js';
import { openStore } from '../src/store/open-store.js';
import { BENCH_LOG_KEY, median } from './bench-support.js';

const BATCH = 5_000;

/** A draft shaped like a record.accepted entry (about 300 bytes sealed). */
function draft(i: number): AuditDraft {
  const id = `01JBENCH${i.toString(36).toUpperCase().padStart(18, '0')}`;
  return {
    time: '2026-11-26T12:00:00.000Z',
    actor: { kind: 'institution', id: 'sh-pudong-court' },
    action: 'record.accepted',
    subject: `01JSUBJ${(i % 700_000).toString(36).toUpperCase().padStart(19, '0')}`,
    object: { kind: 'record', id, version: 1 },
    objectHash: createHash('sha256').update(id).digest('hex'),
  };
}

const sha256 = (input: Buffer) => sha256One('sha256', input, 'buffer');
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;

async function hash(n: number) {
  const inputs = Array.from({ length: BATCH }, (_, i) => Buffer.from(JSON.stringify(draft(i))));
  let started = process.hrtime.bigint();
  for (let i = 0; i < n; i++) sha256(inputs[i % BATCH]!);
  const sha256PerSecond = n / seconds(started);
  started = process.hrtime.bigint();
  let size = 0;
  let edge: readonly Uint8Array[] = [];
  for (let i = 0; i < n; i += BATCH) {
    const drafts = Array.from({ length: Math.min(BATCH, n - i) }, (_, k) => draft(i + k));
    edge = sealAuditBatch(size, edge, drafts, { entry: () => {}, node: () => {} });
    size += drafts.length;
  }
  return { phase: 'hash', entries: n, sha256PerSecond, sealPerSecond: n / seconds(started) };
}

async function append(n: number, url: string) {
  const store = await openStore(url);
  try {
    const started = process.hrtime.bigint();
    for (let i = 0; i < n; i += BATCH) {
      await store.appendAudit(Array.from({ length: Math.min(BATCH, n - i) }, (_, k) => draft(i + k)));
    }
    const elapsed = seconds(started);
    await new AuditLog({ store, clock: systemClock, signer: BENCH_LOG_KEY }).publishCheckpoint();
    return {
      phase: 'append',
      entries: n,
      seconds: elapsed,
      perSecond: n / elapsed,
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await store.close();
  }
}

async function proofs(samples: number, url: string) {
  const store = await openStore(url);
  try {
    const audit = new AuditLog({ store, clock: systemClock });
    const size = await audit.size();
    const random = (below: number) => Math.floor(Math.random() * below);
    const time = async (work: () => Promise<unknown>) => {
      const started = process.hrtime.bigint();
      await work();
      return seconds(started) * 1000;
    };
    // Warm the caches and the JIT the way a running server would be.
    for (let i = 0; i < 200; i++) await audit.inclusionProof(random(size), size);
    const inclusion: number[] = [];
    const consistency: number[] = [];
    for (let i = 0; i < samples; i++) {
      inclusion.push(await time(() => audit.inclusionProof(random(size), size)));
      const from = 1 + random(size - 1);
      consistency.push(await time(() => audit.consistencyProof(from, size)));
    }
    const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)]!;
    return {
      phase: 'proofs',
      size,
      samples,
      inclusionMedianMs: median(inclusion),
      inclusionP99Ms: p99(inclusion),
      consistencyMedianMs: median(consistency),
      consistencyP99Ms: p99(consistency),
    };
  } finally {
    await store.close();
  }
}

const [phase, count, url] = process.argv.slice(2);
const n = Number(count);
const result =
  phase === 'hash'
    ? await hash(n)
    : phase === 'append' && url
      ? await append(n, url)
      : phase === 'proofs' && url
        ? await proofs(n, url)
        : undefined;
if (!result) {
  process.stderr.write('usage: audit-phase.js hash N | append N DB_URL | proofs SAMPLES DB_URL\n');
  process.exit(2);
}
process.stdout.write(JSON.stringify(result) + '\n');
