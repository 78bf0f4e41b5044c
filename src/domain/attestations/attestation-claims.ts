import type { ListEntryStatus } from '../lists/list-entry.js';
import type { Assessment } from '../rulebooks/assess.js';

/**
 * How much a subject chooses to disclose: the band and its date only, or the rating with every
 * record and list entry.
 */
export const DISCLOSURES = ['rating', 'full'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];

/** An attestation is good for thirty days after it is issued. */
export const ATTESTATION_DAYS = 30;

export interface AttestedRecord {
  readonly id: string;
  readonly type: string;
  readonly institution: string;
  readonly effectiveAt: string;
  readonly status: string;
}

export interface AttestedListEntry {
  readonly list: string;
  readonly status: ListEntryStatus;
  readonly since: string;
  readonly until: string;
}

/** What the subject has, for `attestationClaims` to cut down to the disclosure chosen. */
export interface AttestationFacts {
  readonly issuer: string;
  readonly id: string;
  readonly identifier: { readonly scheme: string; readonly value: string };
  readonly issuedAt: Date;
  readonly assessment: Assessment | undefined;
  readonly records: readonly AttestedRecord[];
  readonly listEntries: readonly AttestedListEntry[];
}

/** The JWT claims of an attestation (RFC 7519 names where one exists). */
export interface AttestationClaims {
  readonly iss: string;
  /** The subject identifier, as `SCHEME:VALUE` (e.g. CN-RIC:11010519491231002X). */
  readonly sub: string;
  readonly jti: string;
  readonly iat: number;
  readonly exp: number;
  readonly disclosure: Disclosure;
  readonly rating: {
    readonly band: string;
    readonly label: { readonly en: string; readonly zh: string };
    readonly asOf: string;
    readonly score?: number;
    readonly rulebookId?: string;
  } | null;
  readonly records?: readonly AttestedRecord[];
  readonly listEntries?: readonly AttestedListEntry[];
}

/**
 * The claims of an attestation: `rating` discloses the band and its date and nothing
 * else (not the score, not whether the subject has records); `full` adds the score, the
 * rulebook, and every record and list entry with its status.
 */
export function attestationClaims(facts: AttestationFacts, disclosure: Disclosure): AttestationClaims {
  const iat = Math.floor(facts.issuedAt.getTime() / 1000);
  const { assessment } = facts;
  const base = {
    iss: facts.issuer,
    sub: `${facts.identifier.scheme}:${facts.identifier.value}`,
    jti: facts.id,
    iat,
    exp: iat + ATTESTATION_DAYS * 86_400,
    disclosure,
  };
  if (disclosure === 'rating') {
    return {
      ...base,
      rating: assessment
        ? { band: assessment.band.code, label: assessment.band.label, asOf: assessment.asOf.slice(0, 10) }
        : null,
    };
  }
  return {
    ...base,
    rating: assessment
      ? {
          band: assessment.band.code,
          label: assessment.band.label,
          asOf: assessment.asOf.slice(0, 10),
          score: assessment.score,
          rulebookId: assessment.rulebookId,
        }
      : null,
    records: facts.records,
    listEntries: facts.listEntries,
  };
}
