import type { RecordVersion, StorableSubmission, StoredRecord } from '../records/record.js';
import type { SubjectKind } from '../subject-kind.js';
import { objectHash, type AuditAction, type AuditDraft } from './audit-entry.js';

/**
 * The audit entries of the registry's writes. Stores append them in the same
 * transaction as the write, so a write without its entry cannot exist.
 */

/**
 * A new subject. The hashed object leaves out the identifier: identifier numbers
 * have little entropy, and a hash of one would let any holder of the log recover it.
 */
export function subjectCreated(subject: { id: string; kind: SubjectKind }, institution: string, time: string): AuditDraft {
  return {
    time,
    actor: { kind: 'institution', id: institution },
    action: 'subject.created',
    subject: subject.id,
    object: { kind: 'subject', id: subject.id },
    objectHash: objectHash({ id: subject.id, kind: subject.kind, createdAt: time }),
  };
}

/** A record's first version; its body hash already covers every submitted field and the payload. */
export function recordAccepted(item: StorableSubmission, record: { id: string; subjectId: string }, time: string): AuditDraft {
  return {
    time,
    actor: { kind: 'institution', id: item.institution },
    action: 'record.accepted',
    subject: record.subjectId,
    object: { kind: 'record', id: record.id, version: 1 },
    objectHash: item.bodyHash,
  };
}

const VERSION_ACTIONS: Readonly<Record<RecordVersion['action'], AuditAction>> = {
  submitted: 'record.accepted',
  corrected: 'record.corrected',
  withdrawn: 'record.withdrawn',
};

/** A correction or withdrawal, by the institution that owns the record. */
export function recordVersioned(record: StoredRecord, version: RecordVersion): AuditDraft {
  return {
    time: version.recordedAt,
    actor: { kind: 'institution', id: record.institution },
    action: VERSION_ACTIONS[version.action],
    subject: record.subjectId,
    object: { kind: 'record', id: record.id, version: version.version },
    objectHash: objectHash({ recordId: record.id, ...version }),
  };
}
