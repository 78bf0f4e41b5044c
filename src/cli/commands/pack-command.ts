import type { Command } from 'commander';
import { checkPack, formatPackProblems } from '../../pack/load-pack.js';
import { EXIT, runCommand } from '../exit.js';

export function packCommand(program: Command): void {
  const pack = program.command('pack').description('jurisdiction packs');
  pack
    .command('check')
    .argument('<dir>', 'pack folder')
    .description('validate a pack: file schemas, cross-references and the policy of what Probity refuses to do')
    .action((dir: string) =>
      runCommand(async () => {
        const check = checkPack(dir);
        if (check.ok) {
          const p = check.pack;
          process.stdout.write(
            `${dir}: pack ${p.manifest.id} ${p.manifest.version} is valid: ${p.institutions.length} institutions, ` +
              `${p.recordTypes.length} record types, ${p.lists.length} lists, ${p.restrictions.length} restrictions, ` +
              `${p.actions.length} actions, ${p.relyingParties.length} relying parties, ${p.rulebooks.length} rulebooks\n`,
          );
          return EXIT.ok;
        }
        process.stdout.write(formatPackProblems(check.problems) + '\n');
        return EXIT.rejected;
      }),
    );
}
