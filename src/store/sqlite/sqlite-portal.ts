import type Database from 'better-sqlite3';
import {
  attestationFromRow,
  publicSubjectFromRow,
  type PublicSubjectRow,
  SESSION_COLUMNS,
  sessionFromRow,
  sessionValues,
} from '../store-rows.js';
import { characterCount, searchNames, type NamedRow, type NameSearchIndex } from '../name-search.js';
import type { PortalSession, PublicSubject, PublicSubjectSearch, StoredAttestation } from '../store.js';

type Row = Record<string, unknown>;

/** An FTS5 string: the text in double quotes, a double quote doubled. */
const phrase = (text: string) => `"${text.replaceAll('"', '""')}"`;

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
      namesMatching: db.prepare(
        'SELECT s.id, s.kind, s.public_name FROM subject_name_search f JOIN subjects s ON s.id = f.subject_id ' +
          'WHERE subject_name_search MATCH ? LIMIT ?',
      ),
      // Walks subjects_public_name (which holds the id too: subjects has no rowid) in order.
      namesInOrder: db.prepare(
        'SELECT id, kind, public_name FROM subjects WHERE public_name IS NOT NULL ' +
          'AND (public_name, id) > (?, ?) AND instr(lower(public_name), lower(?)) > 0 ' +
          'ORDER BY public_name, id LIMIT ?',
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

  async publicSubjects(search: PublicSubjectSearch, limit: number): Promise<PublicSubject[]> {
    const { sql } = this;
    const rows: readonly PublicSubjectRow[] =
      'nameContains' in search
        ? await searchNames(this.nameIndex, search.nameContains, search.after, limit)
        : (sql.publicByIdentifier.all(search.identifier.scheme, search.identifier.value) as PublicSubjectRow[]);
    return rows.map((row) =>
      publicSubjectFromRow(row, sql.identifiersOf.all(row.id) as { scheme: string; value: string }[]),
    );
  }

  private readonly nameIndex: NameSearchIndex = {
    // An FTS5 phrase of the needle: the trigram tokenizer matches it anywhere in the name, ignoring case.
    candidates: (needle, max) =>
      this.sql.namesMatching.all(
        characterCount(needle) === 2 ? `{bigrams} : ${phrase(`${needle}\u0001`)}` : `{name} : ${phrase(needle)}`,
        max,
      ) as NamedRow[],
    inNameOrder: (needle, after, limit) => this.sql.namesInOrder.all(after.name, after.id, needle, limit) as NamedRow[],
  };

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
