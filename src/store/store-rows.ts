import type { Dispute } from '../domain/disputes/dispute.js';
import type { Evidence } from '../domain/disputes/evidence.js';
import type { ListEntry } from '../domain/lists/list-entry.js';
import type { RecordAction, StoredRecord } from '../domain/records/record.js';
import type { SubjectKind } from '../domain/subject-kind.js';
import type {
  ApiKey,
  ApiKeyRole,
  PortalSession,
  PublicSubject,
  StoredAttestation,
  Subject,
  SubjectRecords,
} from './store.js';
import type { FeedDetail, FeedEvent, FeedEventType } from '../domain/feed/feed-event.js';
import type { MaterialisedRating } from '../domain/rulebooks/materialised-rating.js';

/** Maps rows, as both adapters read them, to the port's types. */

/** One row of a record joined with one of its versions, as both adapters read it. */
export interface RecordVersionRow {
  readonly id: string;
  readonly subject_id: string;
  readonly subject_kind: string;
  readonly institution: string;
  readonly source_ref: string;
  readonly type: string;
  readonly version: number;
  readonly action: string;
  readonly effective_at: string;
  readonly recorded_at: string;
  readonly payload: Record<string, unknown>;
  readonly reason: string | null;
}

/** Assembles records from version rows ordered by record, then version. */
export function storedRecordsFromRows(rows: readonly RecordVersionRow[]): StoredRecord[] {
  const records: StoredRecord[] = [];
  let start = 0;
  for (let i = 1; i <= rows.length; i++) {
    if (i === rows.length || rows[i]!.id !== rows[start]!.id) {
      records.push(storedRecordFromRows(rows.slice(start, i))!);
      start = i;
    }
  }
  return records;
}

/** Groups version rows (ordered by subject, record, version) under their subjects, in the subjects' order. */
export function subjectRecordsFromRows(
  subjects: readonly Subject[],
  rows: readonly RecordVersionRow[],
): SubjectRecords[] {
  const bySubject = new Map<string, RecordVersionRow[]>();
  for (const row of rows) {
    const list = bySubject.get(row.subject_id);
    if (list) list.push(row);
    else bySubject.set(row.subject_id, [row]);
  }
  return subjects.map((subject) => ({ subject, records: storedRecordsFromRows(bySubject.get(subject.id) ?? []) }));
}

/** Assembles a record and its history from its version rows (ordered by version). */
export function storedRecordFromRows(rows: readonly RecordVersionRow[]): StoredRecord | undefined {
  const first = rows[0];
  if (!first) return undefined;
  return {
    id: first.id,
    subjectId: first.subject_id,
    subjectKind: first.subject_kind as SubjectKind,
    institution: first.institution,
    sourceRef: first.source_ref,
    type: first.type,
    versions: rows.map((row) => ({
      version: row.version,
      action: row.action as RecordAction,
      effectiveAt: row.effective_at,
      recordedAt: row.recorded_at,
      payload: row.payload,
      ...(row.reason === null ? {} : { reason: row.reason }),
    })),
  };
}

/** The feed event a new version of a record appends. */
export function feedTypeOf(action: RecordAction): 'record.accepted' | 'record.corrected' | 'record.withdrawn' {
  return action === 'submitted' ? 'record.accepted' : action === 'corrected' ? 'record.corrected' : 'record.withdrawn';
}

/** A change-feed row; seq may arrive as a string (PostgreSQL bigint), detail as JSON text (SQLite). */
export function feedEventFromRow(row: Record<string, unknown>): FeedEvent {
  const detail = row['detail'] ?? null;
  return {
    seq: Number(row['seq']),
    type: row['type'] as FeedEventType,
    subjectId: row['subject_id'] as string,
    recordId: (row['record_id'] as string | null) ?? null,
    recordedAt: row['recorded_at'] as string,
    ...(detail === null ? {} : { detail: (typeof detail === 'string' ? JSON.parse(detail) : detail) as FeedDetail }),
  };
}

export function ratingFromRow(row: Record<string, unknown>): MaterialisedRating {
  return {
    subjectId: row['subject_id'] as string,
    rulebookId: row['rulebook_id'] as string,
    score: Number(row['score']),
    band: row['band'] as string,
    assessedAt: row['assessed_at'] as string,
    feedSeq: Number(row['feed_seq']),
  };
}

export function apiKeyFromRow(row: Record<string, unknown>): ApiKey {
  return {
    id: row['id'] as string,
    secretHash: row['secret_hash'] as string,
    role: row['role'] as ApiKeyRole,
    principal: row['principal'] as string,
    createdAt: row['created_at'] as string,
    expiresAt: (row['expires_at'] as string | null) ?? null,
    revokedAt: (row['revoked_at'] as string | null) ?? null,
    lastUsedAt: (row['last_used_at'] as string | null) ?? null,
  };
}

/** The columns of an API key, in the order of `apiKeyValues`. */
export const API_KEY_COLUMNS = [
  'id',
  'secret_hash',
  'role',
  'principal',
  'created_at',
  'expires_at',
  'revoked_at',
  'last_used_at',
] as const;

export function apiKeyValues(key: ApiKey): (string | null)[] {
  return [key.id, key.secretHash, key.role, key.principal, key.createdAt, key.expiresAt, key.revokedAt, key.lastUsedAt];
}

export function attestationFromRow(row: Record<string, unknown>): StoredAttestation {
  return {
    id: row['id'] as string,
    subjectId: row['subject_id'] as string,
    disclosure: row['disclosure'] as StoredAttestation['disclosure'],
    token: row['token'] as string,
    issuedAt: row['issued_at'] as string,
    expiresAt: row['expires_at'] as string,
  };
}

