import { ProbityError } from '../errors.js';
import { PostgresStore } from './postgres/postgres-store.js';
import { SqliteStore } from './sqlite/sqlite-store.js';
import type { Store, StoreOptions } from './store.js';

/**
 * Opens the store a URL names and applies its migrations:
 * `sqlite:PATH` (or `sqlite::memory:`) for the embedded store, `postgres://…` for PostgreSQL.
 */
export async function openStore(url: string, options: StoreOptions = {}): Promise<Store> {
  let store: Store;
  if (url.startsWith('sqlite:')) store = new SqliteStore(url.slice('sqlite:'.length), options);
  else if (url.startsWith('postgres://') || url.startsWith('postgresql://')) store = new PostgresStore(url, options);
  else throw new ProbityError('invalid_config', `database URL must start with sqlite: or postgres://, got "${url}"`);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => {});
    throw error;
  }
  return store;
}
