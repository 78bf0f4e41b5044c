import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Cosigner } from '../../domain/audit/cosignature.js';
import { NoteVerifier } from '../../domain/audit/signed-note.js';
import { ProbityError } from '../../errors.js';
import { witnessServer } from '../../witness/witness-server.js';
import { WitnessState } from '../../witness/witness-state.js';
import { runCommand } from '../exit.js';
import { writeSecretFile } from '../secret-file.js';

/**
 * `probity witness`: run a C2SP tlog-witness for Probity logs (or any tlog-checkpoint log). An
 * independent body (an audit office, a court, a press association) runs it with its own key.
 */
export function witnessCommand(program: Command): void {
  const witness = program
    .command('witness')
    .description('an independent witness that cosigns a log’s checkpoints only while its history stays one');

  witness
    .command('keygen')
    .description('create the witness’s Ed25519 key (file mode 0600) and print its verifier key (vkey, type 0x04)')
    .requiredOption('--name <name>', 'the witness’s name on its cosignatures, e.g. audit-office.example/witness')
    .requiredOption('--out <file>', 'where to write the private key')
    .action((options: { name: string; out: string }) =>
      runCommand(async () => {
        const cosigner = new Cosigner(options.name, randomBytes(32));
        writeSecretFile(options.out, `${cosigner.encode()}\n`, 'a witness key');
        process.stderr.write(
          `Private key written to ${options.out} (mode 0600). Verifier key, for logs and clients:\n`,
        );
        process.stdout.write(`${cosigner.verifier().encode()}\n`);
      }),
    );

  witness
    .command('serve')
    .description('answer POST /add-checkpoint (C2SP tlog-witness) for the logs given')
    .requiredOption('--key <file>', 'the witness’s private key (probity witness keygen)')
    .requiredOption('--state <file>', 'where the latest cosigned checkpoint of each log is kept (SQLite)')
    .requiredOption('--log <vkey...>', 'the verifier key of each log to watch (probity audit keygen prints it)')
    .option('--port <n>', 'port to listen on', '8090')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .action((options: { key: string; state: string; log: string[]; port: string; host: string }) =>
      runCommand(async () => {
        if (!existsSync(options.key))
          throw new ProbityError('invalid_config', `no witness key at ${options.key} (probity witness keygen)`);
        const cosigner = Cosigner.decode(readFileSync(options.key, 'utf8'));
        const logs = new Map<string, NoteVerifier[]>();
        for (const vkey of options.log) {
          const verifier = NoteVerifier.decode(vkey);
          logs.set(verifier.name, [...(logs.get(verifier.name) ?? []), verifier]);
        }
        const state = new WitnessState(options.state);
        const app = witnessServer({ cosigner, state, logs });
        const address = await app.listen({ port: Number(options.port), host: options.host });
        process.stdout.write(`Witness ${cosigner.name} on ${address}, watching ${[...logs.keys()].join(', ')}\n`);
        await new Promise<void>((resolve) => {
          for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve());
        });
        await app.close();
        state.close();
      }),
    );
}
