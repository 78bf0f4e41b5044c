import { institutionCode } from '../portal/sign-in-identity.js';
import type { Dispute } from './dispute.js';

/** Who is deciding: a staff member with the reviewer role, as their sign-in describes them. */
export interface Reviewer {
  /** The identity provider's stable id for them (names them in the audit log). */
  readonly id: string;
  /** The subjects their own identifiers name (a reviewer can be a subject too). */
  readonly subjectIds: readonly string[];
  /** The institution they work for, if any, as their sign-in names it (a pack code when it is valid). */
  readonly institution: string | null;
}

/**
 * Why this staff member may review no dispute at all, or undefined when they may. The conflict
 * rule compares institutions, so it fails closed: an institution claim that names no
 * institution of the pack (a typo, another registry's code) could never match a dispute's, and
 * would let a reviewer decide about their own institution's records.
 */
export function reviewRefusal(reviewer: Reviewer, isInstitution: (code: string) => boolean): string | undefined {
  if (reviewer.institution === null || isInstitution(reviewer.institution)) return undefined;
  return (
    `your institution claim "${reviewer.institution}" names no institution of this registry, ` +
    `so the conflict rule cannot be applied; ask your identity provider's administrator to correct it`
  );
}

/** Why this reviewer may not decide this dispute, or undefined when they may. */
export function reviewConflict(dispute: Dispute, reviewer: Reviewer): string | undefined {
  if (reviewer.subjectIds.includes(dispute.subjectId)) return 'this dispute is about you';
  // Compared in code form, so a session made before claims were normalised still matches.
  if (reviewer.institution !== null && institutionCode(reviewer.institution) === dispute.institution)
    return 'the disputed record is your own institution\u2019s';
  return undefined;
}
