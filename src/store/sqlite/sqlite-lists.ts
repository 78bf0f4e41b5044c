import type Database from 'better-sqlite3';
import type { AuditDraft } from '../../domain/audit/audit-entry.js';
import type { ListEntry } from '../../domain/lists/list-entry.js';
import {
  transitionEvents,
  type EntryChange,
  type OpenedEntry,
  type RemovalRequest,
  type VersionedEntry,
} from '../../domain/lists/entry-writes.js';
import { entryInForceSql, entryOpenSql, notRemovedAtSql } from '../entry-in-force.js';
import { LIST_ENTRY_COLUMNS, listEntryFromRow, listEntryValues } from '../store-rows.js';
import { likeContaining } from '../name-search.js';
import type { EntryWithName, SubjectListings } from '../store.js';
import type { SqliteWriteContext } from './sqlite-write-context.js';

type Row = Record<string, unknown>;

/**
 * The list-entry tables of the SQLite store. Writing methods run inside the caller's
 * transaction; the sweeper's appends its feed events through the context and returns its audit drafts.
 */
export class SqliteLists {
  private readonly sql;

  constructor(
    db: Database.Database,
    private readonly context: SqliteWriteContext,
  ) {
    this.sql = {
      insertListEntry: db.prepare(
        `INSERT INTO list_entries (${LIST_ENTRY_COLUMNS.join(', ')}) ` +
          `VALUES (${LIST_ENTRY_COLUMNS.map(() => '?').join(', ')})`,
      ),
      // Open entries listed by the time the removing record took effect, with its match key (IS: null matches null).
      removeListEntries: db.prepare(
        'UPDATE list_entries SET removed_at = ?, removed_by = ?, removal_recorded_at = ? ' +
          'WHERE subject_id = ? AND list_code = ? AND removed_at IS NULL ' +
          'AND match_key IS ? AND listed_at <= ? RETURNING *',
      ),
      listEntries: db.prepare('SELECT * FROM list_entries WHERE subject_id = ? ORDER BY listed_at, id'),
      // Entries of the representatives named by this subject's listings (another subject, the same basis records).
      removeRepresentativeEntries: db.prepare(
        'UPDATE list_entries SET removed_at = ?, removed_by = ?, removal_recorded_at = ? ' +
          'WHERE basis_record_id IN (SELECT id FROM records WHERE subject_id = ?) ' +
          'AND subject_id != ? AND list_code = ? ' +
          'AND removed_at IS NULL AND match_key IS ? AND listed_at <= ? RETURNING *',
      ),
      openListingSubjects: db
        .prepare(
          `SELECT DISTINCT subject_id FROM list_entries WHERE subject_id > ? AND ${entryOpenSql('@at')} ` +
            'ORDER BY subject_id LIMIT ?',
        )
        .pluck(),
      // Subject ids as a JSON array: one statement for a page of any size.
      identifiersOfMany: db.prepare(
        'SELECT subject_id, scheme, value FROM subject_identifiers ' +
          'WHERE subject_id IN (SELECT value FROM json_each(?)) ORDER BY scheme, value',
      ),
      entriesOfMany: db.prepare(
        'SELECT * FROM list_entries WHERE subject_id IN (SELECT value FROM json_each(?)) ORDER BY listed_at, id',
      ),
      openEntriesOfMany: db.prepare(
        'SELECT * FROM list_entries WHERE subject_id IN (SELECT value FROM json_each(?)) ' +
          `AND ${entryOpenSql('@at')} ORDER BY listed_at, id`,
      ),
      subjectEntriesInForce: db.prepare(
        'SELECT * FROM list_entries WHERE subject_id = ? AND list_code = ? ' +
          `AND ${entryInForceSql('@at')} ORDER BY active_from LIMIT ?`,
      ),
      // Reads the list's names from list_entries_name (one list, not every entry) and keeps those
      // containing the needle; LIKE ignores the case of Latin letters.
      namedEntriesInForce: db.prepare(
        "SELECT * FROM list_entries WHERE list_code = ? AND subject_name LIKE ? ESCAPE '\\' " +
          `AND ${entryInForceSql('@at')} ORDER BY subject_name, active_from LIMIT ?`,
      ),
      countInForce: db.prepare(
        `SELECT count(*) AS n FROM list_entries WHERE list_code = ? AND ${entryInForceSql('@at')}`,
      ),
      // A transition is announced if the entry was not removed by its time (a later removal does not undo it);
      // the partial indexes list_entries_activation_due and list_entries_expiry_due hold these same conditions.
      unannouncedActivations: db.prepare(
        'SELECT * FROM list_entries WHERE activation_announced_at IS NULL AND active_from > listed_at ' +
          `AND ${notRemovedAtSql('active_from')} AND active_from <= ? ORDER BY active_from LIMIT ?`,
      ),
      unannouncedExpiries: db.prepare(
        `SELECT * FROM list_entries WHERE expiry_announced_at IS NULL AND ${notRemovedAtSql('until')} ` +
          'AND until <= ? ORDER BY until LIMIT ?',
      ),
      announceActivation: db.prepare(
        'UPDATE list_entries SET activation_announced_at = ? WHERE subject_id = ? AND id = ?',
      ),
      announceExpiry: db.prepare('UPDATE list_entries SET expiry_announced_at = ? WHERE subject_id = ? AND id = ?'),
      entriesOpenedBy: db.prepare('SELECT * FROM list_entries WHERE basis_record_id = ?'),
      entriesRemovedBy: db.prepare('SELECT * FROM list_entries WHERE removed_by = ?'),
      updateListEntry: db.prepare(
        'UPDATE list_entries SET listed_at = ?, active_from = ?, until = ?, ' +
          'match_key = ?, removed_at = ?, removed_by = ?, ' +
          'removal_recorded_at = CASE WHEN ? THEN ? ELSE removal_recorded_at END WHERE subject_id = ? AND id = ?',
      ),
    };
  }

