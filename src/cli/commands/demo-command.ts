import type { Command } from 'commander';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { DEFAULT_DATA_DIR, loadConfig } from '../../config.js';
import { writeSyntheticFile } from '../../gen/write-synthetic-file.js';
import { openRegistry, type Registry } from '../../registry.js';
import { makePrivateDir, narrowToOwner } from '../../private-files.js';
import type { ApiKeyRole } from '../../store/store.js';
import { readAttestationKey, writeNewAttestationKey } from '../attestation-key-file.js';
import { newAuditKey, readAuditKey, writeAuditKey } from '../audit-key-file.js';
import { runCommand } from '../exit.js';
import { ingestFile } from '../ingest-file.js';
import { freePort } from '../free-port.js';
import { listen } from './serve-command.js';
import { demoOidcConfig, startDemoIdentityProvider, type DemoUser } from '../../demo/demo-identity-provider.js';
import { chooseDemoUsers } from '../../demo/demo-users.js';
import { startDemoMailbox } from '../../demo/demo-mailbox.js';

const DEMO_LOG_ORIGIN = 'probity.localhost/demo-audit-log';
const POPULATION = { persons: 20_000, orgs: 2_000, gov: 100, seed: 2026 } as const;
const DEMO_KEYS: readonly { role: ApiKeyRole; principal: string }[] = [
  { role: 'institution', principal: 'sh-pudong-court' },
  { role: 'institution', principal: 'sh-tax' },
  { role: 'institution', principal: 'sh-amr' },
  { role: 'relying_party', principal: 'china-eastern' },
  { role: 'relying_party', principal: 'china-railway-12306' },
  { role: 'auditor', principal: 'demo-auditor' },
];

interface DemoState {
  readonly records: number;
  readonly keys: readonly { role: ApiKeyRole; principal: string; secret: string }[];
  /** Who can sign in to the portal at the demo identity provider. */
  readonly users: readonly DemoUser[];
}

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('embedded store with a generated demo population, server up, URLs and demo keys printed')
    .option('--data <dir>', 'data folder', DEFAULT_DATA_DIR)
    .option('--port <port>', 'port to listen on (or PROBITY_PORT; default 8080)')
    .option('--host <host>', 'address to listen on (or PROBITY_HOST; default 127.0.0.1)')
    .action((options: { data: string; port?: string; host?: string }) =>
      runCommand(async () => {
        const config = loadConfig(
          {
            db: `sqlite:${join(options.data, 'probity.db')}`,
            // The portal's URL must be known before the server starts: a port of 0 is chosen now.
            port: options.port === '0' ? String(await freePort(options.host)) : options.port,
            host: options.host,
            auditKey: join(options.data, 'audit-log.key'),
            attestationKeyFile: join(options.data, 'attestation.key'),
          },
          // Keep the demo's console for the URLs and keys; PROBITY_LOG_LEVEL=info shows every request.
          { logLevel: 'warn' },
        );
        // The demo's folder holds a population with names and identity numbers: its owner's only,
        // also when it was made by an older version with the umask's mode.
        makePrivateDir(options.data);
        chmodSync(options.data, 0o700);
        narrowToOwner(join(options.data, 'demo-population.ndjson'), join(options.data, 'demo-state.json'));
        if (!existsSync(config.auditKey)) writeAuditKey(config.auditKey, newAuditKey(DEMO_LOG_ORIGIN));
        const attestationKey =
          readAttestationKey(config.attestationKeyFile) ?? writeNewAttestationKey(config.attestationKeyFile);
        const mailbox = await startDemoMailbox();
        const registry = await openRegistry({
          ...config,
          signer: readAuditKey(config.auditKey),
          attestationKey,
          mail: mailbox.transport,
          ratingsOnThread: true,
        });
        const state = await prepareDemo(registry, options.data);
        // The demo's stand-in for the national eID service, on a port of its own.
        const provider = await startDemoIdentityProvider({
          users: state.users,
          redirectUri: `${config.publicUrl}/signin/callback`,
          // A browser cannot go to a wildcard address; the provider then answers on loopback.
          host: ['0.0.0.0', '::'].includes(config.host) ? '127.0.0.1' : config.host,
        });
        const url = await listen(registry, { ...config, oidc: demoOidcConfig(provider) }, () => mailbox.mails());
        await registry.screeningIndex.whenReady();
        const auth = state.keys[0]!;
        const airline = state.keys.find((k) => k.role === 'relying_party')!;
        process.stdout.write(
          [
            '',
            `Probity demo is up (jurisdiction pack ${registry.catalog.pack.manifest.id}).`,
            `  Portal    ${url}/  (sign in at the demo eID service ${provider.issuer})`,
            `  Mailbox   ${url}/demo/mailbox  (the notices the demo sends)`,
            `  API       ${url}/v1`,
            `  OpenAPI   ${url}/openapi.json`,
            `  API docs  ${url}/docs`,
            `  Audit     ${url}/v1/audit/checkpoint (log key ${registry.signer!.verifier().encode()})`,
            `  Data      ${options.data}/ (${POPULATION.persons} persons, ${POPULATION.orgs} organizations, ` +
              `${POPULATION.gov} government bodies; ${state.records} records)`,
            '',
            'Demo people (choose one on the eID sign-in page):',
            ...state.users.map((u) => `  ${padToWidth(u.name, 14)} ${u.description}`),
            '',
            'Demo API keys (send as "Authorization: Bearer KEY"):',
            ...state.keys.map((k) => `  ${k.role.padEnd(13)} ${k.principal.padEnd(20)} ${k.secret}`),
            '',
            'Try:',
            `  curl -s ${url}/v1/records -H "Authorization: Bearer ${auth.secret}" ` +
              `-H 'content-type: application/json' \\`,
            `    -d '[{"type":"court.judgment_unperformed","sourceRef":"(2025)沪0115执123号",` +
              `"subject":{"scheme":"CN-RIC",` +
              `"value":"11010519491231002X","name":"张三"},"effectiveAt":"2025-03-01T00:00:00Z",` +
              `"payload":{"caseNumber":"(2025)沪0115执123号","amount":125000,"currency":"CNY"}}]'`,
            `  curl -s ${url}/v1/checks -H "Authorization: Bearer ${airline.secret}" ` +
              `-H 'content-type: application/json' \\`,
            `    -d '{"subject":{"scheme":"CN-RIC","value":"11010519491231002X"},` +
              `"action":"air.ticket.any","purpose":"ticket_sale"}'`,
            '',
            'Stop with Ctrl-C; the next start reuses the data.',
            '',
          ].join('\n'),
        );
        await new Promise(() => {});
      }),
    );
}

