import type { Command } from 'commander';
import { createTransport } from 'nodemailer';
import { loadConfig, type Config } from '../../config.js';
import { buildServer, type ServerOptions } from '../../http/server.js';
import type { DemoMail } from '../../demo/demo-mailbox.js';
import { openRegistry, type Registry } from '../../registry.js';
import { readAttestationKey } from '../attestation-key-file.js';
import { readAuditKey } from '../audit-key-file.js';
import { runCommand } from '../exit.js';

export function serveCommand(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API')
    .option('--db <url>', 'store URL (or PROBITY_DB)')
    .option('--pack <dir>', 'jurisdiction pack folder (or PROBITY_PACK)')
    .option('--host <host>', 'address to listen on (or PROBITY_HOST)')
    .option('--port <port>', 'port to listen on (or PROBITY_PORT)')
    .option('--audit-key <file>', 'audit log private key (or PROBITY_AUDIT_KEY)')
    .action((options: { db?: string; pack?: string; host?: string; port?: string; auditKey?: string }) =>
      runCommand(async () => {
        const config = loadConfig(options);
        const attestationKey = readAttestationKey(config.attestationKeyFile);
        const mail = config.smtpUrl === undefined ? undefined : createTransport(config.smtpUrl);
        const registry = await openRegistry({
          ...config,
          signer: readAuditKey(config.auditKey),
          attestationKey,
          mail,
          store: { statementTimeoutMs: config.dbStatementTimeoutMs },
          ratingsOnThread: true,
        });
        const url = await listen(registry, config);
        process.stdout.write(`Probity API on ${url} (OpenAPI ${url}/openapi.json, docs ${url}/docs)\n`);
        if (!attestationKey)
          process.stdout.write(
            `No attestation key at ${config.attestationKeyFile}: ` +
              `subjects cannot issue signed reports (probity attestation keygen)\n`,
          );
        await new Promise(() => {});
      }),
    );
}

/** The trust-proxy setting as Fastify takes it: a hop count is "trust the first N hops". */
function fastifyTrustProxy(setting: Config['trustProxy']): ServerOptions['trustProxy'] {
  if (typeof setting === 'boolean') return setting;
  if (typeof setting === 'number') return (_address: string, hop: number) => hop < setting;
  return [...setting];
}

/** Starts the server and closes it (and the store) cleanly on SIGINT/SIGTERM. */
export async function listen(
  registry: Registry,
  config: Config,
  demoMails?: () => readonly DemoMail[],
): Promise<string> {
  const app = await buildServer(registry, {
    logLevel: config.logLevel,
    trustProxy: fastifyTrustProxy(config.trustProxy),
    ...(config.redisUrl === undefined ? {} : { redisUrl: config.redisUrl }),
    authFailureLimit: { maxFailures: config.authFailuresPerMinute, windowMs: 60_000 },
    maxLineBytes: config.maxLineBytes,
    portal: {
      publicUrl: config.publicUrl,
      oidc: config.oidc,
      cookieSecret: config.cookieSecret,
      ...(demoMails ? { demoMails } : {}),
    },
  });
  await app.listen({ host: config.host, port: config.port });
  const stop = async () => {
    await app.close();
    await registry.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
}
