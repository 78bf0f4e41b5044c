import pg from 'pg';

/**
 * How far a PostgreSQL replica's replay is behind its primary, in milliseconds: 0 when it has
 * replayed everything the primary has written (an idle primary writes nothing, so the age of
 * the last replayed transaction says nothing then), else the age of its last replayed
 * transaction. A server that is not in recovery (the primary itself) is 0 behind.
 */
export async function replicaLagMs(primary: pg.Pool, replica: pg.Pool): Promise<number> {
  const {
    rows: [head],
  } = await primary.query<{ lsn: string }>('SELECT pg_current_wal_lsn()::text AS lsn');
  const {
    rows: [state],
  } = await replica.query<{ recovering: boolean; behind: string | null; age_ms: string | null }>(
    `SELECT pg_is_in_recovery() AS recovering,
            pg_wal_lsn_diff($1::pg_lsn, pg_last_wal_replay_lsn()) AS behind,
            extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000 AS age_ms`,
    [head!.lsn],
  );
  if (!state!.recovering) return 0;
  if (state!.behind === null) return Infinity;
  return Number(state!.behind) <= 0 ? 0 : Number(state!.age_ms ?? Infinity);
}
