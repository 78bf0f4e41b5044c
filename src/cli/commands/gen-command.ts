import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { ProbityError } from '../../errors.js';
import { writeSyntheticFile } from '../../gen/write-synthetic-file.js';
import { loadCatalog } from '../../registry.js';
import { runCommand } from '../exit.js';

export function genCommand(program: Command): void {
  program
    .command('gen')
    .description(
      'write a deterministic synthetic population and its records as NDJSON (each line names its institution)',
    )
    .option('--persons <n>', 'persons', '1000')
    .option('--orgs <n>', 'organizations', '100')
    .option('--gov <n>', 'government bodies', '10')
    .option('--seed <n>', 'random seed', '1')
    .option('--records <n>', 'stop after this many records (going round the population again if needed)')
    .option('--as-of <date>', 'records fall in the ten years before this date (default: today)')
    .option('--pack <dir>', 'jurisdiction pack folder (or PROBITY_PACK)')
    .requiredOption('--out <file>', 'output file')
    .action((options: Record<string, string | undefined>) =>
      runCommand(async () => {
        const count = (name: string): number => {
          const value = Number(options[name]);
          if (!Number.isInteger(value) || value < 0)
            throw new ProbityError('invalid_config', `--${name} must be a whole number`);
          return value;
        };
        const asOf = options['asOf'] ? new Date(options['asOf']) : new Date(new Date().toISOString().slice(0, 10));
        if (Number.isNaN(asOf.getTime()))
          throw new ProbityError('invalid_config', `--as-of is not a date: ${options['asOf']}`);
        const catalog = loadCatalog(loadConfig({ pack: options['pack'] }).pack);
        const written = await writeSyntheticFile(
          catalog,
          {
            persons: count('persons'),
            orgs: count('orgs'),
            gov: count('gov'),
            seed: count('seed'),
            asOf,
            ...(options['records'] === undefined ? {} : { records: count('records') }),
          },
          options['out']!,
        );
        process.stdout.write(`${options['out']}: ${written} records\n`);
      }),
    );
}
