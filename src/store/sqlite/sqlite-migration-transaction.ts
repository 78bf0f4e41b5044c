import type Database from 'better-sqlite3';
import type { MigrationTransaction } from '../migration.js';

/** The migration flow's transaction on SQLite (run inside the store's write transaction, which holds off others). */
export function sqliteMigrationTransaction(db: Database.Database): MigrationTransaction {
  return {
    prepare: () => {
      db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations ' +
          '(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
    },
    appliedVersions: () => new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]),
    apply: (migration) => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        new Date().toISOString(),
      );
    },
  };
}
