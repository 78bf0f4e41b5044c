import { encodeTime } from 'ulid';

/**
 * One range partition to have: [from, to) of its table's partition key, written as PostgreSQL
 * prints partition bounds (pg_get_expr of relpartbound); `suffix` names it after where it
 * starts (`records_from_2027_01`, `audit_entries_from_100000000`).
 */
export interface PartitionRange {
  readonly suffix: string;
  readonly from: string;
  readonly to: string;
}

/**
 * Entries per audit_entries partition. At the national load of docs/scale.md (about 105
 * million entries a day, 550 B each) one partition is a day and about 55 GB; ten million
 * would make ten partitions a day, thousands a year, and every "who looked" read (by subject,
 * across all of them) would probe each one. Migration 13 writes the same number.
 */
export const AUDIT_PARTITION_SIZE = 100_000_000;

/**
 * Months of record ids per partition, from January. A read by subject cannot be pruned (the
 * key is the record id) and probes every partition of records and record_versions
 * (docs/performance.md, "Partitioning"): monthly partitions made that read 6 times slower
 * after three years and 50 times after ten; yearly ones, twice after ten. Migration 13 ends
 * its initial partition with the year to match.
 */
export const RECORD_PARTITION_MONTHS = 12;

/** Record partitions made ahead of the current one, so that none is made late. */
export const RECORD_PARTITIONS_AHEAD = 1;

/** ULID time prefix length: 10 Crockford base-32 digits of the Unix time in milliseconds. */
const ULID_TIME_LENGTH = 10;

/**
 * The record partitions for the period holding `now` (UTC) and the periods ahead, by record
 * id. A ULID starts with its creation time, so the ids made in a period are those from the time
 * prefix of its first millisecond (inclusive) to that of the next period's (exclusive). The
 * prefixes are upper-case Crockford base 32, which every collation orders as bytes do.
 */
export function recordPeriods(
  now: Date,
  months = RECORD_PARTITION_MONTHS,
  ahead = RECORD_PARTITIONS_AHEAD,
): PartitionRange[] {
  const firstMonth = Math.floor(now.getUTCMonth() / months) * months;
  const start = (i: number) => new Date(Date.UTC(now.getUTCFullYear(), firstMonth + i * months, 1));
  return Array.from({ length: ahead + 1 }, (_, i) => ({
    suffix: `from_${monthName(start(i))}`,
    from: ulidTimePrefix(start(i)),
    to: ulidTimePrefix(start(i + 1)),
  }));
}

/** The audit partition holding entry `size` (the next to be appended) and the one after it. */
export function auditRanges(size: number, partitionSize = AUDIT_PARTITION_SIZE): PartitionRange[] {
  const first = Math.floor(size / partitionSize) * partitionSize;
  return [first, first + partitionSize].map((from) => ({
    suffix: `from_${from}`,
    from: String(from),
    to: String(from + partitionSize),
  }));
}

/** The ULID time prefix of an instant, the bound of the record partitions. */
export const ulidTimePrefix = (time: Date): string => encodeTime(time.getTime(), ULID_TIME_LENGTH);

const monthName = (start: Date): string =>
  `${start.getUTCFullYear()}_${String(start.getUTCMonth() + 1).padStart(2, '0')}`;

/** Orders two bounds of one partition key. */
export type BoundOrder = (a: string, b: string) => number;

export const textOrder: BoundOrder = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
export const integerOrder: BoundOrder = (a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

/**
 * What of `wanted` (contiguous, ascending) is not covered yet, given the highest upper bound
 * of the table's range partitions: only ranges above it are made, never one below it, so a
 * new partition cannot overlap one that exists (the first that exists may have begun at
 * MINVALUE, and old ones may have been detached for archiving). A range the highest bound
 * cuts is made from that bound.
 */
export function rangesToCreate(
  wanted: readonly PartitionRange[],
  highest: string | undefined,
  order: BoundOrder,
): PartitionRange[] {
  if (highest === undefined) return [...wanted];
  return wanted
    .filter((range) => order(range.to, highest) > 0)
    .map((range) => (order(range.from, highest) < 0 ? { ...range, from: highest } : range));
}

/** The upper bound in a range partition's bound text (`FOR VALUES FROM (…) TO ('…')`); undefined for DEFAULT. */
export function upperBound(boundText: string): string | undefined {
  return /\bTO \('([^']*)'\)$/.exec(boundText)?.[1];
}
