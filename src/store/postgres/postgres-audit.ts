import type pg from 'pg';
import type { AuditDraft } from '../../domain/audit/audit-entry.js';
import { sealAuditBatch } from '../../domain/audit/audit-batch.js';
import { edgeHashes, edgeNodeIds } from '../../domain/merkle/subtree-range.js';
import { isLeafNodeId, nodeId } from '../../domain/merkle/tree-nodes.js';
import { copyRows, type CopyValue } from './copy-rows.js';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** The log's right edge at a size it has had, once committed: it never changes again, so a store may remember it. */
export interface KnownEdge {
  readonly size: number;
  readonly edge: readonly Uint8Array[];
}

/**
 * Appends drafts to the audit log inside the caller's transaction and returns the
 * first seq. The audit_head row lock, held until commit, keeps entries gap-free
 * and committed in order; call it after appendFeed (lock order feed, then audit).
 */
export async function appendAudit(client: pg.PoolClient, drafts: readonly AuditDraft[]): Promise<number> {
  if (drafts.length === 0)
    return Number((await client.query<{ size: string }>('SELECT size FROM audit_head FOR UPDATE')).rows[0]!.size);
  return (await appendAuditLocked(client, drafts)).size;
}

/** appendAudit, also giving the first seq and the edge after the drafts (to remember once the transaction commits). */
export async function appendAuditLocked(client: pg.PoolClient, drafts: readonly AuditDraft[]): Promise<KnownEdge> {
  const head = await client.query<{ size: string }>('UPDATE audit_head SET size = size + $1 RETURNING size', [
    drafts.length,
  ]);
  const size = Number(head.rows[0]!.size) - drafts.length;
  const edge = edgeHashes(size, await auditNodes(client, edgeNodeIds(size)));
  const entries: CopyValue[][] = [];
  const nodes: CopyValue[][] = [];
  const after = sealAuditBatch(size, edge, drafts, {
    entry: (e) => entries.push([e.seq, e.subject, e.text, byteaText(e.leafHash)]),
    node: (node) => nodes.push([nodeId(node), byteaText(node.hash)]),
  });
  await copyRows(client, 'audit_entries', ['seq', 'subject_id', 'entry', 'leaf_hash'], entries);
  await copyRows(client, 'audit_nodes', ['id', 'hash'], nodes);
  return { size, edge: after };
}

/**
 * Appends drafts in one statement, its own transaction (one round trip, one commit), on the
 * guess that the log still has the size `known` was taken at, so that its edge is known
 * without reading it. The guess is checked under the head's row lock: if another writer
 * appended since, nothing is written and this resolves undefined (then take the locked way).
 * Resolves with the edge after the drafts, committed.
 */
export async function appendAtKnownSize(
  db: Queryable,
  known: KnownEdge,
  drafts: readonly AuditDraft[],
): Promise<KnownEdge | undefined> {
  const seqs: number[] = [];
  const subjects: (string | null)[] = [];
  const texts: string[] = [];
  const leafHashes: Uint8Array[] = [];
  const nodeIds: number[] = [];
  const nodeHashes: Uint8Array[] = [];
  const edge = sealAuditBatch(known.size, known.edge, drafts, {
    entry: (e) => (seqs.push(e.seq), subjects.push(e.subject), texts.push(e.text), leafHashes.push(e.leafHash)),
    node: (node) => (nodeIds.push(nodeId(node)), nodeHashes.push(node.hash)),
  });
  const { rows } = await db.query<{ appended: number }>({
    name: 'append-at-known-size',
    text: APPEND_AT_KNOWN_SIZE,
    values: [drafts.length, known.size, seqs, subjects, texts, leafHashes, nodeIds, nodeHashes],
  });
  return rows[0]!.appended === 1 ? { size: known.size + drafts.length, edge } : undefined;
}

// Data-modifying CTEs run once each, on one snapshot; the inserts read the head's RETURNING row,
// so they write nothing when the head was not at the guessed size.
const APPEND_AT_KNOWN_SIZE = `
  WITH head AS (UPDATE audit_head SET size = size + $1 WHERE size = $2 RETURNING size),
  entries AS (
    INSERT INTO audit_entries (seq, subject_id, entry, leaf_hash)
    SELECT * FROM unnest($3::bigint[], $4::text[], $5::text[], $6::bytea[]) WHERE EXISTS (SELECT FROM head)
  ),
  nodes AS (
    INSERT INTO audit_nodes (id, hash) SELECT * FROM unnest($7::bigint[], $8::bytea[]) WHERE EXISTS (SELECT FROM head)
  )
  SELECT count(*)::int AS appended FROM head`;

/** Appends a publication entry unless the latest publication in its series has the same hash. */
export async function publish(client: pg.PoolClient, series: string, draft: AuditDraft): Promise<boolean> {
  await client.query('SELECT size FROM audit_head FOR UPDATE');
  const last = await client.query<{ object_hash: string }>(
    'SELECT object_hash FROM publications WHERE series = $1 ORDER BY seq DESC LIMIT 1',
    [series],
  );
  if (last.rows[0]?.object_hash === draft.objectHash) return false;
  const seq = await appendAudit(client, [draft]);
  await client.query('INSERT INTO publications (seq, series, object_hash) VALUES ($1, $2, $3)', [
    seq,
    series,
    draft.objectHash,
  ]);
  return true;
}

/** Node hashes by id: leaf hashes (level 0, id = seq) live beside their entries, the others in audit_nodes. */
export async function auditNodes(db: Queryable, ids: readonly number[]): Promise<Map<number, Uint8Array>> {
  const { rows } = await db.query<{ id: string; hash: Buffer }>(
    'SELECT seq AS id, leaf_hash AS hash FROM audit_entries WHERE seq = ANY($1::bigint[]) ' +
      'UNION ALL SELECT id, hash FROM audit_nodes WHERE id = ANY($2::bigint[])',
    [ids.filter(isLeafNodeId), ids.filter((id) => !isLeafNodeId(id))],
  );
  return new Map(rows.map((row) => [Number(row.id), row.hash]));
}

/** bytea in COPY text format: \\x and hex (copyRows escapes the backslash). */
const byteaText = (hash: Uint8Array): string => `\\x${Buffer.from(hash).toString('hex')}`;
