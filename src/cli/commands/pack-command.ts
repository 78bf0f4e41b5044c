import type { Command } from 'commander';
import type { Pack } from '../../domain/catalog/pack.js';
import { checkPack, formatPackProblems } from '../../pack/load-pack.js';
import { EXIT, runCommand } from '../exit.js';

export function packCommand(program: Command): void {
  const pack = program.command('pack').description('jurisdiction packs');
  pack
    .command('check')
    .argument('<dir>', 'pack folder')
    .description('validate a pack: file schemas, cross-references and the policy of what Probity refuses to do')
    .option(
      '--json',
      'print the result as one JSON object: {ok, pack, counts} or {ok, problems: [{file, line, message}]}',
    )
    .action((dir: string, options: { json?: boolean }) =>
      runCommand(async () => {
        const check = checkPack(dir);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(check.ok ? { ok: true, pack: packSummary(check.pack) } : check)}\n`);
          return check.ok ? EXIT.ok : EXIT.rejected;
        }
        if (check.ok) {
          const { id, version, counts } = packSummary(check.pack);
          const listed = Object.entries(counts).map(
            ([what, n]) => `${n} ${what.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)}`,
          );
          process.stdout.write(`${dir}: pack ${id} ${version} is valid: ${listed.join(', ')}\n`);
          return EXIT.ok;
        }
        process.stdout.write(formatPackProblems(check.problems) + '\n');
        return EXIT.rejected;
      }),
    );
}

/** What a valid pack holds, for people and for scripts. */
function packSummary(pack: Pack) {
  return {
    id: pack.manifest.id,
    version: pack.manifest.version,
    counts: {
      institutions: pack.institutions.length,
      recordTypes: pack.recordTypes.length,
      lists: pack.lists.length,
      restrictions: pack.restrictions.length,
      actions: pack.actions.length,
      relyingParties: pack.relyingParties.length,
      rulebooks: pack.rulebooks.length,
    },
  };
}
