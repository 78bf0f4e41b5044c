import type pg from 'pg';
import type { Dispute } from '../../domain/disputes/dispute.js';
import type { Evidence } from '../../domain/disputes/evidence.js';
import {
  DISPUTE_COLUMNS,
  disputeFromRow,
  disputeValues,
  EVIDENCE_COLUMNS,
  evidenceFromRow,
  evidenceValues,
} from '../store-rows.js';
import type { CorrectionNotice } from '../../domain/feed/feed-event.js';
import { appendFeed } from './postgres-feed.js';

const COLUMNS = DISPUTE_COLUMNS.join(', ');

/** Inserts a dispute and its feed event in the caller's transaction. */
export async function insertDispute(client: pg.PoolClient, dispute: Dispute): Promise<void> {
  await client.query(
    `INSERT INTO disputes (${COLUMNS}) VALUES (${DISPUTE_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
    disputeValues(dispute, (b) => b),
  );
  await appendFeed(client, [
    {
      type: 'dispute.filed',
      subjectId: dispute.subjectId,
      recordId: dispute.target.recordId,
      recordedAt: dispute.filedAt,
    },
  ]);
}

/** Stores a dispute's answer or decision and its feed event in the caller's transaction. */
export async function updateDispute(
  client: pg.PoolClient,
  dispute: Dispute,
  change: 'dispute.answered' | 'dispute.decided',
  at: string,
  corrections: readonly CorrectionNotice[],
): Promise<void> {
  const { answer, decision } = dispute;
  await client.query(
    'UPDATE disputes SET answer = $1, decision = $2, decided_at = $3 WHERE subject_id = $4 AND id = $5',
    [
      answer && JSON.stringify(answer),
      decision && JSON.stringify(decision),
      decision?.decidedAt ?? null,
      dispute.subjectId,
      dispute.id,
    ],
  );
  await appendFeed(client, [
    { type: change, subjectId: dispute.subjectId, recordId: dispute.target.recordId, recordedAt: at },
    ...corrections.map((detail) => correctionEvent(dispute, detail, at)),
  ]);
}

export async function unannouncedLapses(pool: pg.Pool, at: string, limit: number): Promise<Dispute[]> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM disputes ` +
      `WHERE decided_at IS NULL AND lapse_announced_at IS NULL AND deadline <= $1 ORDER BY deadline, id LIMIT $2`,
    [at, limit],
  );
  return rows.map(disputeFromRow);
}

/** See Store.announceLapse; in the caller's transaction. */
export async function announceLapse(
  client: pg.PoolClient,
  dispute: Dispute,
  at: string,
  correction: CorrectionNotice | undefined,
): Promise<boolean> {
  const { rowCount } = await client.query(
    'UPDATE disputes SET lapse_announced_at = $1 ' +
      'WHERE subject_id = $2 AND id = $3 AND lapse_announced_at IS NULL AND decided_at IS NULL',
    [at, dispute.subjectId, dispute.id],
  );
  if (rowCount === 0) return false;
  await appendFeed(client, [
    { type: 'dispute.lapsed', subjectId: dispute.subjectId, recordId: dispute.target.recordId, recordedAt: at },
    ...(correction ? [correctionEvent(dispute, correction, at)] : []),
  ]);
  return true;
}

function correctionEvent(dispute: Dispute, detail: CorrectionNotice, at: string) {
  return {
    type: 'correction.issued',
    subjectId: dispute.subjectId,
    recordId: dispute.target.recordId,
    recordedAt: at,
    detail,
  } as const;
}

export async function disputeById(pool: pg.Pool, id: string): Promise<Dispute | undefined> {
  const { rows } = await pool.query<Record<string, unknown>>(`SELECT ${COLUMNS} FROM disputes WHERE id = $1`, [id]);
  return rows[0] && disputeFromRow(rows[0]);
}

export async function disputesOf(pool: pg.Pool, subjectIds: readonly string[]): Promise<Dispute[]> {
  if (subjectIds.length === 0) return [];
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM disputes WHERE subject_id = ANY($1) ORDER BY subject_id, filed_at, id`,
    [subjectIds],
  );
  return rows.map(disputeFromRow);
}

export async function undecidedDisputes(
  pool: pg.Pool,
  institution: string | undefined,
  limit: number,
): Promise<Dispute[]> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM disputes ` +
      `WHERE decided_at IS NULL AND ($1::text IS NULL OR institution = $1) ORDER BY deadline, id LIMIT $2`,
    [institution ?? null, limit],
  );
  return rows.map(disputeFromRow);
}

export async function disputesPage(pool: pg.Pool, after: string | undefined, limit: number): Promise<Dispute[]> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT ${COLUMNS} FROM disputes WHERE id > $1 ORDER BY id LIMIT $2`,
    [after ?? '', limit],
  );
  return rows.map(disputeFromRow);
}

export async function addEvidence(client: pg.PoolClient, evidence: Evidence, content: Uint8Array): Promise<void> {
  const values = [...evidenceValues(evidence), Buffer.from(content)];
  await client.query(
    `INSERT INTO dispute_evidence (${EVIDENCE_COLUMNS.join(', ')}, content) ` +
      `VALUES (${values.map((_, i) => `$${i + 1}`).join(', ')})`,
    values,
  );
}

export async function evidenceOf(pool: pg.Pool, disputeId: string): Promise<Evidence[]> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT ${EVIDENCE_COLUMNS.join(', ')} FROM dispute_evidence WHERE dispute_id = $1 ORDER BY added_at, id`,
    [disputeId],
  );
  return rows.map(evidenceFromRow);
}

export async function evidenceContent(
  pool: pg.Pool,
  evidenceId: string,
): Promise<{ evidence: Evidence; content: Uint8Array } | undefined> {
  const { rows } = await pool.query<Record<string, unknown>>(
    `SELECT ${EVIDENCE_COLUMNS.join(', ')}, content FROM dispute_evidence WHERE id = $1`,
    [evidenceId],
  );
  const row = rows[0];
  return row && { evidence: evidenceFromRow(row), content: row['content'] as Uint8Array };
}
