import type { Command } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { loadConfig } from '../../config.js';
import { ProbityError } from '../../errors.js';
import { verifyAttestation } from '../../services/attestations.js';
import { writeNewAttestationKey } from '../attestation-key-file.js';
import { EXIT, runCommand } from '../exit.js';

export function attestationCommand(program: Command): void {
  const attestation = program.command('attestation').description('signed reports subjects share (compact JWS, EdDSA)');

  attestation
    .command('keygen')
    .description('create the Ed25519 key that signs attestations (file mode 0600)')
    .option('--out <file>', 'where to write it (default PROBITY_ATTESTATION_KEY or probity-data/attestation.key)')
    .action((options: { out?: string }) =>
      runCommand(async () => {
        const path = loadConfig({ attestationKeyFile: options.out }).attestationKeyFile;
        writeNewAttestationKey(path);
        process.stderr.write(
          `Attestation key written to ${path} (mode 0600); ` +
            `the server publishes its public half at /v1/attestations/keys\n`,
        );
      }),
    );

  attestation
    .command('verify <file>')
    .description('check an attestation offline: exit 0 and print what it says when valid, exit 1 and say why when not')
    .requiredOption(
      '--key <jwks>',
      "the registry's published keys: a JWK set or JWK file, or the URL of /v1/attestations/keys",
    )
    .option('--issuer <url>', 'also require this issuer')
    .option('--json', 'print the claims as JSON')
    .action((file: string, options: { key: string; issuer?: string; json?: boolean }) =>
      runCommand(async () => {
        if (!existsSync(file)) throw new ProbityError('invalid_config', `no file ${file}`);
        const keys = await publishedKeys(options.key);
        const token = readFileSync(file, 'utf8');
        const now = new Date();
        // A set may hold the old key and the new one during a rotation: any may have signed.
        let reason = 'the key set is empty';
        for (const key of keys) {
          const verdict = await verifyAttestation(token, key, options.issuer, now);
          if (verdict.valid) {
            const { claims } = verdict;
            process.stdout.write(
              options.json
                ? `${JSON.stringify(claims, null, 2)}\n`
                : [
                    `valid: signed by ${claims.iss}`,
                    `subject:    ${claims.sub}`,
                    // Reports issued before names were signed carry none.
                    ...(claims.name === undefined ? [] : [`name:       ${claims.name ?? '(not given)'}`]),
                    'rating:     ' +
                      (claims.rating
                        ? `${claims.rating.label.en} (${claims.rating.band}) as of ${claims.rating.asOf}`
                        : 'not rated'),
                    `disclosure: ${claims.disclosure}`,
                    `issued:     ${new Date(claims.iat * 1000).toISOString()}`,
                    `expires:    ${new Date(claims.exp * 1000).toISOString()}`,
                    ...(claims.records ? [`records:    ${claims.records.length}`] : []),
                    ...(claims.listEntries ? [`list entries: ${claims.listEntries.length}`] : []),
                    '',
                  ].join('\n'),
            );
            return EXIT.ok;
          }
          reason = verdict.reason;
        }
        process.stderr.write(`not valid: ${reason}\n`);
        return EXIT.rejected;
      }),
    );
}

async function publishedKeys(source: string): Promise<JWK[]> {
  let text: string;
  if (/^https?:\/\//.test(source)) {
    const response = await fetch(source);
    if (!response.ok) throw new ProbityError('invalid_config', `${source} answered ${response.status}`);
    text = await response.text();
  } else {
    if (!existsSync(source)) throw new ProbityError('invalid_config', `no key file ${source}`);
    text = readFileSync(source, 'utf8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ProbityError('invalid_config', `${source} is not a JWK or JWK set (JSON)`);
  }
  const keys = (parsed as { keys?: unknown }).keys;
  return Array.isArray(keys) ? (keys as JWK[]) : [parsed as JWK];
}
