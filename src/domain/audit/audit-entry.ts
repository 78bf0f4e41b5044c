import { hash } from 'node:crypto';
import { canonicalJson } from '../records/canonical-json.js';

/** Who did it. A code or an opaque id: never an API key, a name or an identifier number. */
export interface AuditActor {
  /** `public`: an anonymous visitor of the public pages (id `anonymous`; nothing about them is kept). */
  readonly kind: 'institution' | 'relying_party' | 'staff' | 'subject' | 'operator' | 'public';
  readonly id: string;
}

/**
 * How a list entry changed: through a write (listed, removed, reinstated, corrected), or
 * through time (activated when the notice ends, expired when the term ends), which the
 * sweeper announces; an entry's state never waits for the announcement.
 */
export const LIST_ENTRY_CHANGE_KINDS = [
  'list_entry.listed',
  'list_entry.removed',
  'list_entry.reinstated',
  'list_entry.corrected',
  'list_entry.activated',
  'list_entry.expired',
] as const;
export type ListEntryChangeKind = (typeof LIST_ENTRY_CHANGE_KINDS)[number];

/** What happened; writes and reads of personal data alike (each documented in docs/audit-log.md: a test checks). */
export const AUDIT_ACTIONS = [
  'subject.created',
  'record.accepted',
  'record.corrected',
  'record.withdrawn',
  'record.read',
  'assessment.read',
  'pack.published',
  'rulebook.published',
  'key.issued',
  'key.revoked',
  'key.rotated',
  'key.expiry_changed',
  'audit.subject_viewed',
  'check.performed',
  'check.refused',
  'feed.read',
  'list.searched',
  'portal.signed_in',
  'attestation.issued',
  'attestation.verified',
  'dispute.filed',
  'dispute.answered',
  'dispute.decided',
  'dispute.lapsed',
  'dispute.evidence_added',
  'dispute.read',
  'evidence.read',
  ...LIST_ENTRY_CHANGE_KINDS,
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What it happened to: a record (and which version), a subject, a pack. */
export interface AuditObject {
  readonly kind:
    'record' | 'subject' | 'pack' | 'rulebook' | 'api_key' | 'list_entry' | 'check' | 'attestation' | 'dispute';
  readonly id: string;
  readonly version?: number;
}

/** An audit entry before the log gives it its sequence number. */
export interface AuditDraft {
  readonly time: string;
  readonly actor: AuditActor;
  readonly action: AuditAction;
  /** The opaque id of the subject whose data this touches, or null (a pack). */
  readonly subject: string | null;
  readonly object: AuditObject;
  /** Hex SHA-256 of the full object as written or disclosed, so the entry pins it down. */
  readonly objectHash: string;
  /**
   * What the subject is shown about this entry in "who looked at my data" (a check's action,
   * purpose and decision), kept in the entry so that its inclusion proof covers it. Never an
   * identifier number or a name.
   */
  readonly detail?: AuditDetail;
}

/** Flat facts about an entry: integers, strings or null. */
export type AuditDetail = Readonly<Record<string, string | number | null>>;

export interface AuditEntry extends AuditDraft {
  /** Position in the log, from 0: the entry's leaf index in the Merkle tree. */
  readonly seq: number;
}

/**
 * The entry's bytes in the log: RFC 8785 canonical JSON, so anyone can re-derive them.
 * For this fixed shape (strings, integers, nested objects with string keys) RFC 8785 is
 * JSON.stringify with every object's keys in code-point order, which is what building
 * the objects with sorted keys gives: a third of the cost of the general canonicaliser
 * on the append path. A property test holds it equal to `canonicalize` for any draft,
 * and `probity audit verify` checks every stored entry with the library.
 */
export function sealEntry(seq: number, draft: AuditDraft): string {
  const { actor, object, detail } = draft;
  return JSON.stringify({
    action: draft.action,
    actor: { id: actor.id, kind: actor.kind },
    detail: detail && inKeyOrder(detail),
    object: { id: object.id, kind: object.kind, version: object.version },
    objectHash: draft.objectHash,
    seq,
    subject: draft.subject,
    time: draft.time,
  });
}

/**
 * The detail with its keys in code-point order (RFC 8785 §3.2.3 sorts UTF-16 code units, like
 * Array.sort). Callers on hot paths build it in that order, and then nothing is copied.
 */
function inKeyOrder(detail: AuditDetail): AuditDetail {
  let previous = '';
  for (const key in detail) {
    if (key < previous) return Object.fromEntries(Object.entries(detail).sort(([a], [b]) => (a < b ? -1 : 1)));
    previous = key;
  }
  return detail;
}

/** Hex SHA-256 of a value's canonical JSON: the objectHash of what an entry records. */
export function objectHash(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

export function sha256Hex(text: string): string {
  return hash('sha256', text, 'hex');
}
