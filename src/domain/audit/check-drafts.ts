import { checkRecordHash } from '../checks/check-record.js';
import type { AuditDraft } from './audit-entry.js';
import type { CheckLogFields } from './check-log-fields.js';

/** One check as its entry names it: the fields are checkLogFields', never what the relying party typed. */
export interface LoggedCheck extends CheckLogFields {
  readonly checkId: string;
  readonly relyingParty: string;
  /** The opaque subject id, never the identifier asked about; null when nobody holds it. */
  readonly subjectId: string | null;
}

/** The read entry of an answered check; its detail is what the subject sees under "who looked". */
export function checkPerformed(
  check: LoggedCheck,
  outcome: { readonly decision: 'allow' | 'deny'; readonly entryIds: readonly string[]; readonly asOfSequence: number },
): Omit<AuditDraft, 'time'> {
  return {
    actor: { kind: 'relying_party', id: check.relyingParty },
    action: 'check.performed',
    subject: check.subjectId,
    object: { kind: 'check', id: check.checkId },
    objectHash: checkRecordHash({ ...check, outcome }),
    // Keys in code-point order: sealEntry copies nothing on the screening path.
    detail: { action: check.action, decision: outcome.decision, purpose: check.purpose, reference: check.reference },
  };
}

/** The read entry of a check refused because the relying party is not registered for it. */
export function checkRefused(check: LoggedCheck, refusal: string): Omit<AuditDraft, 'time'> {
  return {
    actor: { kind: 'relying_party', id: check.relyingParty },
    action: 'check.refused',
    subject: check.subjectId,
    object: { kind: 'check', id: check.checkId },
    objectHash: checkRecordHash({ ...check, outcome: { refusal } }),
    detail: { action: check.action, purpose: check.purpose, reference: check.reference, refusal },
  };
}
