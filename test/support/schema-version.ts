import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { POSTGRES_MIGRATIONS } from '../../src/store/postgres/postgres-migrations.js';
import { createDatabase } from './embedded-postgres.js';

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** A fresh PostgreSQL database with the migrations up to `version` applied, as a release of that schema left it. */
export async function databaseAtVersion(adminUrl: string, version: number): Promise<string> {
  const url = await createDatabase(adminUrl);
  const db = await connect(url);
  try {
    await db.query(
      'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)',
    );
    for (const migration of POSTGRES_MIGRATIONS.filter((m) => m.version <= version)) {
      await db.query(migration.sql);
      await db.query('INSERT INTO schema_migrations VALUES ($1, $2, now())', [migration.version, migration.name]);
    }
  } finally {
    await db.end();
  }
  return url;
}

/**
 * Replaces the rows of every table of `target` (but schema_migrations) with those of the
 * same table in `source`, column by column in order: to give an older schema the rows the
 * current write path made, where the tables they share have the same columns.
 */
export async function copyTables(source: string, target: string): Promise<void> {
  const [from, to] = [await connect(source), await connect(target)];
  try {
    const { rows } = await to.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations'",
    );
    for (const { name } of rows) {
      await to.query(`TRUNCATE ${name}`);
      await pipeline(
        from.query(copyTo(`COPY (SELECT * FROM ${name}) TO STDOUT`)),
        to.query(copyFrom(`COPY ${name} FROM STDIN`)),
      );
    }
  } finally {
    await Promise.all([from.end(), to.end()]);
  }
}
