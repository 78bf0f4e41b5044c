/**
 * Whether an error from better-sqlite3 means the database cannot take the work now (a full
 * disk, an I/O error, the file locked by a writer past the busy timeout), as opposed to a bug
 * or a constraint.
 */
export function isSqliteUnavailable(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^SQLITE_(FULL|IOERR|BUSY|LOCKED|CANTOPEN|READONLY|NOMEM|PROTOCOL)/.test(code);
}
