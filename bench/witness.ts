/**
 * `npm run bench:witness [-- --entries 1000000 --runs 500]`
 *
 * A witness cosigning checkpoints of a growing log (C2SP tlog-witness add-checkpoint, Fastify
 * `inject`: parsing, the log's signature, the consistency proof, the state update with
 * synchronous FULL on a file, the cosignature). The log has E entries to start with; each run
 * appends 10 and submits the new checkpoint with the proof from the last one. Baseline in the
 * same run: a request the same app answers 404 without work (the framework's floor).
 * Target (issue 19): under 5 ms median.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Cosigner } from '../src/domain/audit/cosignature.js';
import { NoteSigner } from '../src/domain/audit/signed-note.js';
import { openRegistry } from '../src/registry.js';
import { packageRoot } from '../src/package-root.js';
import { witnessServer } from '../src/witness/witness-server.js';
import { WitnessState } from '../src/witness/witness-state.js';
import { median } from './bench-support.js';
import { recordReadDraft } from '../test/support/audit-drafts.js';

const { values } = parseArgs({
  options: { entries: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '500' } },
});
const ENTRIES = Number(values.entries);
const RUNS = Number(values.runs);

const dir = mkdtempSync(join(tmpdir(), 'probity-bench-witness-'));
const signer = new NoteSigner('bench.example/log', randomBytes(32));
const registry = await openRegistry({
  db: `sqlite:${join(dir, 'log.db')}`,
  pack: join(packageRoot(), 'config', 'demo-pack'),
  signer,
});
process.stdout.write(`a log of ${ENTRIES} entries …\n`);
for (let n = 0; n < ENTRIES; n += 10_000)
  await registry.store.appendAudit(
    Array.from({ length: Math.min(10_000, ENTRIES - n) }, (_, i) =>
      recordReadDraft(n + i, `subject-${(n + i) % 1000}`),
    ),
  );

const state = new WitnessState(join(dir, 'witness.db'));
const app = witnessServer({
  cosigner: new Cosigner('bench.example/witness', randomBytes(32)),
  state,
  logs: new Map([[signer.name, [signer.verifier()]]]),
});
const submit = (payload: string) =>
  app.inject({ method: 'POST', url: '/add-checkpoint', headers: { 'content-type': 'text/plain' }, payload });

let last = await registry.audit.publishCheckpoint();
if ((await submit(`old 0\n\n${last.note}`)).statusCode !== 200)
  throw new Error('the witness refused the first checkpoint');
const cosign: number[] = [];
const floor: number[] = [];
for (let run = 0; run < RUNS; run++) {
  await registry.store.appendAudit(
    Array.from({ length: 10 }, (_, i) =>
      recordReadDraft(ENTRIES + run * 10 + i, `subject-${(ENTRIES + run * 10 + i) % 1000}`),
    ),
  );
  const next = await registry.audit.publishCheckpoint();
  const proof = (await registry.audit.consistencyProof(last.size, next.size)).hashes;
  const body = `old ${last.size}\n${proof.map((hash) => `${hash}\n`).join('')}\n${next.note}`;
  let started = process.hrtime.bigint();
  const answer = await submit(body);
  cosign.push(Number(process.hrtime.bigint() - started) / 1e6);
  if (answer.statusCode !== 200) throw new Error(`the witness answered ${answer.statusCode}: ${answer.body}`);
  started = process.hrtime.bigint();
  await app.inject({ method: 'GET', url: '/nothing' });
  floor.push(Number(process.hrtime.bigint() - started) / 1e6);
  last = next;
}
process.stdout.write(
  `\nwitness add-checkpoint on a log of ${ENTRIES} entries, median of ${RUNS}, node ${process.version}\n` +
    `| request | median ms | p99 ms |\n|---|---|---|\n` +
    `| add-checkpoint with a consistency proof (target < 5 ms) | ${median(cosign).toFixed(2)} | ${percentile(cosign, 0.99).toFixed(2)} |\n` +
    `| a 404 from the same app (floor) | ${median(floor).toFixed(2)} | ${percentile(floor, 0.99).toFixed(2)} |\n`,
);
state.close();
await registry.close();
rmSync(dir, { recursive: true, force: true });

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}
