import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { ProbityError } from '../../errors.js';
import { withRegistry, type Registry } from '../../registry.js';
import { DEFAULT_OVERLAP, type ApiKeyListing } from '../../services/api-keys.js';
import type { KeyExpiry } from '../../services/key-lifetime.js';
import type { ApiKeyRole } from '../../store/store.js';
import { runCommand } from '../exit.js';

interface StoreOptions {
  readonly db?: string;
  readonly pack?: string;
}

interface ExpiryOptions {
  readonly expiresIn?: string;
  readonly expiresAt?: string;
}

/** The roles `keys issue` offers, each an option naming the holder. */
const ISSUE_ROLES = [
  ['institution', 'institution', '--institution <code>', 'for a source institution of the pack'],
  ['relyingParty', 'relying_party', '--relying-party <code>', 'for a relying party of the pack'],
  ['auditor', 'auditor', '--auditor <name>', 'for a staff auditor (reads the audit log entries)'],
  ['admin', 'admin', '--admin <name>', 'for a staff administrator (manages keys through /v1/admin/keys)'],
] as const;

/** `probity keys`: issue, list, revoke, rotate and expire API keys; each step is an audit entry by `cli`. */
export function keysCommand(program: Command): void {
  const keys = program.command('keys').description('API keys: issue, list, revoke, rotate, expire');

  const issue = keys
    .command('issue')
    .description('issue an API key and print it (it is shown once; only its hash is stored)');
  for (const [, , flags, description] of ISSUE_ROLES) issue.option(flags, description);
  withExpiry(withStore(issue)).action(
    (options: StoreOptions & ExpiryOptions & Partial<Record<(typeof ISSUE_ROLES)[number][0], string>>) =>
      runCommand(async () => {
        const chosen = ISSUE_ROLES.flatMap(([option, role]): [ApiKeyRole, string][] =>
          options[option] ? [[role, options[option]]] : [],
        );
        if (chosen.length !== 1) {
          throw new ProbityError(
            'invalid_config',
            `give exactly one of ${ISSUE_ROLES.map(([, , flags]) => flags.split(' ')[0]).join(', ')}`,
          );
        }
        const [role, principal] = chosen[0]!;
        const { secret } = await inRegistry(options, (registry) =>
          registry.apiKeys.issue(role, principal, { expiry: expiryOf(options) }),
        );
        process.stdout.write(`${secret}\n`);
      }),
  );

  withStore(
    keys
      .command('list')
      .description('list the keys (id, role, holder, created, expires, last used, revoked); never a secret'),
  ).action((options: StoreOptions) =>
    runCommand(async () => {
      const listed = await inRegistry(options, (registry) => registry.apiKeys.list());
      process.stdout.write(
        `${['id', 'role', 'principal', 'created', 'expires', 'last used', 'revoked', 'status'].join('\t')}\n`,
      );
      for (const key of listed) process.stdout.write(`${row(key)}\n`);
    }),
  );

  withStore(
    keys
      .command('revoke')
      .argument('<id>', 'the key id (from keys list)')
      .description('stop a key now, on every server within a second'),
  ).action((id: string, options: StoreOptions) =>
    runCommand(async () => {
      const key = await inRegistry(options, (registry) => registry.apiKeys.revoke(id));
      process.stdout.write(`${row(key)}\n`);
    }),
  );

  withExpiry(withStore(keys.command('rotate').argument('<id>', 'the key id (from keys list)')))
    .description(
      'issue a new key for the same role and holder and print it; the old one works for the overlap, then stops',
    )
    .option('--overlap <duration>', 'how long the old key keeps working (0: not at all)', DEFAULT_OVERLAP)
    .action((id: string, options: StoreOptions & ExpiryOptions & { overlap: string }) =>
      runCommand(async () => {
        const { key, secret, previous } = await inRegistry(options, (registry) =>
          registry.apiKeys.rotate(id, { overlap: options.overlap, expiry: expiryOf(options) }),
        );
        process.stderr.write(`key ${previous.id} stops at ${previous.expiresAt}; new key ${key.id}:\n`);
        process.stdout.write(`${secret}\n`);
      }),
    );

  withExpiry(withStore(keys.command('expire').argument('<id>', 'the key id (from keys list)')))
    .description('set when a key stops (--expires-in or --expires-at), or with neither, clear its expiry')
    .action((id: string, options: StoreOptions & ExpiryOptions) =>
      runCommand(async () => {
        const key = await inRegistry(options, (registry) => registry.apiKeys.setExpiry(id, expiryOf(options)));
        process.stdout.write(`${row(key)}\n`);
      }),
    );
}

function withStore(command: Command): Command {
  return command
    .option('--db <url>', 'store URL (or PROBITY_DB)')
    .option('--pack <dir>', 'jurisdiction pack folder (or PROBITY_PACK)');
}

function withExpiry(command: Command): Command {
  return command
    .option('--expires-in <duration>', 'the key stops after this long, e.g. 90d or 12h')
    .option('--expires-at <time>', 'the key stops at this RFC 3339 time');
}

function expiryOf(options: ExpiryOptions): KeyExpiry {
  return {
    ...(options.expiresIn === undefined ? {} : { expiresIn: options.expiresIn }),
    ...(options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt }),
  };
}

function inRegistry<T>(options: StoreOptions, work: (registry: Registry) => Promise<T>): Promise<T> {
  return withRegistry(loadConfig({ db: options.db, pack: options.pack }), work);
}

function row(key: ApiKeyListing): string {
  return [
    key.id,
    key.role,
    key.principal,
    key.createdAt,
    key.expiresAt ?? '-',
    key.lastUsedAt ?? '-',
    key.revokedAt ?? '-',
    key.status,
  ].join('\t');
}
