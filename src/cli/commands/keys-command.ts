import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { ProbityError } from '../../errors.js';
import { withRegistry } from '../../registry.js';
import type { ApiKeyRole } from '../../store/store.js';
import { runCommand } from '../exit.js';

export function keysCommand(program: Command): void {
  const keys = program.command('keys').description('API keys');
  keys
    .command('issue')
    .description('issue an API key and print it (it is shown once; only its hash is stored)')
    .option('--institution <code>', 'for a source institution of the pack')
    .option('--relying-party <code>', 'for a relying party of the pack')
    .option('--auditor <name>', 'for a staff auditor (reads the audit log entries)')
    .option('--db <url>', 'store URL (or PROBITY_DB)')
    .option('--pack <dir>', 'jurisdiction pack folder (or PROBITY_PACK)')
    .action((options: { institution?: string; relyingParty?: string; auditor?: string; db?: string; pack?: string }) =>
      runCommand(async () => {
        const chosen: [ApiKeyRole, string][] = [];
        if (options.institution) chosen.push(['institution', options.institution]);
        if (options.relyingParty) chosen.push(['relying_party', options.relyingParty]);
        if (options.auditor) chosen.push(['auditor', options.auditor]);
        if (chosen.length !== 1) {
          throw new ProbityError('invalid_config', 'give exactly one of --institution, --relying-party or --auditor');
        }
        const [role, principal] = chosen[0]!;
        const { secret } = await withRegistry(loadConfig({ db: options.db, pack: options.pack }), (registry) =>
          registry.apiKeys.issue(role, principal),
        );
        process.stdout.write(`${secret}\n`);
      }),
    );
}
