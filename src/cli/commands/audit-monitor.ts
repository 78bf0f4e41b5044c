import type { Command } from 'commander';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { loadConfig } from '../../config.js';
import { NoteVerifier } from '../../domain/audit/signed-note.js';
import { followLog, type MonitorState } from '../../services/log-monitor.js';
import { EXIT, runCommand } from '../exit.js';
import { httpTileSource } from '../tile-http-source.js';

interface MonitorOptions {
  readonly key: string;
  readonly state: string;
  readonly apiKeyFile?: string;
  readonly follow?: string;
}

/**
 * `probity audit monitor URL`: follows a log through its tiles, from where its state file says it
 * stopped, and exits 1 naming the evidence when the log shows another history.
 */
export function auditMonitorCommand(audit: Command): void {
  audit
    .command('monitor')
    .description('follow a log through its tiles; exit 1 with the two checkpoints when it shows another history')
    .argument('<url>', 'the server, e.g. https://registry.example')
    .requiredOption('--key <vkey>', 'verifier key (or a file holding it) the log signs with')
    .requiredOption('--state <file>', 'where the monitor keeps the last checkpoint it checked')
    .option('--api-key-file <file>', 'file holding an auditor API key, to read entry bundles (or PROBITY_API_KEY)')
    .option('--follow <seconds>', 'keep following, a pass every so many seconds, until evidence is found')
    .action((url: string, options: MonitorOptions) => runCommand(() => monitor(url, options)));
}

async function monitor(url: string, options: MonitorOptions): Promise<number> {
  const verifier = NoteVerifier.decode(existsSync(options.key) ? readFileSync(options.key, 'utf8') : options.key);
  const apiKey = options.apiKeyFile ? readFileSync(options.apiKeyFile, 'utf8').trim() : loadConfig().apiKey;
  const source = httpTileSource(url, apiKey);
  for (;;) {
    const previous = existsSync(options.state)
      ? (JSON.parse(readFileSync(options.state, 'utf8')) as MonitorState)
      : undefined;
    const report = await followLog(source, verifier, previous);
    if (report.state && report.state !== previous) {
      // Written whole, then renamed: a crash leaves the old state or the new, never half of one.
      writeFileSync(`${options.state}.tmp`, JSON.stringify(report.state));
      renameSync(`${options.state}.tmp`, options.state);
    }
    for (const problem of report.problems) process.stdout.write(`problem: ${problem.message}\n`);
    for (const item of report.evidence) process.stdout.write(`evidence: ${item}\n`);
    if (report.evidence.length > 0 || report.problems.length > 0) return EXIT.rejected;
    process.stdout.write(`ok: ${report.state?.size ?? 0} entries checked\n`);
    if (!options.follow) return EXIT.ok;
    await new Promise((resolve) => setTimeout(resolve, Number(options.follow) * 1000));
  }
}
