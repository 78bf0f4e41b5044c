import type Database from 'better-sqlite3';
import { API_KEY_COLUMNS, apiKeyFromRow, apiKeyValues } from '../store-rows.js';
import type { ApiKey } from '../store.js';

type Row = Record<string, unknown>;
const COLUMNS = API_KEY_COLUMNS.join(', ');

/** The API keys table in the SQLite store. */
export class SqliteApiKeys {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      // Only the lifecycle columns change on conflict: a key's secret, role and holder are fixed at issue.
      upsert: db.prepare(
        `INSERT INTO api_keys (${COLUMNS}) VALUES (${API_KEY_COLUMNS.map(() => '?').join(', ')}) ` +
          'ON CONFLICT (id) DO UPDATE SET expires_at = excluded.expires_at, revoked_at = excluded.revoked_at',
      ),
      bySecretHash: db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE secret_hash = ?`),
      byId: db.prepare(`SELECT ${COLUMNS} FROM api_keys WHERE id = ?`),
      all: db.prepare(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at, id`),
      noteUse: db.prepare(
        'UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
      ),
    };
  }

  /** Inside the caller's transaction (with the audit entries of the step). */
  save(keys: readonly ApiKey[]): void {
    for (const key of keys) this.sql.upsert.run(...apiKeyValues(key));
  }

  bySecretHash(secretHash: string): ApiKey | undefined {
    const row = this.sql.bySecretHash.get(secretHash) as Row | undefined;
    return row && apiKeyFromRow(row);
  }

  byId(id: string): ApiKey | undefined {
    const row = this.sql.byId.get(id) as Row | undefined;
    return row && apiKeyFromRow(row);
  }

  all(): ApiKey[] {
    return (this.sql.all.all() as Row[]).map(apiKeyFromRow);
  }

  noteUse(id: string, at: string): void {
    this.sql.noteUse.run(at, id, at);
  }
}