/** A subjects row as the public lookup reads it (id, kind, public_name). */
export interface PublicSubjectRow {
  readonly id: string;
  readonly kind: string;
  readonly public_name: string | null;
}

export function publicSubjectFromRow(row: PublicSubjectRow, identifiers: PublicSubject['identifiers']): PublicSubject {
  return { id: row.id, kind: row.kind as SubjectKind, name: row.public_name ?? null, identifiers };
}

export function disputeFromRow(row: Record<string, unknown>): Dispute {
  const entryId = row['entry_id'] as string | null;
  const recordId = row['record_id'] as string;
  return {
    id: row['id'] as string,
    subjectId: row['subject_id'] as string,
    target: entryId ? { kind: 'list_entry', entryId, recordId } : { kind: 'record', recordId },
    institution: row['institution'] as string,
    grounds: row['grounds'] as string,
    statement: (row['statement'] as string | null) ?? null,
    suspends: Boolean(row['suspends']),
    filedAt: row['filed_at'] as string,
    deadline: row['deadline'] as string,
    answer: row['answer'] ? (JSON.parse(row['answer'] as string) as Dispute['answer']) : null,
    decision: row['decision'] ? (JSON.parse(row['decision'] as string) as Dispute['decision']) : null,
  };
}

/** A dispute's row values, in DISPUTE_COLUMNS order. */
export function disputeValues(d: Dispute, booleanOf: (b: boolean) => unknown): unknown[] {
  return [
    d.subjectId,
    d.id,
    d.target.kind,
    d.target.recordId,
    d.target.kind === 'list_entry' ? d.target.entryId : null,
    d.institution,
    d.grounds,
    d.statement,
    booleanOf(d.suspends),
    d.filedAt,
    d.deadline,
    d.answer && JSON.stringify(d.answer),
    d.decision && JSON.stringify(d.decision),
    d.decision?.decidedAt ?? null,
  ];
}

export const EVIDENCE_COLUMNS = ['subject_id', 'id', 'dispute_id', 'media_type', 'size', 'sha256', 'added_at'] as const;

export function evidenceFromRow(row: Record<string, unknown>): Evidence {
  return {
    id: row['id'] as string,
    disputeId: row['dispute_id'] as string,
    subjectId: row['subject_id'] as string,
    mediaType: row['media_type'] as Evidence['mediaType'],
    size: Number(row['size']),
    sha256: row['sha256'] as string,
    addedAt: row['added_at'] as string,
  };
}

export function evidenceValues(e: Evidence): unknown[] {
  return [e.subjectId, e.id, e.disputeId, e.mediaType, e.size, e.sha256, e.addedAt];
}

export const DISPUTE_COLUMNS = [
  'subject_id',
  'id',
  'target_kind',
  'record_id',
  'entry_id',
  'institution',
  'grounds',
  'statement',
  'suspends',
  'filed_at',
  'deadline',
  'answer',
  'decision',
  'decided_at',
] as const;

export const SESSION_COLUMNS = [
  'id_hash',
  'identities',
  'roles',
  'staff_id',
  'institution',
  'name',
  'created_at',
  'expires_at',
] as const;

export function sessionValues(s: PortalSession): unknown[] {
  return [
    s.idHash,
    JSON.stringify(s.identities),
    JSON.stringify(s.roles),
    s.staffId,
    s.institution,
    s.name,
    s.createdAt,
    s.expiresAt,
  ];
}

export function sessionFromRow(row: Record<string, unknown>): PortalSession {
  return {
    idHash: row['id_hash'] as string,
    identities: JSON.parse(row['identities'] as string) as PortalSession['identities'],
    roles: JSON.parse(row['roles'] as string) as PortalSession['roles'],
    staffId: (row['staff_id'] as string | null) ?? null,
    institution: (row['institution'] as string | null) ?? null,
    name: (row['name'] as string | null) ?? null,
    createdAt: row['created_at'] as string,
    expiresAt: row['expires_at'] as string,
  };
}

/** A list_entries row; timestamps are RFC 3339 UTC strings from both adapters. */
export function listEntryFromRow(row: Record<string, unknown>): ListEntry {
  return {
    id: row['id'] as string,
    listCode: row['list_code'] as string,
    subjectId: row['subject_id'] as string,
    basisRecordId: row['basis_record_id'] as string,
    listedAt: row['listed_at'] as string,
    activeFrom: row['active_from'] as string,
    until: row['until'] as string,
    matchKey: (row['match_key'] as string | null) ?? null,
    recordedAt: row['recorded_at'] as string,
    removedAt: (row['removed_at'] as string | null) ?? null,
    removedBy: (row['removed_by'] as string | null) ?? null,
  };
}

/** Columns of list_entries in the order both adapters insert them. */
export const LIST_ENTRY_COLUMNS = [
  'subject_id',
  'id',
  'list_code',
  'basis_record_id',
  'listed_at',
  'active_from',
  'until',
  'match_key',
  'recorded_at',
  'subject_name',
] as const;

/** The values of a new entry, with the subject's name as its basis record gives it (for searching a published list). */
export function listEntryValues(entry: ListEntry, subjectName: string | null): (string | null)[] {
  return [
    entry.subjectId,
    entry.id,
    entry.listCode,
    entry.basisRecordId,
    entry.listedAt,
    entry.activeFrom,
    entry.until,
    entry.matchKey,
    entry.recordedAt,
    subjectName,
  ];
}
