import { awaited, type Answer, type Step } from './flows/steps.js';

/** One versioned schema change of a store dialect. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** What the migration flow needs of a store: one transaction that holds off other starts. */
export interface MigrationTransaction {
  /** Takes the lock that keeps several nodes starting at once from migrating together; makes the versions table. */
  prepare(): Answer<void>;
  appliedVersions(): Answer<ReadonlySet<number>>;
  /** Runs the migration's SQL and records its version. */
  apply(migration: Migration): Answer<void>;
}

/** Applies, in order and in one transaction, the migrations not applied yet. */
export function* migrateFlow(tx: MigrationTransaction, migrations: readonly Migration[]): Step<void> {
  yield* awaited(tx.prepare());
  const applied = yield* awaited(tx.appliedVersions());
  for (const migration of migrations) {
    if (!applied.has(migration.version)) yield* awaited(tx.apply(migration));
  }
}