/**
 * On first start, generates and ingests the demo population and issues demo keys;
 * later starts reuse them. The state file is written last, so an interrupted first
 * start simply runs again (ingest is idempotent).
 */
async function prepareDemo(registry: Registry, dataDir: string): Promise<DemoState> {
  const statePath = join(dataDir, 'demo-state.json');
  if (existsSync(statePath)) {
    const saved = JSON.parse(readFileSync(statePath, 'utf8')) as Partial<DemoState>;
    // A data folder from before the portal has no demo people yet: choose them now.
    if (saved.users) return saved as DemoState;
    const state = {
      ...(saved as DemoState),
      users: await chooseDemoUsers(registry, join(dataDir, 'demo-population.ndjson')),
    };
    writeFileSync(statePath, JSON.stringify(state, null, 2), { mode: 0o600 });
    return state;
  }

  const populationFile = join(dataDir, 'demo-population.ndjson');
  process.stdout.write('First start: generating the demo population …\n');
  const asOf = new Date(new Date().toISOString().slice(0, 10));
  await writeSyntheticFile(registry.catalog, { ...POPULATION, asOf }, populationFile);
  process.stdout.write('Ingesting it through the same path as `probity ingest` …\n');
  const { summary, seconds } = await ingestFile(registry, { file: populationFile });
  process.stdout.write(`  ${summary.accepted} accepted, ${summary.duplicates} duplicates in ${seconds.toFixed(1)} s\n`);
  const keys = [];
  for (const { role, principal } of DEMO_KEYS) {
    const { secret } = await registry.apiKeys.issue(role, principal);
    keys.push({ role, principal, secret });
  }
  const users = await chooseDemoUsers(registry, populationFile);
  const state: DemoState = { records: (await registry.store.counts()).records, keys, users };
  // Demo keys are kept in clear text so that later starts can print them; owner-only.
  writeFileSync(statePath, JSON.stringify(state, null, 2), { mode: 0o600 });
  return state;
}

/** Pads to a width in terminal columns: a Han character takes two, so `padEnd` would misalign Chinese names. */
function padToWidth(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - stringWidth(text)));
}
