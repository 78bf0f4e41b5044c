import type { AuditDraft } from '../../src/domain/audit/audit-entry.js';

/**
 * The audit entry of an airline reading record `n` about `subject`: filler for tests and
 * benchmarks that need a log of some size, or two logs that differ (another `subject`).
 */
export const recordReadDraft = (n: number, subject = `subject-${n}`): AuditDraft => ({
  time: '2026-01-02T03:04:05.000Z',
  actor: { kind: 'relying_party', id: 'china-eastern' },
  action: 'record.read',
  subject,
  object: { kind: 'record', id: `record-${n}` },
  objectHash: 'ab'.repeat(32),
});
