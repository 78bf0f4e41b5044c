import type pg from 'pg';
import type { AuditDraft } from '../../domain/audit/audit-entry.js';
import type { NewFeedEvent } from '../../domain/feed/feed-event.js';
import type { ListEntry } from '../../domain/lists/list-entry.js';
import {
  transitionEvents,
  type EntryChange,
  type OpenedEntry,
  type RemovalRequest,
  type VersionedEntry,
} from '../../domain/lists/entry-writes.js';
import { entryInForceSql, entryOpenSql, notRemovedAtSql } from '../entry-in-force.js';
import type { EntryWithName, SubjectListings } from '../store.js';
import { LIST_ENTRY_COLUMNS, listEntryFromRow, listEntryValues } from '../store-rows.js';
import { likeContaining } from '../name-search.js';
import { copyRows } from './copy-rows.js';

export async function insertListEntries(client: pg.PoolClient, opened: readonly OpenedEntry[]): Promise<void> {
  await copyRows(
    client,
    'list_entries',
    LIST_ENTRY_COLUMNS,
    opened.map(({ entry, subjectName }) => listEntryValues(entry, subjectName)),
  );
}

/**
 * Ends the open entries each request names, set-wise: the subject's own (through the subject
 * index), then where the list reaches them, its named representatives' (entries whose basis is
 * one of the subject's records, through the records' subject index and the entries' basis
 * index). Joined plainly, the planner misjudged the match (IS NOT DISTINCT FROM) and hashed every
 * open entry of the list on each statement, which grew with the store (0.7 s a statement at 15M
 * records); LATERAL … OFFSET 0 keeps each request to its index look-ups.
 */
export async function endListEntries(
  client: pg.PoolClient,
  requests: readonly RemovalRequest[],
  recordedAt: string,
): Promise<EntryChange[]> {
  const numbered = requests.map((request, n) => ({ request, n }));
  const ownRows = await removeEntries(client, numbered, recordedAt, OWN_ENTRIES_ENDED);
  const representatives = numbered.filter(({ request }) => request.representatives);
  const representativeRows =
    representatives.length > 0
      ? await removeEntries(client, representatives, recordedAt, REPRESENTATIVES_ENTRIES_ENDED)
      : [];
  return [...ownRows, ...representativeRows].map((row) => {
    const request = requests[row.n as number]!;
    return { entry: listEntryFromRow(row), recordId: request.removedBy, institution: request.institution };
  });
}

/** Removal requests, numbered by their place in the batch. */
const REMOVAL_REQUESTS =
  'unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::int[]) ' +
  'AS r(subject_id, list_code, match_key, removed_at, removed_by, n)';
/** Open entries of the request r's list and match key, listed by its time (completed with whose they are). */
const OPEN_MATCHING =
  'list_entries e WHERE e.list_code = r.list_code AND e.removed_at IS NULL ' +
  'AND e.match_key IS NOT DISTINCT FROM r.match_key AND e.listed_at <= r.removed_at';
/** The entries each request ends: the subject's own. */
const OWN_ENTRIES_ENDED =
  `SELECT hit.subject_id, hit.id, r.removed_at, r.removed_by, r.n FROM ${REMOVAL_REQUESTS} ` +
  `CROSS JOIN LATERAL (SELECT e.subject_id, e.id FROM ${OPEN_MATCHING} AND e.subject_id = r.subject_id OFFSET 0) hit`;
/** The entries each request ends: its subject's representatives', opened by the subject's records. */
const REPRESENTATIVES_ENTRIES_ENDED =
  `SELECT hit.subject_id, hit.id, r.removed_at, r.removed_by, r.n FROM ${REMOVAL_REQUESTS} ` +
  'CROSS JOIN LATERAL (SELECT id FROM records WHERE subject_id = r.subject_id OFFSET 0) b ' +
  `CROSS JOIN LATERAL (SELECT e.subject_id, e.id FROM ${OPEN_MATCHING} AND e.basis_record_id = b.id OFFSET 0) hit`;

