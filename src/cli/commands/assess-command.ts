import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import type { Assessment, Factor } from '../../domain/rulebooks/assess.js';
import { ProbityError } from '../../errors.js';
import { withRegistry } from '../../registry.js';
import { runCommand } from '../exit.js';
import { progressBar, ratePerSecond } from '../progress-bar.js';

interface AssessOptions {
  all?: boolean;
  asOf?: string;
  knownAt?: string;
  explain?: boolean;
  json?: boolean;
  db?: string;
  pack?: string;
}

export function assessCommand(program: Command): void {
  program
    .command('assess')
    .description(
      "a subject's rating under the pack's rulebook, with the factors behind it; --all recomputes every stored rating",
    )
    .argument('[subject]', 'SCHEME:VALUE, e.g. CN-USCC:91310000MA1FL0000X')
    .option('--all', 'recompute the stored rating of every subject (after publishing a new rulebook), with progress')
    .option('--as-of <time>', 'valid time the rating describes (RFC 3339; default now)')
    .option('--known-at <time>', 'use only what was recorded by then (RFC 3339; default now)')
    .option('--explain', 'list every factor and every record left out, with the reason')
    .option('--json', 'print the assessment as JSON')
    .option('--db <url>', 'store URL (or PROBITY_DB)')
    .option('--pack <dir>', 'jurisdiction pack folder (or PROBITY_PACK)')
    .action((subject: string | undefined, options: AssessOptions) =>
      runCommand(async () => {
        if (options.all) {
          if (subject !== undefined || options.asOf || options.knownAt) {
            throw new ProbityError(
              'invalid_config',
              '--all rates every subject as of now; it takes no subject, --as-of or --known-at',
            );
          }
          await recomputeAll(options);
          return;
        }
        if (subject === undefined)
          throw new ProbityError('invalid_config', 'name a subject as SCHEME:VALUE, or give --all');
        const at = subject.indexOf(':');
        if (at <= 0) throw new ProbityError('invalid_config', `name the subject as SCHEME:VALUE, got "${subject}"`);
        const { assessment } = await withRegistry(loadConfig({ db: options.db, pack: options.pack }), (registry) =>
          registry.assessments.ofIdentifier(subject.slice(0, at), subject.slice(at + 1), {
            asOf: options.asOf,
            knownAt: options.knownAt,
          }),
        );
        process.stdout.write(
          options.json ? `${JSON.stringify(assessment, null, 2)}\n` : explain(assessment, options.explain ?? false),
        );
      }),
    );
}

async function recomputeAll(options: AssessOptions): Promise<void> {
  const started = Date.now();
  const result = await withRegistry(loadConfig({ db: options.db, pack: options.pack }), async (registry) => {
    const { subjects } = await registry.store.counts();
    const bar = progressBar(
      subjects,
      {
        bar:
          '{bar} {percentage}% | {done} subjects | {rate} subjects/s | ETA {eta_formatted} | ' +
          '{bandChanges} band changes',
        plain: (percent, p) => `${percent}% ${p.done} subjects ${p.rate} subjects/s ${p.bandChanges} band changes`,
      },
      { done: 0, rate: 0, bandChanges: 0 },
    );
    try {
      return await registry.ratings.recomputeAll((p) =>
        bar.update(p.done, { done: p.done, rate: ratePerSecond(p.done, started), bandChanges: p.bandChanges }),
      );
    } finally {
      bar.stop();
    }
  });
  const seconds = (Date.now() - started) / 1000;
  process.stdout.write(
    options.json
      ? `${JSON.stringify({ subjects: result.done, bandChanges: result.bandChanges, seconds })}\n`
      : `rated ${result.done} subject(s) in ${seconds.toFixed(1)} s; ${result.bandChanges} changed band\n`,
  );
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));
const factorLine = (f: Factor) =>
  `  ${signed(f.points).padStart(8)}  ${f.reasonCode}: ${f.reasonText.en} (rule ${f.ruleId}; ` +
  `${f.recordIds.length} record${f.recordIds.length === 1 ? '' : 's'}: ${f.recordIds.join(', ')})`;

/** The assessment in words: score and band, then what lowered and raised it, then what was left out. */
function explain(a: Assessment, full: boolean): string {
  const lines = [
    `score ${a.score}, band ${a.band.code} (${a.band.label.en} / ${a.band.label.zh})`,
    `rulebook ${a.rulebookCode} ${a.rulebookVersion} (${a.rulebookId}); as of ${a.asOf}, known at ${a.knownAt}`,
  ];
  if (a.adverse.length > 0) lines.push('lowered by:', ...a.adverse.map(factorLine));
  if (a.positive.length > 0) lines.push('raised by:', ...a.positive.map(factorLine));
  if (full) {
    lines.push(a.excluded.length === 0 ? 'no record was left out' : 'left out:');
    for (const e of a.excluded) {
      lines.push(
        `  ${e.recordId}${e.version === undefined ? '' : ` version ${e.version}`}: ` +
          `${e.reason}${e.detail ? ` (${e.detail})` : ''}`,
      );
    }
  } else if (a.excluded.length > 0) {
    lines.push(`${a.excluded.length} record(s) left out (--explain lists them)`);
  }
  return `${lines.join('\n')}\n`;
}
