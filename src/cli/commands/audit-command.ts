import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { loadConfig } from '../../config.js';
import { NoteVerifier } from '../../domain/audit/signed-note.js';
import { ProbityError } from '../../errors.js';
import { AuditLog } from '../../services/audit-log.js';
import { systemClock } from '../../services/clock.js';
import { storeAuditSource, verifyAuditLog, type AuditSource, type VerifyReport } from '../../services/audit-verify.js';
import { openStore } from '../../store/open-store.js';
import { httpAuditSource } from '../audit-http-source.js';
import { newAuditKey, readAuditKey, writeAuditKey } from '../audit-key-file.js';
import { EXIT, runCommand } from '../exit.js';
import { auditMonitorCommand } from './audit-monitor.js';

interface VerifyCliOptions {
  db?: string;
  url?: string;
  checkpoint: string[];
  key?: string;
  apiKeyFile?: string;
  auditKey?: string;
  json?: boolean;
}

export function auditCommand(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log');

  audit
    .command('keygen')
    .description('create the log signing key (file mode 0600) and print its verifier key')
    .option('--out <file>', 'where to write the private key (default PROBITY_AUDIT_KEY or probity-data/audit-log.key)')
    .option('--origin <name>', 'the log name checkpoints carry on their first line', 'probity.localhost/audit-log')
    .action((options: { out?: string; origin: string }) =>
      runCommand(async () => {
        const path = loadConfig({ auditKey: options.out }).auditKey;
        const signer = newAuditKey(options.origin);
        writeAuditKey(path, signer);
        process.stderr.write(`Private key written to ${path} (mode 0600). Verifier key, for auditors to pin:\n`);
        process.stdout.write(`${signer.verifier().encode()}\n`);
      }),
    );

  audit
    .command('verify')
    .description(
      'recompute the Merkle tree from every entry and check it against signed checkpoints; exit 0 only if all verifies',
    )
    .option('--db <url>', 'read the log from this store')
    .option(
      '--url <base>',
      'read the log from a running server (entries need an auditor API key: --api-key-file or PROBITY_API_KEY)',
    )
    .option(
      '--checkpoint <file>',
      'a checkpoint saved earlier; must be consistent with the log (repeatable)',
      collect,
      [],
    )
    .option('--key <vkey>', 'verifier key (or a file holding it) checkpoints must be signed with')
    // Never the key itself on the command line: every user of the machine can read it in `ps`.
    .option('--api-key-file <file>', 'file holding the auditor API key, with --url (or PROBITY_API_KEY)')
    .option('--audit-key <file>', 'without --key and with --db: trust the public half of this private key file')
    .option(
      '--json',
      'print the report as one JSON object: {ok, size, checkpointsVerified, signedSize, problems, firstBadIndex}',
    )
    .action((options: VerifyCliOptions) => runCommand(() => verify(options)));

  auditMonitorCommand(audit);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

async function verify(options: VerifyCliOptions): Promise<number> {
  if (Boolean(options.db) === Boolean(options.url))
    throw new ProbityError('invalid_config', 'give exactly one of --db or --url');
  const saved = options.checkpoint.map((file) => ({
    label: `saved checkpoint ${file}`,
    note: readFileSync(file, 'utf8'),
  }));
  if (options.url) {
    const apiKey = options.apiKeyFile ? readFileSync(options.apiKeyFile, 'utf8').trim() : loadConfig().apiKey;
    const source = httpAuditSource(options.url, apiKey);
    const key = options.key
      ? readKey(options.key)
      : await trusted(source.verifierKey(), 'the key the server publishes');
    return report(await verifyAuditLog({ source, verifiers: [key], saved }), options.json);
  }
  const store = await openStore(loadConfig({ db: options.db }).db);
  try {
    const source: AuditSource = storeAuditSource(store, new AuditLog({ store, clock: systemClock }));
    const key = options.key
      ? readKey(options.key)
      : await trusted(
          Promise.resolve(
            readAuditKey(loadConfig({ auditKey: options.auditKey }).auditKey)
              .verifier()
              .encode(),
          ),
          'the local key file',
        );
    return report(await verifyAuditLog({ source, verifiers: [key], saved }), options.json);
  } finally {
    await store.close();
  }
}

function readKey(value: string): NoteVerifier {
  return NoteVerifier.decode(existsSync(value) ? readFileSync(value, 'utf8') : value);
}

async function trusted(vkey: Promise<string>, where: string): Promise<NoteVerifier> {
  const key = await vkey;
  process.stderr.write(
    `warning: no --key given; trusting ${where} (${key}). Pin the key with --key to detect a replaced key.\n`,
  );
  return NoteVerifier.decode(key);
}

function report(result: VerifyReport, json = false): number {
  const out = process.stdout;
  if (json) {
    out.write(`${JSON.stringify(result)}\n`);
    return result.ok ? EXIT.ok : EXIT.rejected;
  }
  out.write(
    `entries: ${result.size}; checkpoints verified: ${result.checkpointsVerified} ` +
      `(largest signed size ${result.signedSize})\n`,
  );
  for (const problem of result.problems.slice(0, 50)) {
    out.write(`  ${problem.index === undefined ? '' : `index ${problem.index}: `}${problem.message}\n`);
  }
  if (result.problems.length > 50) out.write(`  … and ${result.problems.length - 50} more problems\n`);
  if (result.ok) {
    out.write(`OK: all ${result.size} entries verify against the signed checkpoints\n`);
    return EXIT.ok;
  }
  out.write(
    `FAILED: ${result.problems.length} problem(s)` +
      `${result.firstBadIndex === null ? '' : `; first bad index ${result.firstBadIndex}`}\n`,
  );
  return EXIT.rejected;
}