/**
 * Ends the entries `find` (OWN_ENTRIES_ENDED or REPRESENTATIVES_ENTRIES_ENDED) finds for each
 * request, numbered by its place in the batch. Found first, then ended by key: one statement
 * joining the found entries back to list_entries was planned on the finding's row estimate (ten
 * records a subject), which chose to hash every entry of the table; the found keys as an array
 * give the planner their true number.
 */
async function removeEntries(
  client: pg.PoolClient,
  numbered: readonly { request: RemovalRequest; n: number }[],
  recordedAt: string,
  find: string,
): Promise<Record<string, unknown>[]> {
  const requests = numbered.map(({ request }) => request);
  const found = await client.query<{ subject_id: string; id: string; removed_at: Date; removed_by: string; n: number }>(
    find,
    [
      requests.map((r) => r.subjectId),
      requests.map((r) => r.listCode),
      requests.map((r) => r.matchKey),
      requests.map((r) => r.removedAt),
      requests.map((r) => r.removedBy),
      numbered.map(({ n }) => n),
    ],
  );
  if (found.rows.length === 0) return [];
  const column = <K extends keyof (typeof found.rows)[number]>(key: K) => found.rows.map((row) => row[key]);
  const { rows } = await client.query<Record<string, unknown>>(
    'UPDATE list_entries e SET removed_at = hit.removed_at, removed_by = hit.removed_by, removal_recorded_at = $6 ' +
      'FROM unnest($1::text[], $2::text[], $3::timestamptz[], $4::text[], $5::int[]) ' +
      'AS hit(subject_id, id, removed_at, removed_by, n) ' +
      'WHERE e.subject_id = hit.subject_id AND e.id = hit.id AND e.removed_at IS NULL RETURNING e.*, hit.n',
    [column('subject_id'), column('id'), column('removed_at'), column('removed_by'), column('n'), recordedAt],
  );
  return rows;
}

/** The entries a record opened or removed, in id order, locked until the end of the transaction. */
export async function entriesOfRecord(client: pg.PoolClient, recordId: string): Promise<ListEntry[]> {
  const { rows } = await client.query<Record<string, unknown>>(
    'SELECT * FROM list_entries WHERE basis_record_id = $1 OR removed_by = $1 ORDER BY id FOR UPDATE',
    [recordId],
  );
  return rows.map(listEntryFromRow);
}

export async function updateListEntries(
  client: pg.PoolClient,
  changes: readonly VersionedEntry[],
  at: string,
): Promise<void> {
  for (const { entry: e, removalRecorded } of changes) {
    await client.query(
      'UPDATE list_entries SET listed_at = $1, active_from = $2, until = $3, ' +
        'match_key = $4, removed_at = $5, removed_by = $6, ' +
        'removal_recorded_at = CASE WHEN $7::boolean THEN $8::timestamptz ELSE removal_recorded_at END ' +
        'WHERE subject_id = $9 AND id = $10',
      [
        e.listedAt,
        e.activeFrom,
        e.until,
        e.matchKey,
        e.removedAt,
        e.removedBy,
        removalRecorded !== undefined,
        removalRecorded ? at : null,
        e.subjectId,
        e.id,
      ],
    );
  }
}

export async function listEntries(pool: pg.Pool, subjectId: string): Promise<ListEntry[]> {
  const { rows } = await pool.query<Record<string, unknown>>(
    'SELECT * FROM list_entries WHERE subject_id = $1 ORDER BY listed_at, id',
    [subjectId],
  );
  return rows.map(listEntryFromRow);
}

export async function openListingsPage(
  pool: pg.Pool,
  page: { after?: string | undefined; at: string; limit: number },
): Promise<SubjectListings[]> {
  const { rows } = await pool.query<{ subject_id: string }>(
    // In subject order through list_entries_open_scan alone (index-only): the table is not read.
    `SELECT DISTINCT subject_id FROM list_entries WHERE subject_id > $1 AND ${entryOpenSql('$2')} ` +
      'ORDER BY subject_id LIMIT $3',
    [page.after ?? '', page.at, page.limit],
  );
  return listingsOf(
    pool,
    rows.map((row) => row.subject_id),
    page.at,
  );
}