  insertEntries(opened: readonly OpenedEntry[]): void {
    for (const { entry, subjectName } of opened) this.sql.insertListEntry.run(...listEntryValues(entry, subjectName));
  }

  /** Ends the open entries each request names: the subject's own, then its named representatives'. */
  endEntries(requests: readonly RemovalRequest[], recordedAt: string): EntryChange[] {
    const { sql } = this;
    return requests.flatMap((r) => {
      const rows = sql.removeListEntries.all(
        r.removedAt,
        r.removedBy,
        recordedAt,
        r.subjectId,
        r.listCode,
        r.matchKey,
        r.removedAt,
      ) as Row[];
      if (r.representatives) {
        rows.push(
          ...(sql.removeRepresentativeEntries.all(
            r.removedAt,
            r.removedBy,
            recordedAt,
            r.subjectId,
            r.subjectId,
            r.listCode,
            r.matchKey,
            r.removedAt,
          ) as Row[]),
        );
      }
      return rows.map((row) => ({ entry: listEntryFromRow(row), recordId: r.removedBy, institution: r.institution }));
    });
  }

  /** The entries a record opened or removed, in id order. */
  entriesOfRecord(recordId: string): ListEntry[] {
    const { sql } = this;
    const rows = [...(sql.entriesOpenedBy.all(recordId) as Row[]), ...(sql.entriesRemovedBy.all(recordId) as Row[])];
    const entries = new Map(rows.map((row) => [row['id'] as string, listEntryFromRow(row)]));
    return [...entries.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  updateEntries(changes: readonly VersionedEntry[], at: string): void {
    for (const { entry: e, removalRecorded } of changes) {
      this.sql.updateListEntry.run(
        e.listedAt,
        e.activeFrom,
        e.until,
        e.matchKey,
        e.removedAt,
        e.removedBy,
        removalRecorded === undefined ? 0 : 1,
        removalRecorded ? at : null,
        e.subjectId,
        e.id,
      );
    }
  }

  /** Announces the transitions time has caused by `at` (see Store.announceListTransitions). */
  announceTransitions(at: string, limit: number): { count: number; drafts: AuditDraft[] } {
    const { sql } = this;
    const activated = (sql.unannouncedActivations.all(at, limit) as Row[]).map(listEntryFromRow);
    const expired = (sql.unannouncedExpiries.all(at, limit) as Row[]).map(listEntryFromRow);
    for (const e of activated) sql.announceActivation.run(at, e.subjectId, e.id);
    for (const e of expired) sql.announceExpiry.run(at, e.subjectId, e.id);
    const { events, drafts } = transitionEvents(activated, expired, at);
    for (const e of events) this.context.appendFeed(e);
    return { count: events.length, drafts };
  }

  entries(subjectId: string): ListEntry[] {
    return (this.sql.listEntries.all(subjectId) as Row[]).map(listEntryFromRow);
  }

  openListingsPage(page: { after?: string | undefined; at: string; limit: number }): SubjectListings[] {
    return this.listingsOf(
      this.sql.openListingSubjects.all(page.after ?? '', page.limit, { at: page.at }) as string[],
      page.at,
    );
  }

  /** Two set-wise queries for a page of subjects (the screening index loads a million subjects this way). */
  listingsOf(subjectIds: readonly string[], openAt?: string): SubjectListings[] {
    const { sql } = this;
    const ids = JSON.stringify(subjectIds);
    const bySubject = new Map(
      subjectIds.map((id) => [
        id,
        { subjectId: id, identifiers: [] as { scheme: string; value: string }[], entries: [] as ListEntry[] },
      ]),
    );
    for (const row of sql.identifiersOfMany.all(ids) as { subject_id: string; scheme: string; value: string }[]) {
      bySubject.get(row.subject_id)?.identifiers.push({ scheme: row.scheme, value: row.value });
    }
    const entries = (
      openAt === undefined ? sql.entriesOfMany.all(ids) : sql.openEntriesOfMany.all(ids, { at: openAt })
    ) as Row[];
    for (const row of entries) bySubject.get(row['subject_id'] as string)?.entries.push(listEntryFromRow(row));
    return [...bySubject.values()];
  }

  entriesInForce(
    listCode: string,
    search: { subjectId: string } | { nameContains: string },
    at: string,
    limit: number,
  ): EntryWithName[] {
    const { sql } = this;
    const rows = (
      'subjectId' in search
        ? sql.subjectEntriesInForce.all(search.subjectId, listCode, limit, { at })
        : sql.namedEntriesInForce.all(listCode, likeContaining(search.nameContains), limit, { at })
    ) as Row[];
    return rows.map((row) => ({
      entry: listEntryFromRow(row),
      subjectName: (row['subject_name'] as string | null) ?? null,
    }));
  }

  countInForce(listCode: string, at: string): number {
    return (this.sql.countInForce.get(listCode, { at }) as { n: number }).n;
  }
}
