import type { Dispute } from './dispute.js';

/** Who is deciding: a staff member with the reviewer role, as their sign-in describes them. */
export interface Reviewer {
  /** The identity provider's stable id for them (names them in the audit log). */
  readonly id: string;
  /** The subjects their own identifiers name (a reviewer can be a subject too). */
  readonly subjectIds: readonly string[];
  /** The institution they work for, if any. */
  readonly institution: string | null;
}

/** Why this reviewer may not decide this dispute, or undefined when they may. */
export function reviewConflict(dispute: Dispute, reviewer: Reviewer): string | undefined {
  if (reviewer.subjectIds.includes(dispute.subjectId)) return 'this dispute is about you';
  if (reviewer.institution !== null && reviewer.institution === dispute.institution) return 'the disputed record is your own institution\u2019s';
  return undefined;
}
