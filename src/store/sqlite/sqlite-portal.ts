import type Database from 'better-sqlite3';
import {
  attestationFromRow,
  publicSubjectFromRow,
  SESSION_COLUMNS,
  sessionFromRow,
  sessionValues,
} from '../store-rows.js';
import type { PortalSession, PublicSubject, PublicSubjectSearch, StoredAttestation } from '../store.js';

type Row = Record<string, unknown>;

/** The portal's tables in the SQLite store: sessions, attestations, and the public names of organizations. */
export class SqlitePortal {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      insertAttestation: db.prepare(
        'INSERT INTO attestations (subject_id, id, disclosure, token, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      attestation: db.prepare(
        'SELECT subject_id, id, disclosure, token, issued_at, expires_at FROM attestations WHERE id = ?',
      ),
      insertSession: db.prepare(
        `INSERT INTO sessions (${SESSION_COLUMNS.join(', ')}) VALUES (${SESSION_COLUMNS.map(() => '?').join(', ')})`,
      ),
      session: db.prepare(`SELECT ${SESSION_COLUMNS.join(', ')} FROM sessions WHERE id_hash = ?`),
      deleteSession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
      purgeSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
      // A range over the index: LIKE with an escape clause would not use it.
      publicByName: db.prepare(
        'SELECT id, kind, public_name FROM subjects WHERE public_name >= ? AND public_name < ? ' +
          'ORDER BY public_name LIMIT ?',
      ),
      publicByIdentifier: db.prepare(
        'SELECT s.id, s.kind, s.public_name FROM subject_identifiers i JOIN subjects s ON s.id = i.subject_id ' +
          "WHERE i.scheme = ? AND i.value = ? AND s.kind <> 'person'",
      ),
      identifiersOf: db.prepare(
        'SELECT scheme, value FROM subject_identifiers WHERE subject_id = ? ORDER BY scheme, value',
      ),
    };
  }

  publicSubjects(search: PublicSubjectSearch, limit: number): PublicSubject[] {
    const { sql } = this;
    const rows = (
      'namePrefix' in search
        ? sql.publicByName.all(search.namePrefix, `${search.namePrefix}\u{10FFFF}`, limit)
        : sql.publicByIdentifier.all(search.identifier.scheme, search.identifier.value)
    ) as Row[];
    return rows.map((row) =>
      publicSubjectFromRow(row, sql.identifiersOf.all(row['id']) as { scheme: string; value: string }[]),
    );
  }

  /** Inside the caller's transaction (with the audit entry of the issue). */
  insertAttestation(a: StoredAttestation): void {
    this.sql.insertAttestation.run(a.subjectId, a.id, a.disclosure, a.token, a.issuedAt, a.expiresAt);
  }

  attestation(id: string): StoredAttestation | undefined {
    const row = this.sql.attestation.get(id) as Row | undefined;
    return row && attestationFromRow(row);
  }

  saveSession(session: PortalSession): void {
    this.sql.insertSession.run(...sessionValues(session));
  }

  session(idHash: string): PortalSession | undefined {
    const row = this.sql.session.get(idHash) as Row | undefined;
    return row && sessionFromRow(row);
  }

  endSession(idHash: string): void {
    this.sql.deleteSession.run(idHash);
  }

  purgeSessions(at: string): number {
    return this.sql.purgeSessions.run(at).changes;
  }
}
