#!/usr/bin/env node
import { Command } from 'commander';
import { assessCommand } from './commands/assess-command.js';
import { attestationCommand } from './commands/attestation-command.js';
import { auditCommand } from './commands/audit-command.js';
import { demoCommand } from './commands/demo-command.js';
import { genCommand } from './commands/gen-command.js';
import { ingestCommand } from './commands/ingest-command.js';
import { keysCommand } from './commands/keys-command.js';
import { packCommand } from './commands/pack-command.js';
import { rulebookCommand } from './commands/rulebook-command.js';
import { serveCommand } from './commands/serve-command.js';
import { EXIT } from './exit.js';

const program = new Command()
  .name('probity')
  .description('Probity: a public credit-information registry that shows everything and can be contested')
  .showHelpAfterError()
  // Usage errors exit 2 like other fatal errors; 1 means "some records were rejected".
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT.fatal));

packCommand(program);
keysCommand(program);
ingestCommand(program);
genCommand(program);
serveCommand(program);
demoCommand(program);
auditCommand(program);
assessCommand(program);
rulebookCommand(program);
attestationCommand(program);

await program.parseAsync();
