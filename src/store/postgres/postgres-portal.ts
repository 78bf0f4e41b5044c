import type pg from 'pg';
import {
  attestationFromRow,
  publicSubjectFromRow,
  type PublicSubjectRow,
  SESSION_COLUMNS,
  sessionFromRow,
  sessionValues,
} from '../store-rows.js';
import { characterCount, likeContaining, searchNames, type NamedRow, type NameSearchIndex } from '../name-search.js';
import type { PortalSession, PublicSubject, PublicSubjectSearch, StoredAttestation } from '../store.js';

/** The portal's tables in the PostgreSQL store: sessions, attestations, and the public names of organizations. */

/** The name search's indexes (migration 16): trigrams, bigrams for a two-character needle, names in "C" order. */
function nameIndex(pool: pg.Pool): NameSearchIndex {
  const ask = async (sql: string, values: unknown[]) => (await pool.query<NamedRow>(sql, values)).rows;
  return {
    candidates: (needle, max) =>
      characterCount(needle) === 2
        ? ask(
            'SELECT id, kind, public_name FROM subjects WHERE public_name IS NOT NULL ' +
              "AND public_name_bigrams(public_name) @> ARRAY[lower($1)] AND public_name ILIKE $2 ESCAPE '\\' LIMIT $3",
            [needle, likeContaining(needle), max],
          )
        : ask(
            "SELECT id, kind, public_name FROM subjects WHERE public_name IS NOT NULL AND public_name ILIKE $1 ESCAPE '\\' LIMIT $2",
            [likeContaining(needle), max],
          ),
    inNameOrder: (needle, after, limit) =>
      ask(
        'SELECT id, kind, public_name FROM subjects WHERE public_name IS NOT NULL ' +
          `AND ((public_name COLLATE "C"), id) > ($1 COLLATE "C", $2) AND public_name ILIKE $3 ESCAPE '\\' ` +
          'ORDER BY (public_name COLLATE "C"), id LIMIT $4',
        [after.name, after.id, likeContaining(needle), limit],
      ),
  };
}

export async function publicSubjects(
  pool: pg.Pool,
  search: PublicSubjectSearch,
  limit: number,
): Promise<PublicSubject[]> {
  const rows: readonly PublicSubjectRow[] =
    'nameContains' in search
      ? await searchNames(nameIndex(pool), search.nameContains, search.after, limit)
      : (
          await pool.query<PublicSubjectRow>(
            'SELECT s.id, s.kind, s.public_name FROM subject_identifiers i JOIN subjects s ON s.id = i.subject_id ' +
              "WHERE i.scheme = $1 AND i.value = $2 AND s.kind <> 'person'",
            [search.identifier.scheme, search.identifier.value],
          )
        ).rows;
  if (rows.length === 0) return [];
  const { rows: identifiers } = await pool.query<{ subject_id: string; scheme: string; value: string }>(
    'SELECT subject_id, scheme, value FROM subject_identifiers WHERE subject_id = ANY($1) ORDER BY scheme, value',
    [rows.map((row) => row.id)],
  );
  return rows.map((row) =>
    publicSubjectFromRow(
      row,
      identifiers.filter((i) => i.subject_id === row.id).map(({ scheme, value }) => ({ scheme, value })),
    ),
  );
}

/** In the caller's transaction (with the audit entry of the issue). */
export async function insertAttestation(client: pg.PoolClient, a: StoredAttestation): Promise<void> {
  await client.query(
    'INSERT INTO attestations (subject_id, id, disclosure, token, issued_at, expires_at) ' +
      'VALUES ($1, $2, $3, $4, $5, $6)',
    [a.subjectId, a.id, a.disclosure, a.token, a.issuedAt, a.expiresAt],
  );
}

export async function attestation(pool: pg.Pool, id: string): Promise<StoredAttestation | undefined> {
  const { rows } = await pool.query<Record<string, unknown>>(
    'SELECT subject_id, id, disclosure, token, issued_at, expires_at FROM attestations WHERE id = $1',
    [id],
  );
  return rows[0] && attestationFromRow(rows[0]);
}

export async function saveSession(pool: pg.Pool, session: PortalSession): Promise<void> {
  await pool.query(
    `INSERT INTO sessions (${SESSION_COLUMNS.join(', ')}) ` +
      `VALUES (${SESSION_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
    sessionValues(session),
  );
}

export async function session(pool: pg.Pool, idHash: string): Promise<PortalSession | undefined> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT ${SESSION_COLUMNS.join(', ')} FROM sessions WHERE id_hash = $1`,
    [idHash],
  );
  return rows[0] && sessionFromRow(rows[0]);
}

export async function endSession(pool: pg.Pool, idHash: string): Promise<void> {
  await pool.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
}

export async function purgeSessions(pool: pg.Pool, at: string): Promise<number> {
  return (await pool.query('DELETE FROM sessions WHERE expires_at <= $1', [at])).rowCount ?? 0;
}
