import { objectHash, type AuditAction, type AuditActor, type AuditDraft, type AuditObject } from './audit-entry.js';

/**
 * The entry of one read of personal data: who read what about whom, and the hash of exactly
 * what was disclosed (so the entry pins the answer down without holding it).
 */
export function readDraft(
  actor: AuditActor,
  action: AuditAction,
  subject: string | null,
  object: AuditObject,
  disclosed: unknown,
): Omit<AuditDraft, 'time'> {
  return { actor, action, subject, object, objectHash: objectHash(disclosed) };
}

/**
 * The window in which repeated reads of one thing by an anonymous visitor count once: the UTC
 * hour of `time` (an ISO 8601 instant), e.g. `2026-06-01T13`.
 */
export function hourOf(time: string): string {
  return time.slice(0, 13);
}
