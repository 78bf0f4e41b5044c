import type { Pack, Rulebook } from '../catalog/pack.js';
import type { RecordVersion, StorableSubmission, StoredRecord } from '../records/record.js';
import { rulebookId } from '../rulebooks/rulebook-id.js';
import type { SubjectKind } from '../subject-kind.js';
import type { ListEntry } from '../lists/list-entry.js';
import {
  objectHash,
  sha256Hex,
  type AuditAction,
  type AuditActor,
  type AuditDraft,
  type ListEntryChangeKind,
} from './audit-entry.js';

/**
 * The audit entries of the registry's writes. Stores append them in the same
 * transaction as the write, so a write without its entry cannot exist.
 */

/**
 * A new subject. The hashed object leaves out the identifier: identifier numbers
 * have little entropy, and a hash of one would let any holder of the log recover it.
 */
export function subjectCreated(
  subject: { id: string; kind: SubjectKind },
  institution: string,
  time: string,
): AuditDraft {
  return {
    time,
    actor: { kind: 'institution', id: institution },
    action: 'subject.created',
    subject: subject.id,
    object: { kind: 'subject', id: subject.id },
    // Three strings with keys in code-point order: JSON.stringify is RFC 8785 here (as in
    // sealEntry), without the general canonicaliser's cost on the ingest path.
    objectHash: sha256Hex(JSON.stringify({ createdAt: time, id: subject.id, kind: subject.kind })),
  };
}

/** A record's first version; its body hash already covers every submitted field and the payload. */
export function recordAccepted(
  item: StorableSubmission,
  record: { id: string; subjectId: string },
  time: string,
): AuditDraft {
  return {
    time,
    actor: { kind: 'institution', id: item.institution },
    action: 'record.accepted',
    subject: record.subjectId,
    object: { kind: 'record', id: record.id, version: 1 },
    objectHash: item.bodyHash,
  };
}

/**
 * What an audit entry about an API key pins down: who holds it, what it may do, until when.
 * Never its secret or the secret's hash.
 */
export interface ApiKeyFacts {
  readonly id: string;
  readonly role: string;
  readonly principal: string;
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

/** A step in an API key's life, and what the entry's detail says about it (besides the role). */
export type ApiKeyStep =
  | { readonly action: 'key.issued'; readonly replaces?: string }
  | { readonly action: 'key.revoked' }
  | { readonly action: 'key.rotated'; readonly replacedBy: string }
  | { readonly action: 'key.expiry_changed' };

/**
 * A step in an API key's life, by an admin key's holder (staff) or the operator at the
 * command line. Who holds the key (role, institution or staff name) is in the hashed object
 * and the role in the detail; the holder's name stays out of the log's text.
 */
export function apiKeyChanged(step: ApiKeyStep, key: ApiKeyFacts, actor: AuditActor, time: string): AuditDraft {
  const { action, ...links } = step;
  return {
    time,
    actor,
    action,
    subject: null,
    object: { kind: 'api_key', id: key.id },
    objectHash: objectHash({
      createdAt: key.createdAt,
      expiresAt: key.expiresAt,
      id: key.id,
      principal: key.principal,
      revokedAt: key.revokedAt,
      role: key.role,
    }),
    detail: { expiresAt: key.expiresAt, ...links, role: key.role },
  };
}

/** A pack put into use; its hash covers the pack's whole content. */
export function packPublished(pack: Pack, time: string): AuditDraft {
  const { id, version } = pack.manifest;
  return {
    time,
    actor: { kind: 'operator', id: 'probity' },
    action: 'pack.published',
    subject: null,
    object: { kind: 'pack', id: `${id}@${version}` },
    objectHash: objectHash(pack),
  };
}

/** A rulebook put into use; its object hash is its identity (rulebookId). */
export function rulebookPublished(rulebook: Rulebook, time: string): AuditDraft {
  return {
    time,
    actor: { kind: 'operator', id: 'probity' },
    action: 'rulebook.published',
    subject: null,
    object: { kind: 'rulebook', id: `${rulebook.code}@${rulebook.version}` },
    objectHash: rulebookId(rulebook),
  };
}

/** A list entry changed: by a write of an institution's record, or by time (the operator's sweeper announces it). */
export function listEntryChanged(
  action: ListEntryChangeKind,
  entry: ListEntry,
  actor: AuditActor,
  time: string,
): AuditDraft {
  return {
    time,
    actor,
    action,
    subject: entry.subjectId,
    object: { kind: 'list_entry', id: entry.id },
    objectHash: objectHash(entry),
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
