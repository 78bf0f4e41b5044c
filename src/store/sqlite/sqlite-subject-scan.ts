import type { RecordAction, RecordVersion, StoredRecord } from '../../domain/records/record.js';
import type { Subject, SubjectRecords } from '../store.js';

/** The columns the scan reads, in order: one version of one record, as a raw row. */
export const SCAN_COLUMNS =
  'r.subject_id, r.id, r.institution, r.source_ref, r.type, ' +
  'v.version, v.action, v.effective_at, v.recorded_at, v.payload, v.reason';

type ScanRow = [string, string, string, string, string, number, string, string, string, string, string | null];

/**
 * Builds each subject's records from raw rows ordered by subject, record and version.
 * A full recompute reads every row of the store through here, so it builds the records in
 * one pass without intermediate row objects. Rows of subjects not in `subjects` (another
 * kind inside the id range) are skipped.
 */
export function subjectRecordsFromScan(subjects: readonly Subject[], rows: readonly unknown[]): SubjectRecords[] {
  const bySubject = new Map(subjects.map((subject) => [subject.id, { subject, records: [] as StoredRecord[] }]));
  let entry: SubjectRecords | undefined;
  let versions: RecordVersion[] = [];
  let recordId: string | undefined;
  for (const row of rows as ScanRow[]) {
    const [subjectId, id, institution, sourceRef, type, version, action, effectiveAt, recordedAt, payload, reason] =
      row;
    if (entry?.subject.id !== subjectId) entry = bySubject.get(subjectId);
    if (!entry) continue;
    if (id !== recordId) {
      recordId = id;
      versions = [];
      entry.records.push({ id, subjectId, subjectKind: entry.subject.kind, institution, sourceRef, type, versions });
    }
    const parsed = {
      version,
      action: action as RecordAction,
      effectiveAt,
      recordedAt,
      payload: JSON.parse(payload) as Record<string, unknown>,
    };
    versions.push(reason === null ? parsed : { ...parsed, reason });
  }
  return [...bySubject.values()];
}
