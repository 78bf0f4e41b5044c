import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { setPriority } from 'node:os';
import { loadConfig } from '../../config.js';
import { ProbityError } from '../../errors.js';
import { withRegistry } from '../../registry.js';
import { readAuditKey } from '../audit-key-file.js';
import { EXIT, runCommand } from '../exit.js';
import type { IngestFormat } from '../file-lines.js';
import { ingestFile } from '../ingest-file.js';

/** Lower CPU priority for a bulk load (Unix nice; 0 is normal, 19 the lowest). */
const BULK_LOAD_NICENESS = 10;

export function ingestCommand(program: Command): void {
  program
    .command('ingest')
    .argument('<file>', 'NDJSON or CSV file of records')
    .description(
      'load records from a file; exit 0 when all were accepted or duplicates, 1 when some were rejected, ' +
        '2 on a fatal error; runs at a lower CPU priority (nice 10) than a server on the same machine',
    )
    .option('--institution <code>', 'submit every line for this institution (otherwise each line names its own)')
    .option('--format <format>', 'ndjson or csv (default: from the file extension)')
    .option('--db <url>', 'store URL (or PROBITY_DB)')
    .option('--pack <dir>', 'jurisdiction pack folder (or PROBITY_PACK)')
    .option(
      '--json',
      'print the result as one JSON object: ' +
        '{file, accepted, duplicates, rejected, seconds, rejectsFile, checkpointSize}',
    )
    .option(
      '--audit-key <file>',
      'audit log key (or PROBITY_AUDIT_KEY); when it exists, the run ends with a signed checkpoint of what it wrote',
    )
    .action(
      (
        file: string,
        options: {
          institution?: string;
          format?: string;
          db?: string;
          pack?: string;
          auditKey?: string;
          json?: boolean;
        },
      ) =>
        runCommand(async () => {
          if (options.format !== undefined && options.format !== 'ndjson' && options.format !== 'csv') {
            throw new ProbityError('invalid_config', `--format must be ndjson or csv, got "${options.format}"`);
          }
          const config = loadConfig({ db: options.db, pack: options.pack, auditKey: options.auditKey });
          // A bulk load is background work: a server on the same machine answers its checks first
          // (p99 68 -> 51 ms during a load on SQLite, docs/performance.md). Set before the reading
          // thread starts, which inherits it.
          setPriority(BULK_LOAD_NICENESS);
          // An offline bulk load is tied to a signed tree head at once, so `probity audit verify`
          // passes right after it, with no server running to sign one.
          const signer = existsSync(config.auditKey) ? readAuditKey(config.auditKey) : undefined;
          return withRegistry({ ...config, signer }, async (registry) => {
            if (options.institution && !registry.catalog.institution(options.institution)) {
              throw new ProbityError('unknown_institution', `no institution "${options.institution}" in the pack`);
            }
            const { summary, rejectsFile, seconds } = await ingestFile(registry, {
              file,
              maxLineBytes: config.maxLineBytes,
              ...(options.institution ? { institution: options.institution } : {}),
              ...(options.format ? { format: options.format as IngestFormat } : {}),
            });
            const checkpointSize = signer ? (await registry.audit.publishCheckpoint()).size : null;
            if (options.json) {
              process.stdout.write(
                `${JSON.stringify({ file, ...summary, seconds, rejectsFile: rejectsFile ?? null, checkpointSize })}\n`,
              );
            } else {
              const total = summary.accepted + summary.duplicates + summary.rejected;
              process.stdout.write(
                `${file}: ${summary.accepted} accepted, ${summary.duplicates} duplicates, ` +
                  `${summary.rejected} rejected ` +
                  `in ${seconds.toFixed(1)} s (${Math.round(total / Math.max(seconds, 0.001))} records/s)\n`,
              );
              if (rejectsFile) process.stdout.write(`rejected lines and reasons: ${rejectsFile}\n`);
              if (checkpointSize !== null) process.stdout.write(`signed checkpoint: ${checkpointSize} audit entries\n`);
            }
            return summary.rejected > 0 ? EXIT.rejected : EXIT.ok;
          });
        }),
    );
}