export async function listingsOf(
  pool: pg.Pool,
  subjectIds: readonly string[],
  openAt?: string,
): Promise<SubjectListings[]> {
  if (subjectIds.length === 0) return [];
  const [identifiers, entries] = await Promise.all([
    pool.query<{ subject_id: string; scheme: string; value: string }>(
      'SELECT subject_id, scheme, value FROM subject_identifiers WHERE subject_id = ANY($1) ORDER BY scheme, value',
      [subjectIds],
    ),
    pool.query<Record<string, unknown>>(
      'SELECT * FROM list_entries WHERE subject_id = ANY($1) ' +
        `AND ($2::timestamptz IS NULL OR (${entryOpenSql('$2')})) ORDER BY listed_at, id`,
      [subjectIds, openAt ?? null],
    ),
  ]);
  const bySubject = new Map(
    subjectIds.map((id) => [
      id,
      { subjectId: id, identifiers: [] as { scheme: string; value: string }[], entries: [] as ListEntry[] },
    ]),
  );
  for (const row of identifiers.rows)
    bySubject.get(row.subject_id)?.identifiers.push({ scheme: row.scheme, value: row.value });
  for (const row of entries.rows) bySubject.get(row['subject_id'] as string)?.entries.push(listEntryFromRow(row));
  return [...bySubject.values()];
}

/**
 * See Store.announceListTransitions; SKIP LOCKED lets several nodes sweep without announcing an entry twice.
 * A transition is announced if the entry was not removed by its time (a later removal does not undo it); the
 * partial indexes list_entries_activation_due and list_entries_expiry_due hold these same conditions.
 */
export async function announceListTransitions(
  client: pg.PoolClient,
  at: string,
  limit: number,
): Promise<{ events: NewFeedEvent[]; drafts: AuditDraft[] }> {
  const activated = await client.query<Record<string, unknown>>(
    'UPDATE list_entries SET activation_announced_at = $1 ' +
      'WHERE (subject_id, id) IN (SELECT subject_id, id FROM list_entries ' +
      'WHERE activation_announced_at IS NULL AND active_from > listed_at ' +
      `AND ${notRemovedAtSql('active_from')} AND active_from <= $1 ` +
      'ORDER BY active_from LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING *',
    [at, limit],
  );
  const expired = await client.query<Record<string, unknown>>(
    'UPDATE list_entries SET expiry_announced_at = $1 ' +
      'WHERE (subject_id, id) IN (SELECT subject_id, id FROM list_entries ' +
      `WHERE expiry_announced_at IS NULL AND ${notRemovedAtSql('until')} AND until <= $1 ` +
      'ORDER BY until LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING *',
    [at, limit],
  );
  return transitionEvents(activated.rows.map(listEntryFromRow), expired.rows.map(listEntryFromRow), at);
}

export async function entriesInForce(
  pool: pg.Pool,
  listCode: string,
  search: { subjectId: string } | { nameContains: string },
  at: string,
  limit: number,
): Promise<EntryWithName[]> {
  const inForce = entryInForceSql('$3');
  const { rows } =
    'subjectId' in search
      ? await pool.query<Record<string, unknown>>(
          `SELECT * FROM list_entries WHERE subject_id = $1 AND list_code = $2 ` +
            `AND ${inForce} ORDER BY active_from LIMIT $4`,
          [search.subjectId, listCode, at, limit],
        )
      : await pool.query<Record<string, unknown>>(
          `SELECT * FROM list_entries WHERE list_code = $2 AND subject_name ILIKE $1 ESCAPE '\\' ` +
            `AND ${inForce} ORDER BY subject_name COLLATE "C", active_from LIMIT $4`,
          [likeContaining(search.nameContains), listCode, at, limit],
        );
  return rows.map((row) => ({
    entry: listEntryFromRow(row),
    subjectName: (row['subject_name'] as string | null) ?? null,
  }));
}

export async function countInForce(pool: pg.Pool, listCode: string, at: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM list_entries WHERE list_code = $1 AND ${entryInForceSql('$2')}`,
    [listCode, at],
  );
  return Number(rows[0]!.n);
}
