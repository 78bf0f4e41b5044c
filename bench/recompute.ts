/**
 * The full-recompute half of `npm run bench:assess`: `probity assess --all` over a store of
 * S subjects with about 5 records each, and in the same run what the scan alone and the
 * rule language alone cost on the same data.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { compileRulebook, type CompiledRulebook, type RuleInput } from '../src/domain/rulebooks/compiled-rulebook.js';
import type { SubjectKind } from '../src/domain/subject-kind.js';
import { loadCatalog } from '../src/registry.js';
import { openStore } from '../src/store/open-store.js';
import type { SubjectRecords } from '../src/store/store.js';
import { CLI, median } from './bench-support.js';

export interface RecomputeFigures {
  readonly subjects: number;
  readonly records: number;
  /** `probity assess --all`, as the command reports it (opening the store included). */
  readonly recomputeSeconds: number;
  /** Reading every subject with its records, nothing else. */
  readonly scanSeconds: number;
  /** The CEL evaluations the recompute makes, alone (time inside the evaluator only). */
  readonly celSeconds: number;
  readonly celEvaluations: number;
}

const RECORDS_PER_SUBJECT = 5;
const PAGE = 2_000;
const log = (line: string) => process.stderr.write(`${line}\n`);

/**
 * A store of `subjects` subjects with 5 records each on average, made once with `probity gen`
 * and `probity ingest` and kept in the temp folder between runs (building it takes minutes).
 */
export function recomputeDataset(subjects: number): string {
  const dir = join(tmpdir(), `probity-bench-assess-${subjects}`);
  const db = join(dir, 'store.db');
  if (existsSync(join(dir, 'ready'))) return db;
  mkdirSync(dir, { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  const file = join(dir, 'records.ndjson');
  const persons = Math.round(subjects * 0.93);
  const orgs = Math.round(subjects * 0.068);
  log(`building the dataset in ${dir} (minutes; kept for later runs)`);
  // With the generator's skew a person gets ~0.75 records a round; the rounds reach almost every subject.
  execFileSync(
    process.execPath,
    [
      CLI,
      'gen',
      '--persons',
      String(persons),
      '--orgs',
      String(orgs),
      '--gov',
      String(subjects - persons - orgs),
      '--seed',
      '1',
      '--records',
      String(subjects * RECORDS_PER_SUBJECT),
      '--as-of',
      '2026-01-01',
      '--out',
      file,
    ],
    { stdio: 'inherit' },
  );
  execFileSync(process.execPath, [CLI, 'ingest', file, '--db', `sqlite:${db}`], { stdio: 'inherit' });
  rmSync(file);
  writeFileSync(join(dir, 'ready'), '');
  return db;
}

/** One run: the recompute on a copy of the dataset, then the scan and CEL baselines on the same copy. */
export async function recomputeRun(dataset: string, run: number): Promise<RecomputeFigures> {
  const copy = join(tmpdir(), `probity-bench-recompute-${process.pid}-${run}.db`);
  copyFileSync(dataset, copy);
  try {
    const output = execFileSync(process.execPath, [CLI, 'assess', '--all', '--json', '--db', `sqlite:${copy}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const { seconds } = JSON.parse(output) as { seconds: number };
    return { ...(await baselines(copy)), recomputeSeconds: seconds };
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(copy + suffix, { force: true });
  }
}

async function baselines(db: string): Promise<Omit<RecomputeFigures, 'recomputeSeconds'>> {
  const catalog = loadCatalog(loadConfig().pack);
  const rulebooks = new Map<SubjectKind, CompiledRulebook>(
    catalog.pack.rulebooks.map((r) => [r.subjectKind, compileRulebook(r)]),
  );
  const store = await openStore(`sqlite:${db}`);
  try {
    let subjects = 0;
    let records = 0;
    const scanStarted = process.hrtime.bigint();
    await scan(async (page) => {
      subjects += page.length;
      for (const s of page) records += s.records.length;
    });
    const scanSeconds = Number(process.hrtime.bigint() - scanStarted) / 1e9;
    let celNs = 0n;
    let celEvaluations = 0;
    await scan(async (page) => {
      // The inputs the assessment gives the rules, built outside the timed loop.
      const calls: { rule: ReturnType<CompiledRulebook['rulesFor']>[number]; input: RuleInput }[] = [];
      for (const { subject, records: list } of page) {
        const rulebook = rulebooks.get(subject.kind)!;
        for (const record of list) {
          const version = record.versions.at(-1)!;
          const input = { type: record.type, payload: version.payload, ageDays: 365, status: 'active' };
          for (const rule of rulebook.rulesFor(record.type)) {
            if (rule.rule.when !== undefined || typeof rule.rule.points === 'string') calls.push({ rule, input });
          }
        }
      }
      const started = process.hrtime.bigint();
      for (const { rule, input } of calls) {
        const applies = rule.applies(input);
        if (applies.ok && applies.value) rule.points(input);
      }
      celNs += process.hrtime.bigint() - started;
      celEvaluations += calls.length;
    });
    return { subjects, records, scanSeconds, celSeconds: Number(celNs) / 1e9, celEvaluations };
  } finally {
    await store.close();
  }

  async function scan(visit: (page: SubjectRecords[]) => Promise<void>): Promise<void> {
    for (let after: string | undefined; ;) {
      const page = await store.subjectsWithRecords({ after, limit: PAGE });
      if (page.length === 0) return;
      await visit(page);
      after = page.at(-1)!.subject.id;
    }
  }
}

/** The recompute section of the report: medians over the runs. */
export function recomputeReport(runs: readonly RecomputeFigures[]): string {
  const m = (pick: (f: RecomputeFigures) => number) => median(runs.map(pick));
  const { subjects, records, celEvaluations } = runs[0]!;
  const total = m((f) => f.recomputeSeconds);
  const scanSeconds = m((f) => f.scanSeconds);
  const celSeconds = m((f) => f.celSeconds);
  const share = (s: number) => `${((100 * s) / total).toFixed(0)}%`;
  return (
    `\nfull recompute (\`probity assess --all\`, SQLite): ${subjects.toLocaleString('en')} subjects, ${records.toLocaleString('en')} records, ` +
    `median of ${runs.length} run(s)\n\n` +
    '| what | seconds | share of the recompute | rate |\n|---|---|---|---|\n' +
    `| recompute, end to end (target < 60 s) | ${total.toFixed(1)} | 100% | ${Math.round(subjects / total).toLocaleString('en')} subjects/s |\n` +
    `| reading subjects and records alone (baseline) | ${scanSeconds.toFixed(1)} | ${share(scanSeconds)} | ${Math.round(records / scanSeconds).toLocaleString('en')} records/s |\n` +
    `| the CEL evaluator alone, same expressions and inputs (baseline) | ${celSeconds.toFixed(1)} | ${share(celSeconds)} | ` +
    `${Math.round(celEvaluations / celSeconds).toLocaleString('en')} expressions/s (${celEvaluations.toLocaleString('en')}) |\n`
  );
}
