/**
 * Whether an error from the PostgreSQL driver means the database cannot be reached or cannot
 * take the work now (a restart, a failover, a full disk, a timeout), as opposed to a bug or a
 * constraint: the first is "retry later" to a caller, the second a 500.
 */
export function isPostgresUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    // SQLSTATE classes 08 (connection exception) and 53 (insufficient resources: disk full, too
    // many connections); 57P01-57P03 (shut down by the administrator or a crash, not accepting
    // connections yet); 57014 (cancelled by statement_timeout); 25P03 (idle in transaction too long).
    if (/^(08|53)/.test(code) || ['57P01', '57P02', '57P03', '57014', '25P03'].includes(code)) return true;
    if (NETWORK_CODES.has(code)) return true;
  }
  return DRIVER_MESSAGES.some((pattern) => pattern.test(error.message));
}

const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** What node-postgres says, without a code, when a connection ends or a client-side timeout fires. */
const DRIVER_MESSAGES: readonly RegExp[] = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Query read timeout/,
  /is not queryable/,
  /^Client was closed and is not queryable/,
];
