import type { LocalisedText } from '../catalog/pack.js';
import { maskIdentifier } from '../lists/mask-identifier.js';
import type { ListEntryStatus } from '../lists/list-entry.js';
import type { Assessment } from '../rulebooks/assess.js';
import type { SubjectKind } from '../subject-kind.js';

/**
 * How much a subject chooses to disclose: the band and its date only, or the rating with every
 * record and list entry that still stands.
 */
export const DISCLOSURES = ['rating', 'full'] as const;
export type Disclosure = (typeof DISCLOSURES)[number];

/** An attestation is good for thirty days after it is issued. */
export const ATTESTATION_DAYS = 30;

/** Record states that still stand: a corrected record stands as corrected; withdrawn and expired ones do not. */
const STANDING_RECORDS: ReadonlySet<string> = new Set(['active', 'corrected']);
/** List-entry states that still stand: in force, in its notice period, or suspended while disputed. */
const STANDING_ENTRIES: ReadonlySet<ListEntryStatus> = new Set(['pending', 'active', 'suspended']);

/**
 * A record as a report states it: the codes, for programs, and the pack's words for them, signed
 * with the codes so that what a verifier reads is what the registry said when it signed.
 */
export interface AttestedRecord {
  readonly type: string;
  readonly title: LocalisedText;
  readonly institution: string;
  readonly institutionName: LocalisedText;
  readonly effectiveAt: string;
  readonly status: string;
  /** The subject disputes it and no decision is made yet. */
  readonly disputed: boolean;
}

export interface AttestedListEntry {
  readonly list: string;
  readonly title: LocalisedText;
  readonly status: ListEntryStatus;
  readonly since: string;
  readonly until: string;
}

/** Who the report is about: the identifier in full (it is masked before it is signed) and the name. */
export interface AttestationHolder {
  readonly scheme: string;
  readonly value: string;
  readonly kind: SubjectKind;
  /** As the identity provider asserts it for a person, as the registry holds it for an organization. */
  readonly name: string | null;
}

/** What the subject has, for `attestationClaims` to cut down to the disclosure chosen. */
export interface AttestationFacts {
  readonly issuer: string;
  readonly id: string;
  readonly holder: AttestationHolder;
  readonly issuedAt: Date;
  readonly assessment: Assessment | undefined;
  readonly records: readonly AttestedRecord[];
  readonly listEntries: readonly AttestedListEntry[];
}

/** The JWT claims of an attestation (RFC 7519 names where one exists). */
export interface AttestationClaims {
  readonly iss: string;
  /**
   * The subject identifier as `SCHEME:VALUE`, a person's masked as the published lists mask it
   * (CN-RIC:1101**********4477): whoever holds the report compares it, and the name, with the
   * identity document shown to them, and learns no more of the number.
   */
  readonly sub: string;
  readonly name: string | null;
  readonly jti: string;
  readonly iat: number;
  readonly exp: number;
  readonly disclosure: Disclosure;
  readonly rating: {
    readonly band: string;
    readonly label: LocalisedText;
    readonly asOf: string;
    readonly score?: number;
    readonly rulebookId?: string;
  } | null;
  readonly records?: readonly AttestedRecord[];
  readonly listEntries?: readonly AttestedListEntry[];
}

/**
 * The claims of an attestation: `rating` discloses the name, the masked identifier, the band and
 * its date and nothing else (not the score, not whether the subject has records); `full` adds the
 * score, the rulebook, and the records and list entries that still stand (withdrawn and expired
 * records, removed and expired entries are left out: they no longer say anything about the subject).
 */
export function attestationClaims(facts: AttestationFacts, disclosure: Disclosure): AttestationClaims {
  const iat = Math.floor(facts.issuedAt.getTime() / 1000);
  const { assessment, holder } = facts;
  const base = {
    iss: facts.issuer,
    sub: `${holder.scheme}:${maskIdentifier(holder.value, holder.kind)}`,
    name: holder.name,
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
    records: facts.records.filter((record) => STANDING_RECORDS.has(record.status)),
    listEntries: facts.listEntries.filter((entry) => STANDING_ENTRIES.has(entry.status)),
  };
}
