import type pg from 'pg';
import { API_KEY_COLUMNS, apiKeyFromRow, apiKeyValues } from '../store-rows.js';
import type { ApiKey } from '../store.js';

/** The API keys table in the PostgreSQL store. */

const COLUMNS = API_KEY_COLUMNS.join(', ');

/**
 * In the caller's transaction (with the audit entries of the step). Only the lifecycle columns
 * of a known key change.
 */
export async function saveApiKeys(client: pg.PoolClient, keys: readonly ApiKey[]): Promise<void> {
  for (const key of keys) {
    await client.query(
      `INSERT INTO api_keys (${COLUMNS}) VALUES (${API_KEY_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')}) ` +
        'ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at, revoked_at = excluded.revoked_at',
      apiKeyValues(key),
    );
  }
}

export async function apiKeyWhere(
  pool: pg.Pool,
  column: 'secret_hash' | 'id',
  value: string,
): Promise<ApiKey | undefined> {
  const { rows } = await pool.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM api_keys WHERE ${column} = $1`, [
    value,
  ]);
  return rows[0] && apiKeyFromRow(rows[0]);
}

export async function apiKeys(pool: pg.Pool): Promise<ApiKey[]> {
  const { rows } = await pool.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`);
  return rows.map(apiKeyFromRow);
}

export async function noteApiKeyUse(pool: pg.Pool, id: string, at: string): Promise<void> {
  await pool.query(
    'UPDATE api_keys SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $1)',
    [at, id],
  );
}
