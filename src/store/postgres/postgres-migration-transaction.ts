import type pg from 'pg';
import type { MigrationTransaction } from '../migration.js';

/** A migration may rewrite a large table: the client waits as long as the server lets it run. */
const MIGRATION_TIMEOUT_MS = 24 * 3_600_000;

/** The migration flow's transaction on PostgreSQL, on a client inside BEGIN … COMMIT. */
export function postgresMigrationTransaction(client: pg.PoolClient): MigrationTransaction {
  return {
    prepare: async () => {
      // Serialise concurrent starts of several API nodes against one database.
      await client.query('SELECT pg_advisory_xact_lock(7062697479)');
      // A migration may rewrite a large table: no statement timeout for it.
      await client.query('SET LOCAL statement_timeout = 0');
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_migrations ' +
          '(version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)',
      );
    },
    appliedVersions: async () =>
      new Set(
        (await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((r) => r.version),
      ),
    apply: async (migration) => {
      // node-postgres reads a per-query query_timeout; its type declarations lack the field.
      await client.query({ text: migration.sql, query_timeout: MIGRATION_TIMEOUT_MS } as pg.QueryConfig);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [
        migration.version,
        migration.name,
      ]);
    },
  };
}
