import type pg from 'pg';
import {
  auditRanges,
  integerOrder,
  rangesToCreate,
  recordPeriods,
  textOrder,
  upperBound,
  type BoundOrder,
  type PartitionRange,
} from './partition-ranges.js';

/** What one run of ensurePartitions did. */
export interface PartitionReport {
  /** The partitions it made. */
  readonly created: readonly string[];
  /**
   * Partitions it could not make because the table's DEFAULT partition already holds rows of
   * their range (PostgreSQL refuses then). Those rows stay in DEFAULT, where every query still
   * finds them; the range is not tried again, later ones are made above it.
   */
  readonly heldByDefault: readonly string[];
}

/**
 * How long a run waits for a lock before giving up until the next run. ATTACH locks the
 * DEFAULT partition, which every read not pruned to one partition also touches; a lock
 * waiting in the queue would hold those reads behind it.
 */
const LOCK_TIMEOUT = '1s';
/** Serialises runs of several nodes (migrate uses 7062697479). */
const PARTITIONS_LOCK = 7062697480;
/** check_violation: "updated partition constraint for default partition would be violated". */
const DEFAULT_HOLDS_ROWS = '23514';

/**
 * Makes, inside the caller's transaction, the partitions that rows will need soon: records
 * and record_versions for the period (a year) of `now` and the next RECORD_PARTITIONS_AHEAD, and the
 * audit_entries range holding the log's next entry and the one after it. Nothing is made
 * for a range a partition already covers. It must run ahead of the rows: once DEFAULT holds
 * a row of a range, that range's partition cannot be made (see heldByDefault).
 */
export async function ensurePartitions(client: pg.PoolClient, now: Date): Promise<PartitionReport> {
  await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT}'`);
  await client.query('SELECT pg_advisory_xact_lock($1)', [PARTITIONS_LOCK]);
  const size = Number((await client.query<{ size: string }>('SELECT size FROM audit_head')).rows[0]!.size);
  const periods = recordPeriods(now);
  const plans: readonly { table: string; ranges: readonly PartitionRange[]; order: BoundOrder }[] = [
    { table: 'records', ranges: periods, order: textOrder },
    { table: 'record_versions', ranges: periods, order: textOrder },
    { table: 'audit_entries', ranges: auditRanges(size), order: integerOrder },
  ];
  const created: string[] = [];
  const heldByDefault: string[] = [];
  for (const { table, ranges, order } of plans) {
    for (const range of rangesToCreate(ranges, await highestBound(client, table, order), order)) {
      const name = `${table}_${range.suffix}`;
      ((await attachPartition(client, table, name, range)) ? created : heldByDefault).push(name);
    }
  }
  return { created, heldByDefault };
}

/** The highest upper bound of the table's range partitions (DEFAULT has none). */
async function highestBound(client: pg.PoolClient, table: string, order: BoundOrder): Promise<string | undefined> {
  const { rows } = await client.query<{ bound: string }>(
    'SELECT pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i ' +
      'JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = $1::regclass',
    [table],
  );
  let highest: string | undefined;
  for (const row of rows) {
    const bound = upperBound(row.bound);
    if (bound !== undefined && (highest === undefined || order(bound, highest) > 0)) highest = bound;
  }
  return highest;
}

/**
 * Makes the table beside the partitioned one and attaches it, rather than CREATE TABLE …
 * PARTITION OF: ATTACH takes only SHARE UPDATE EXCLUSIVE on the parent, so reads and writes
 * go on, where CREATE … PARTITION OF takes ACCESS EXCLUSIVE. Both lock DEFAULT exclusively
 * to scan it for rows of the range. False when DEFAULT holds some (nothing is made then).
 */
async function attachPartition(
  client: pg.PoolClient,
  table: string,
  name: string,
  range: PartitionRange,
): Promise<boolean> {
  await client.query('SAVEPOINT partition');
  try {
    await client.query(`CREATE TABLE ${client.escapeIdentifier(name)} (LIKE ${table} INCLUDING DEFAULTS)`);
    await client.query(
      `ALTER TABLE ${table} ATTACH PARTITION ${client.escapeIdentifier(name)} ` +
        `FOR VALUES FROM (${client.escapeLiteral(range.from)}) TO (${client.escapeLiteral(range.to)})`,
    );
    await client.query('RELEASE SAVEPOINT partition');
    return true;
  } catch (error) {
    if ((error as { code?: string }).code !== DEFAULT_HOLDS_ROWS) throw error;
    await client.query('ROLLBACK TO SAVEPOINT partition');
    return false;
  }
}
