/**
 * The SQL form of `listEntryStatus` (src/domain/lists/list-entry.ts), for the adapters' reads of
 * list_entries: one text for both dialects, so the store and the screening index cannot disagree.
 * Each function takes the SQL for the time to test at: a parameter (`@at` in SQLite, `$3` in
 * PostgreSQL), used as often as the predicate needs it, or a column (`until`) for the state at an
 * entry's own transition. The comparisons are the domain's: SQLite keeps times as RFC 3339 UTC
 * strings of one fixed width (`toISOString`), which sort as the instants they name, and PostgreSQL
 * as timestamptz, which it compares as instants; either way `a < b` means what it means in
 * `listEntryStatus`.
 */

/**
 * The entry's removal, if it has one, has not taken effect at `at`: a removing record takes effect
 * when it says, so an entry whose removal is dated later stays as it is until then.
 */
export function notRemovedAtSql(at: string): string {
  return `(removed_at IS NULL OR removed_at > ${at})`;
}

/** Open at `at`: not removed, term not over (pending or in force): what the screening index holds. */
export function entryOpenSql(at: string): string {
  return `${notRemovedAtSql(at)} AND until > ${at}`;
}

/**
 * In force at `at` (`listEntryStatus` says 'active', or 'suspended' under an open dispute, which
 * is not the store's to judge here): open, and its notice period over.
 */
export function entryInForceSql(at: string): string {
  return `${entryOpenSql(at)} AND active_from <= ${at}`;
}
