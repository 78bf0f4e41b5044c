/**
 * `npm run bench:assess [-- --records 50 --samples 5000 --subjects 1000000 --runs 3]`
 *
 * 1. One subject's assessment under the demo persons rulebook from N records (default 50,
 *    a mix of the rulebook's record types), median over the samples; in the same run, the
 *    raw rate of the CEL evaluator on the same expressions with the same inputs, to show
 *    how much of the cost is the rule language (target < 1 ms).
 * 2. `probity assess --all` over S subjects (default 1,000,000) with about 5 records each
 *    on SQLite (target < 60 s), with the scan alone and the CEL evaluator alone on the
 *    same data as baselines (bench/recompute.ts). --subjects 0 skips it.
 */
import { parseArgs } from 'node:util';
import type { RecordVersion, StoredRecord } from '../src/domain/records/record.js';
import { assess } from '../src/domain/rulebooks/assess.js';
import { compileRulebook } from '../src/domain/rulebooks/compiled-rulebook.js';
import { loadCatalog } from '../src/registry.js';
import { loadConfig } from '../src/config.js';
import { median } from './bench-support.js';
import { recomputeDataset, recomputeReport, recomputeRun, type RecomputeFigures } from './recompute.js';

const { values } = parseArgs({
  options: {
    records: { type: 'string', default: '50' },
    samples: { type: 'string', default: '5000' },
    subjects: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
  },
});
const recordCount = Number(values.records);
const samples = Number(values.samples);
const subjects = Number(values.subjects);
const catalog = loadCatalog(loadConfig().pack);
const rulebook = catalog.pack.rulebooks.find((r) => r.code === 'persons')!;
const compiled = compileRulebook(rulebook);

/** Payloads that satisfy every expression of the persons rulebook. */
const PAYLOAD = {
  amount: 250_000,
  daysOverdue: 120,
  monthsOverdue: 4,
  fineAmount: 5_000,
  caseNumber: 'c',
  currency: 'CNY',
};
const types = [...new Set(rulebook.rules.flatMap((r) => r.recordTypes))];
const asOf = '2026-06-01T00:00:00.000Z';
const records: StoredRecord[] = Array.from({ length: recordCount }, (_, i) => {
  const effectiveAt = new Date(Date.parse(asOf) - (i % 900) * 86_400_000).toISOString();
  const version: RecordVersion = {
    version: 1,
    action: 'submitted',
    effectiveAt,
    recordedAt: effectiveAt,
    payload: PAYLOAD,
  };
  return {
    id: `r${i}`,
    subjectId: 's',
    subjectKind: 'person',
    institution: 'i',
    sourceRef: `s${i}`,
    type: types[i % types.length]!,
    versions: [version],
  };
});

const time = (work: () => void): number => {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e6;
};
const run = () =>
  assess({ rulebook: compiled, recordType: (code) => catalog.recordType(code), records, asOf, knownAt: asOf });
for (let i = 0; i < 500; i++) run();
const assessMs = median(Array.from({ length: samples }, () => time(run)));

// The same CEL work alone: every rule each record meets, its condition and its points.
const calls = records.flatMap((record) =>
  compiled
    .rulesFor(record.type)
    .map((rule) => ({ rule, input: { type: record.type, payload: PAYLOAD, ageDays: 100, status: 'active' } })),
);
const celOnly = () => {
  for (const { rule, input } of calls) {
    const applies = rule.applies(input);
    if (applies.ok && applies.value) rule.points(input);
  }
};
for (let i = 0; i < 500; i++) celOnly();
const celMs = median(Array.from({ length: samples }, () => time(celOnly)));
const expressions = calls.filter(
  ({ rule }) => rule.rule.when !== undefined || typeof rule.rule.points === 'string',
).length;

process.stdout.write(
  `\nassessment of one subject, ${recordCount} records, ${calls.length} rule matches (${expressions} with CEL), median of ${samples}, node ${process.version}\n\n` +
    '| what | median | target |\n|---|---|---|\n' +
    `| assess (whole engine) | ${(assessMs * 1000).toFixed(1)} µs | < 1 ms |\n` +
    `| the CEL evaluation alone (baseline) | ${(celMs * 1000).toFixed(1)} µs (${((celMs / assessMs) * 100).toFixed(0)}% of the engine) | |\n`,
);

if (subjects > 0) {
  const dataset = recomputeDataset(subjects);
  const runs: RecomputeFigures[] = [];
  for (let run = 1; run <= Number(values.runs); run++) {
    runs.push(await recomputeRun(dataset, run));
    process.stderr.write(`run ${run}: ${JSON.stringify(runs.at(-1))}\n`);
  }
  process.stdout.write(recomputeReport(runs));
}
