import type { IdentifierVerdict } from '../catalog/catalog.js';

/** Who a signed-in person is to Probity: the identifiers they may act as, their staff roles, their name. */
export interface SignInIdentity {
  readonly identities: readonly { readonly scheme: string; readonly value: string }[];
  readonly roles: readonly string[];
  /**
   * For staff: the provider's stable subject id, and the institution they work for as the
   * claim names it, normalised to the form of a pack code (see `institutionCode`). It may
   * name no institution of the pack: such a staff member may sign in but not review.
   */
  readonly staffId: string | null;
  readonly institution: string | null;
  readonly name: string | null;
  /** The e-mail address the provider asserts (not when it says it is unverified): where notices go. */
  readonly email: string | null;
}

export interface ClaimMapping {
  readonly identifierClaims: readonly { readonly claim: string; readonly scheme: string }[];
  readonly rolesClaim: string;
  /** The claim naming a staff member's institution (a pack code), for the reviewer conflict rule. */
  readonly institutionClaim: string;
}

/** Roles the portal knows; any other value in the roles claim is ignored, never trusted. */
export const STAFF_ROLES = ['reviewer', 'auditor', 'admin'] as const;

/**
 * Reads a person's identifiers and roles from the provider's claims (ID token and
 * UserInfo together). Identifiers are checked and normalised like any submitted one: a
 * malformed number in a claim must not become a session that matches nobody, or worse,
 * somebody else after a lenient normalisation. Throws nothing: a claim that does not
 * check is reported in `rejected`.
 */
export function signInIdentity(
  claims: Readonly<Record<string, unknown>>,
  mapping: ClaimMapping,
  checkIdentifier: (scheme: string, value: string) => IdentifierVerdict,
): SignInIdentity & { readonly rejected: readonly string[] } {
  const identities: { scheme: string; value: string }[] = [];
  const rejected: string[] = [];
  for (const { claim, scheme } of mapping.identifierClaims) {
    const value = claims[claim];
    if (typeof value !== 'string' || value === '') continue;
    const verdict = checkIdentifier(scheme, value);
    if (verdict.ok) identities.push({ scheme: verdict.scheme, value: verdict.value });
    else rejected.push(`${claim}: ${verdict.message}`);
  }
  const rolesClaim = claims[mapping.rolesClaim];
  const claimed = Array.isArray(rolesClaim)
    ? rolesClaim
    : typeof rolesClaim === 'string'
      ? rolesClaim.split(/[\s,]+/)
      : [];
  const roles = STAFF_ROLES.filter((role) => claimed.includes(role));
  const name = typeof claims['name'] === 'string' ? claims['name'] : null;
  const staffId = roles.length > 0 && typeof claims['sub'] === 'string' ? claims['sub'] : null;
  const institutionClaim = claims[mapping.institutionClaim];
  const institution =
    roles.length > 0 && typeof institutionClaim === 'string' ? institutionCode(institutionClaim) : null;
  const email = typeof claims['email'] === 'string' && isVerified(claims['email_verified']) ? claims['email'] : null;
  return { identities, roles, staffId, institution, name, email, rejected };
}

/**
 * An institution claim in the form of a pack code: trimmed, NFKC (full-width letters become
 * ASCII) and lower case, so `SH-PUDONG-COURT` names `sh-pudong-court`. An empty claim is none.
 */
export function institutionCode(claim: string): string | null {
  const code = claim.normalize('NFKC').trim().toLowerCase();
  return code === '' ? null : code;
}

/**
 * OIDC Core §5.1 makes `email_verified` a boolean. Only `true` counts, and the exact string
 * "true" that some providers send; anything else (`"false"`, `1`, absent) is unverified.
 */
function isVerified(claim: unknown): boolean {
  return claim === true || claim === 'true';
}
