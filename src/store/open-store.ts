import { ProbityError } from '../errors.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store, StoreOptions } from './store.js';
import { isPostgresUnavailable } from './postgres/postgres-failure.js';
import { isSqliteUnavailable } from './sqlite/sqlite-failure.js';
import { replicaReads, type ReplicaReads } from './replica-reads.js';
import { withTypedFailures } from './typed-failures.js';

/**
 * Opens the store a URL names and applies its migrations:
 * `sqlite:PATH` (or `sqlite::memory:`) for the embedded store, `postgres://…` for PostgreSQL.
 */
export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  let store: Store;
  if (url.startsWith('sqlite:'))
    store = withTypedFailures<Store>(new SqliteStore(url.slice('sqlite:'.length), options), isSqliteUnavailable);
  else if (url.startsWith('postgres://') || url.startsWith('postgresql://'))
    store = withTypedFailures<Store>(new PostgresStore(url, options), isPostgresUnavailable);
  else throw new ProbityError('invalid_config', `database URL must start with sqlite: or postgres://, got "${url}"`);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}

/**
 * The view of a PostgreSQL store whose lag-tolerant reads go to a replica (`PROBITY_DB_READ`)
 * while it is at most `maxLagMs` behind (replica-reads.ts); it measures the lag against the
 * primary at `primaryUrl` once a second, over a connection of its own.
 */
export function openReplicaReads(
  primary: Store,
  primaryUrl: string,
  replicaUrl: string,
  maxLagMs: number,
  options: StoreOptions = {},
): ReplicaReads {
  if (!/^postgres(ql)?:\/\//.test(primaryUrl) || !/^postgres(ql)?:\/\//.test(replicaUrl)) {
    throw new ProbityError(
      'invalid_config',
      'reads from a replica (PROBITY_DB_READ) need PostgreSQL for both the store and the replica',
    );
  }
  const probe = new PostgresStore(primaryUrl, options, 1);
  const replica = new PostgresStore(replicaUrl, options);
  const reads = replicaReads(
    primary,
    withTypedFailures<Store>(replica, isPostgresUnavailable),
    () => replica.lagBehind(probe),
    {
      maxLagMs,
      checkEveryMs: LAG_CHECK_MS,
    },
  );
  return { store: reads.store, close: async () => void (await Promise.all([reads.close(), probe.close()])) };
}

const LAG_CHECK_MS = 1_000;
