import { inject } from 'vitest';
import { join } from 'node:path';
import { createDatabase } from './embedded-postgres.js';
import { testTempDir } from './temp-dir.js';

/** The store URLs the contract suite runs against: a fresh SQLite file and a fresh PostgreSQL database. */
export const STORE_KINDS = ['sqlite', 'postgres'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export async function freshStoreUrl(kind: StoreKind): Promise<string> {
  if (kind === 'sqlite') return `sqlite:${join(testTempDir('probity-test-'), 'probity.db')}`;
  return createDatabase(inject('postgresAdminUrl'));
}
