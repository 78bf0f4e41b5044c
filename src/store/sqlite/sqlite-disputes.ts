import type Database from 'better-sqlite3';
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
import type { SqliteWriteContext } from './sqlite-write-context.js';

type Row = Record<string, unknown>;
const COLUMNS = DISPUTE_COLUMNS.join(', ');

/** The disputes table of the SQLite store; writes run inside the caller's transaction. */
export class SqliteDisputes {
  private readonly sql;

  constructor(
    db: Database.Database,
    private readonly context: SqliteWriteContext,
  ) {
    this.sql = {
      insert: db.prepare(`INSERT INTO disputes (${COLUMNS}) VALUES (${DISPUTE_COLUMNS.map(() => '?').join(', ')})`),
      update: db.prepare(
        'UPDATE disputes SET answer = ?, decision = ?, decided_at = ? WHERE subject_id = ? AND id = ?',
      ),
      byId: db.prepare(`SELECT ${COLUMNS} FROM disputes WHERE id = ?`),
      ofSubject: db.prepare(`SELECT ${COLUMNS} FROM disputes WHERE subject_id = ? ORDER BY filed_at, id`),
      unannouncedLapses: db.prepare(
        `SELECT ${COLUMNS} FROM disputes ` +
          `WHERE decided_at IS NULL AND lapse_announced_at IS NULL AND deadline <= ? ORDER BY deadline, id LIMIT ?`,
      ),
      markLapse: db.prepare(
        'UPDATE disputes SET lapse_announced_at = ? ' +
          'WHERE subject_id = ? AND id = ? AND lapse_announced_at IS NULL AND decided_at IS NULL',
      ),
      insertEvidence: db.prepare(
        `INSERT INTO dispute_evidence (${EVIDENCE_COLUMNS.join(', ')}, content) ` +
          `VALUES (${EVIDENCE_COLUMNS.map(() => '?').join(', ')}, ?)`,
      ),
      evidenceOf: db.prepare(
        `SELECT ${EVIDENCE_COLUMNS.join(', ')} FROM dispute_evidence WHERE dispute_id = ? ORDER BY added_at, id`,
      ),
      evidenceContent: db.prepare(`SELECT ${EVIDENCE_COLUMNS.join(', ')}, content FROM dispute_evidence WHERE id = ?`),
      page: db.prepare(`SELECT ${COLUMNS} FROM disputes WHERE id > ? ORDER BY id LIMIT ?`),
      undecided: db.prepare(
        `SELECT ${COLUMNS} FROM disputes ` +
          `WHERE decided_at IS NULL AND (? IS NULL OR institution = ?) ORDER BY deadline, id LIMIT ?`,
      ),
    };
  }

  insert(dispute: Dispute): void {
    this.sql.insert.run(...disputeValues(dispute, (b) => (b ? 1 : 0)));
    this.context.appendFeed({
      type: 'dispute.filed',
      subjectId: dispute.subjectId,
      recordId: dispute.target.recordId,
      recordedAt: dispute.filedAt,
    });
  }

  update(
    dispute: Dispute,
    change: 'dispute.answered' | 'dispute.decided',
    at: string,
    corrections: readonly CorrectionNotice[],
  ): void {
    const { answer, decision } = dispute;
    this.sql.update.run(
      answer && JSON.stringify(answer),
      decision && JSON.stringify(decision),
      decision?.decidedAt ?? null,
      dispute.subjectId,
      dispute.id,
    );
    this.context.appendFeed({
      type: change,
      subjectId: dispute.subjectId,
      recordId: dispute.target.recordId,
      recordedAt: at,
    });
    for (const correction of corrections) this.correct(dispute, correction, at);
  }

  addEvidence(evidence: Evidence, content: Uint8Array): void {
    this.sql.insertEvidence.run(...evidenceValues(evidence), Buffer.from(content));
  }

  evidenceOf(disputeId: string): Evidence[] {
    return (this.sql.evidenceOf.all(disputeId) as Row[]).map(evidenceFromRow);
  }

  evidenceContent(evidenceId: string): { evidence: Evidence; content: Uint8Array } | undefined {
    const row = this.sql.evidenceContent.get(evidenceId) as Row | undefined;
    return row && { evidence: evidenceFromRow(row), content: row['content'] as Uint8Array };
  }

  page(after: string | undefined, limit: number): Dispute[] {
    return (this.sql.page.all(after ?? '', limit) as Row[]).map(disputeFromRow);
  }

  unannouncedLapses(at: string, limit: number): Dispute[] {
    return (this.sql.unannouncedLapses.all(at, limit) as Row[]).map(disputeFromRow);
  }

  /** See Store.announceLapse. */
  announceLapse(dispute: Dispute, at: string, correction: CorrectionNotice | undefined): boolean {
    if (this.sql.markLapse.run(at, dispute.subjectId, dispute.id).changes === 0) return false;
    this.context.appendFeed({
      type: 'dispute.lapsed',
      subjectId: dispute.subjectId,
      recordId: dispute.target.recordId,
      recordedAt: at,
    });
    if (correction) this.correct(dispute, correction, at);
    return true;
  }

  private correct(dispute: Dispute, correction: CorrectionNotice, at: string): void {
    this.context.appendFeed({
      type: 'correction.issued',
      subjectId: dispute.subjectId,
      recordId: dispute.target.recordId,
      recordedAt: at,
      detail: correction,
    });
  }

  byId(id: string): Dispute | undefined {
    const row = this.sql.byId.get(id) as Row | undefined;
    return row && disputeFromRow(row);
  }

  ofSubject(subjectId: string): Dispute[] {
    return (this.sql.ofSubject.all(subjectId) as Row[]).map(disputeFromRow);
  }

  undecided(institution: string | undefined, limit: number): Dispute[] {
    const code = institution ?? null;
    return (this.sql.undecided.all(code, code, limit) as Row[]).map(disputeFromRow);
  }
}
