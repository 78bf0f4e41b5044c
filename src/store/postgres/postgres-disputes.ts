import type pg from 'pg';
import type { Dispute } from '../../domain/disputes/dispute.js';
import { DISPUTE_COLUMNS, disputeFromRow, disputeValues } from '../store-rows.js';
import { appendFeed } from './postgres-feed.js';

const COLUMNS = DISPUTE_COLUMNS.join(', ');

/** Inserts a dispute and its feed event in the caller's transaction. */
export async function insertDispute(client: pg.PoolClient, dispute: Dispute): Promise<void> {
  await client.query(
    `INSERT INTO disputes (${COLUMNS}) VALUES (${DISPUTE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
    disputeValues(dispute, (b) => b),
  );
  await appendFeed(client, [{ type: 'dispute.filed', subjectId: dispute.subjectId, recordId: dispute.target.recordId, recordedAt: dispute.filedAt }]);
}

/** Stores a dispute's answer or decision and its feed event in the caller's transaction. */
export async function updateDispute(client: pg.PoolClient, dispute: Dispute, change: 'dispute.answered' | 'dispute.decided', at: string): Promise<void> {
  const { answer, decision } = dispute;
  await client.query('UPDATE disputes SET answer = $1, decision = $2, decided_at = $3 WHERE subject_id = $4 AND id = $5', [
    answer && JSON.stringify(answer), decision && JSON.stringify(decision), decision?.decidedAt ?? null, dispute.subjectId, dispute.id,
  ]);
  await appendFeed(client, [{ type: change, subjectId: dispute.subjectId, recordId: dispute.target.recordId, recordedAt: at }]);
}

export async function disputeById(pool: pg.Pool, id: string): Promise<Dispute | undefined> {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM disputes WHERE id = $1`, [id]);
  return rows[0] && disputeFromRow(rows[0]);
}

export async function disputesOf(pool: pg.Pool, subjectIds: readonly string[]): Promise<Dispute[]> {
  if (subjectIds.length === 0) return [];
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM disputes WHERE subject_id = ANY($1) ORDER BY subject_id, filed_at, id`, [subjectIds]);
  return rows.map(disputeFromRow);
}

export async function undecidedDisputes(pool: pg.Pool, institution: string | undefined, limit: number): Promise<Dispute[]> {
  const { rows } = await pool.query(
    `SELECT ${COLUMNS} FROM disputes WHERE decided_at IS NULL AND ($1::text IS NULL OR institution = $1) ORDER BY deadline, id LIMIT $2`,
    [institution ?? null, limit],
  );
  return rows.map(disputeFromRow);
}
