import type { AuditEntry } from '../audit/audit-entry.js';

/** How far back a correction reaches: relying parties that screened the subject in this many days (FCRA §1681i(d)). */
export const CORRECTION_REACH_DAYS = 180;

/**
 * The relying parties that screened a subject in the `days` before `at`, each with the
 * checks it made, from the audit entries about the subject: they received an answer the
 * correction may change, so each gets a correction event.
 */
export function priorRecipients(
  entries: readonly AuditEntry[],
  at: string,
  days = CORRECTION_REACH_DAYS,
): Record<string, string[]> {
  const since = new Date(Date.parse(at) - days * 86_400_000).toISOString();
  const recipients: Record<string, string[]> = {};
  for (const entry of entries) {
    if (
      entry.action !== 'check.performed' ||
      entry.actor.kind !== 'relying_party' ||
      entry.time < since ||
      entry.time > at
    )
      continue;
    (recipients[entry.actor.id] ??= []).push(entry.object.id);
  }
  return recipients;
}
