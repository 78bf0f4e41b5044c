/** Records joined with their versions and their subject's kind, as store-rows.ts reads them. */
export const RECORD_VERSIONS =
  'SELECT r.id, r.subject_id, s.kind AS subject_kind, r.institution, r.source_ref, r.type, v.version, v.action, ' +
  'v.effective_at, v.recorded_at, v.payload, v.reason FROM records r JOIN subjects s ON s.id = r.subject_id ' +
  'JOIN record_versions v ON v.subject_id = r.subject_id AND v.record_id = r.id';

/** One record's versions, oldest first ($1: the record id). */
export const RECORD_VERSIONS_OF_RECORD = `${RECORD_VERSIONS} WHERE r.id = $1 ORDER BY v.version`;

/** One subject's records with their versions ($1: the subject id). */
export const RECORD_VERSIONS_OF_SUBJECT = `${RECORD_VERSIONS} WHERE r.subject_id = $1 ORDER BY r.id, v.version`;
