import { ProbityError } from '../errors.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store, StoreOptions } from './store.js';
import { isPostgresUnavailable } from './postgres/postgres-failure.js';
import { isSqliteUnavailable } from './sqlite/sqlite-failure.js';
import { withTypedFailures } from './typed-failures.js';

/**
 * Opens the store a URL names and applies its migrations:
 * `sqlite:PATH` (or `sqlite::memory:`) for the embedded store, `postgres://…` for PostgreSQL.
 */
export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  let store: Store;
  if (url.startsWith('sqlite:')) store = withTypedFailures<Store>(new SqliteStore(url.slice('sqlite:'.length), options), isSqliteUnavailable);
  else if (url.startsWith('postgres://') || url.startsWith('postgresql://')) store = withTypedFailures<Store>(new PostgresStore(url, options), isPostgresUnavailable);
  else throw new ProbityError('invalid_config', `database URL must start with sqlite: or postgres://, got "${url}"`);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}
