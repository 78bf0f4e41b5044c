#!/usr/bin/env node
import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { EXIT } from './exit.js';

type CommandDefinition = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs: `probity demo` brings an identity
 * provider and a mail server that `probity keys issue` has no use for, and loading every
 * module cost each command half a second before it started. Help loads them all.
 */
const COMMANDS: Readonly<Record<string, () => Promise<CommandDefinition>>> = {
  pack: async () => (await import('./commands/pack-command.js')).packCommand,
  keys: async () => (await import('./commands/keys-command.js')).keysCommand,
  ingest: async () => (await import('./commands/ingest-command.js')).ingestCommand,
  gen: async () => (await import('./commands/gen-command.js')).genCommand,
  serve: async () => (await import('./commands/serve-command.js')).serveCommand,
  demo: async () => (await import('./commands/demo-command.js')).demoCommand,
  audit: async () => (await import('./commands/audit-command.js')).auditCommand,
  assess: async () => (await import('./commands/assess-command.js')).assessCommand,
  rulebook: async () => (await import('./commands/rulebook-command.js')).rulebookCommand,
  attestation: async () => (await import('./commands/attestation-command.js')).attestationCommand,
  witness: async () => (await import('./commands/witness-command.js')).witnessCommand,
};

/** The version in package.json: what an operator quotes in a report, and what a release is tagged. */
function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

const program = new Command()
  .name('probity')
  .description('Probity: a public credit-information registry that shows everything and can be contested')
  .version(version(), '-V, --version', 'print the version and exit')
  .showHelpAfterError()
  // Usage errors exit 2 like other fatal errors; 1 means "some records were rejected".
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT.fatal));

const requested = process.argv[2];
const asksVersion = requested === '-V' || requested === '--version';
const needed =
  requested !== undefined && Object.hasOwn(COMMANDS, requested)
    ? [requested]
    : asksVersion
      ? []
      : Object.keys(COMMANDS);
for (const define of await Promise.all(needed.map((name) => COMMANDS[name]!().catch(withoutDemoPackages))))
  define?.(program);

/**
 * `probity demo` brings an identity provider and a mail server from optional packages, which a
 * production install leaves out (`npm ci --omit=optional`): without them only the demo is missing.
 */
function withoutDemoPackages(error: unknown): undefined {
  const missing = /Cannot find package '(oidc-provider|smtp-server|mailparser)'/.exec(String((error as Error).message));
  if ((error as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND' || !missing) throw error;
  if (requested === 'demo') {
    process.stderr.write(
      `probity: invalid_config: probity demo needs the optional package ${missing[1]}: ` +
        `run npm install (with optional packages)\n`,
    );
    process.exit(EXIT.fatal);
  }
  return undefined;
}

await program.parseAsync();
