import Database from 'better-sqlite3';
import { hash } from 'node:crypto';

/** The fields of a generated record line that the floor stores. */
export interface FloorLine {
  readonly institution: string;
  readonly type: string;
  readonly sourceRef: string;
  readonly subject: { readonly scheme: string; readonly value: string };
  readonly effectiveAt: string;
  readonly payload: unknown;
}

const SCHEMA = `
  CREATE TABLE subject_identifiers (scheme TEXT, value TEXT, subject_id INTEGER NOT NULL, PRIMARY KEY (scheme, value)) WITHOUT ROWID;
  CREATE TABLE records (subject_id INTEGER NOT NULL, id INTEGER NOT NULL, institution TEXT NOT NULL, source_ref TEXT NOT NULL,
    type TEXT NOT NULL, effective_at TEXT NOT NULL, recorded_at TEXT NOT NULL, payload TEXT NOT NULL, PRIMARY KEY (subject_id, id)) WITHOUT ROWID;
  CREATE UNIQUE INDEX records_source_ref ON records (institution, source_ref);
  CREATE INDEX records_id ON records (id);
  CREATE TABLE change_feed (seq INTEGER PRIMARY KEY, subject_id INTEGER NOT NULL, record_id INTEGER NOT NULL);
  CREATE TABLE audit_entries (seq INTEGER PRIMARY KEY, subject_id INTEGER NOT NULL, entry TEXT NOT NULL, leaf_hash BLOB NOT NULL);
  CREATE INDEX audit_entries_subject ON audit_entries (subject_id, seq);
`;

const LEAF_PREFIX = Buffer.from([0]);

/**
 * The floor under any ingest that keeps the design's principles: per record only the writes
 * they require (the identifier map, the record row with its source-reference and id indexes,
 * one feed row, one audit entry with its RFC 6962 leaf hash and subject index), with integer
 * keys, already-parsed lines, no checking, no record versions and no Merkle interior nodes.
 * Probity cannot be faster than this on the same machine; the bench prints it beside the
 * baseline so that the gap between the two is visible.
 */
export function sqliteFloor(path: string): (rows: readonly FloorLine[]) => void {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('cache_size = -32768');
  db.exec(SCHEMA);
  const sourceRef = db.prepare('SELECT id FROM records WHERE institution = ? AND source_ref = ?').pluck();
  const subjectIdOf = db.prepare('SELECT subject_id FROM subject_identifiers WHERE scheme = ? AND value = ?').pluck();
  const insertIdentifier = db.prepare('INSERT INTO subject_identifiers VALUES (?, ?, ?)');
  const insertRecord = db.prepare('INSERT INTO records VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertFeed = db.prepare('INSERT INTO change_feed (subject_id, record_id) VALUES (?, ?)');
  const insertAudit = db.prepare('INSERT INTO audit_entries (seq, subject_id, entry, leaf_hash) VALUES (?, ?, ?, ?)');
  let nextId = 1;
  let seq = 0;
  const recordedAt = new Date().toISOString();
  return db.transaction((rows: readonly FloorLine[]) => {
    for (const r of rows) {
      if (sourceRef.get(r.institution, r.sourceRef) !== undefined) continue;
      let subjectId = subjectIdOf.get(r.subject.scheme, r.subject.value) as number | undefined;
      if (subjectId === undefined) {
        subjectId = nextId++;
        insertIdentifier.run(r.subject.scheme, r.subject.value, subjectId);
      }
      const id = nextId++;
      const payload = JSON.stringify(r.payload);
      insertRecord.run(subjectId, id, r.institution, r.sourceRef, r.type, r.effectiveAt, recordedAt, payload);
      insertFeed.run(subjectId, id);
      const entry = JSON.stringify({
        action: 'record.accepted',
        at: recordedAt,
        record: id,
        subject: subjectId,
        institution: r.institution,
        type: r.type,
        payload,
      });
      insertAudit.run(
        seq++,
        subjectId,
        entry,
        hash('sha256', Buffer.concat([LEAF_PREFIX, Buffer.from(entry)]), 'buffer'),
      );
    }
  });
}
