import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import type { RulebookImpactAnalysis } from '../../services/rulebook-impact-analysis.js';
import { analyseRulebookChange } from '../../services/rulebook-impact-analysis.js';
import { checkRulebookFile, formatPackProblems } from '../../pack/load-pack.js';
import { ProbityError } from '../../errors.js';
import { withRegistry } from '../../registry.js';
import { EXIT, runCommand } from '../exit.js';
import { progressBar, ratePerSecond } from '../progress-bar.js';

interface DiffOptions {
  db?: string;
  pack?: string;
  examples: string;
  json?: boolean;
}

export function rulebookCommand(program: Command): void {
  const rulebook = program.command('rulebook').description('rulebooks');
  rulebook
    .command('diff')
    .argument('<old>', 'the rulebook in use (YAML)')
    .argument('<new>', 'the rulebook to publish (YAML)')
    .description('impact of a new rulebook: how many stored subjects change band, in which direction, with examples')
    .option('--db <url>', 'store URL (or PROBITY_DB)')
    .option('--pack <dir>', 'jurisdiction pack the rulebooks are checked against (or PROBITY_PACK)')
    .option('--examples <n>', 'example subjects per band transition', '3')
    .option('--json', 'print the analysis as JSON')
    .action((oldFile: string, newFile: string, options: DiffOptions) =>
      runCommand(async () => {
        const examples = Number(options.examples);
        if (!Number.isInteger(examples) || examples < 0)
          throw new ProbityError('invalid_config', `--examples must be a whole number, got "${options.examples}"`);
        const started = Date.now();
        return withRegistry(loadConfig({ db: options.db, pack: options.pack }), async (registry) => {
          const checks = [
            checkRulebookFile(oldFile, registry.catalog.pack),
            checkRulebookFile(newFile, registry.catalog.pack),
          ];
          const problems = checks.flatMap((check) => (check.ok ? [] : check.problems));
          if (problems.length > 0) {
            process.stdout.write(formatPackProblems(problems) + '\n');
            return EXIT.rejected;
          }
          const [before, after] = checks.map((check) => (check.ok ? check.rulebook : undefined));
          const bar = progressBar(
            (await registry.store.counts()).subjects,
            {
              bar: '{done} subjects compared | {rate} subjects/s',
              plain: (_percent, p) => `${p.done} subjects compared`,
            },
            { done: 0, rate: 0 },
          );
          const analysis = await analyseRulebookChange(registry, { before: before!, after: after!, examples }, (done) =>
            bar.update(done, { done, rate: ratePerSecond(done, started) }),
          ).finally(() => bar.stop());
          process.stdout.write(options.json ? `${JSON.stringify(analysis, null, 2)}\n` : describe(analysis));
          return EXIT.ok;
        });
      }),
    );
}

const percent = (n: number, of: number) => (of === 0 ? '0' : ((100 * n) / of).toFixed(1));
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** The analysis in words: totals, each band transition with its examples, the score change. */
function describe(a: RulebookImpactAnalysis): string {
  const lines = [
    `${a.before.code} ${a.before.version} (${a.before.id.slice(0, 12)}…) -> ` +
      `${a.after.code} ${a.after.version} (${a.after.id.slice(0, 12)}…), as of ${a.asOf}`,
    `${a.subjects} subjects compared; ${a.bandChanges} (${percent(a.bandChanges, a.subjects)}%) change band: ` +
      `${a.up} up, ${a.down} down`,
    `score change: mean ${signed(a.scoreChange.mean)}, ` +
      `from ${signed(a.scoreChange.min)} to ${signed(a.scoreChange.max)}; ${a.scoreChange.unchanged} unchanged`,
  ];
  for (const t of a.transitions) {
    lines.push(`  ${t.from} -> ${t.to} (${t.direction}): ${t.subjects}`);
    for (const e of t.examples) {
      const rules = e.changedRules.map((r) => `${r.ruleId} ${signed(r.before)} -> ${signed(r.after)}`).join('; ');
      lines.push(`      subject ${e.subjectId}: ${e.before.score} -> ${e.after.score}${rules ? ` (${rules})` : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
