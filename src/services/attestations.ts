import { createPublicKey, type KeyObject } from 'node:crypto';
import { calculateJwkThumbprint, decodeJwt, jwtVerify, SignJWT, type JWK } from 'jose';
import { objectHash } from '../domain/audit/audit-entry.js';
import {
  attestationClaims,
  type AttestationClaims,
  type Disclosure,
} from '../domain/attestations/attestation-claims.js';
import type { Catalog } from '../domain/catalog/catalog.js';
import { ProbityError } from '../errors.js';
import type { StoredAttestation, Subject } from '../store/store.js';

import type { PortalStore } from '../store/portal-store.js';
import type { Clock } from './clock.js';
import type { SubjectData } from './subject-data.js';

export const ATTESTATION_TYPE = 'probity-attestation+jwt';

/** The verdict on a token: its claims when the signature, type, issuer and expiry all check. */
export type AttestationVerdict =
  { readonly valid: true; readonly claims: AttestationClaims } | { readonly valid: false; readonly reason: string };

/**
 * Signed reports a subject issues about themselves: compact JWS, EdDSA (Ed25519), signed
 * with jose. Only the subject can ask for one (the routes take the subject from the
 * session); anyone can verify it offline with the published key.
 */
export class Attestations {
  private readonly publicJwk: Promise<JWK>;

  constructor(
    private readonly deps: {
      readonly store: PortalStore;
      readonly clock: Clock;
      readonly newId: () => string;
      readonly subjectData: SubjectData;
      readonly catalog: Catalog;
      readonly key: KeyObject;
      readonly issuer: string;
    },
  ) {
    this.publicJwk = (async () => {
      const jwk = createPublicKey(deps.key).export({ format: 'jwk' }) as JWK;
      return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'EdDSA', use: 'sig' };
    })();
  }

  /** The public key set anyone verifies attestations with (RFC 7517). */
  async jwks(): Promise<{ keys: JWK[] }> {
    return { keys: [await this.publicJwk] };
  }

  /**
   * Issues, stores and logs an attestation about `subject`, which the caller is entitled to act as
   * through `identifier`. A person's `name` is the one the identity provider asserts; an
   * organization's or government body's is the one the registry holds.
   */
  async issue(
    subject: Subject,
    identifier: { readonly scheme: string; readonly value: string; readonly name?: string | null },
    disclosure: Disclosure,
  ): Promise<StoredAttestation & { claims: AttestationClaims }> {
    const { store, clock, newId, subjectData, catalog, key, issuer } = this.deps;
    const [{ records, assessment }, entries, name] = await Promise.all([
      subjectData.records(subject),
      subjectData.listEntries(subject),
      subject.kind === 'person' ? (identifier.name ?? null) : this.registeredName(identifier),
    ]);
    const id = newId();
    const untitled = { en: '', zh: '' };
    const claims = attestationClaims(
      {
        issuer,
        id,
        holder: { scheme: identifier.scheme, value: identifier.value, kind: subject.kind, name },
        issuedAt: clock.now(),
        assessment,
        records: records.map(({ record, recordType, status, dispute }) => ({
          type: record.type,
          title: recordType?.title ?? untitled,
          institution: record.institution,
          institutionName: catalog.institution(record.institution)?.name ?? untitled,
          effectiveAt: record.versions.at(-1)?.effectiveAt ?? '',
          status,
          disputed: dispute !== undefined,
        })),
        listEntries: entries.map(({ entry, list, status }) => ({
          list: entry.listCode,
          title: list?.title ?? untitled,
          status,
          since: entry.activeFrom,
          until: entry.removedAt ?? entry.until,
        })),
      },
      disclosure,
    );
    const { kid } = await this.publicJwk;
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'EdDSA', typ: ATTESTATION_TYPE, kid })
      .sign(key);
    const attestation: StoredAttestation = {
      id,
      subjectId: subject.id,
      disclosure,
      token,
      issuedAt: new Date(claims.iat * 1000).toISOString(),
      expiresAt: new Date(claims.exp * 1000).toISOString(),
    };
    // Issuing one discloses the subject's data to whoever holds it: an export, in "who looked".
    await store.saveAttestation(attestation, {
      time: attestation.issuedAt,
      actor: { kind: 'subject', id: subject.id },
      action: 'attestation.issued',
      subject: subject.id,
      object: { kind: 'attestation', id },
      objectHash: objectHash(token),
      detail: { disclosure },
    });
    return { ...attestation, claims };
  }

  /** Checks a token against this registry's key: signature, type, issuer, expiry. */
  async verify(token: string): Promise<AttestationVerdict> {
    return verifyAttestation(token, await this.publicJwk, this.deps.issuer, this.deps.clock.now());
  }

  async stored(id: string): Promise<StoredAttestation | undefined> {
    return this.deps.store.attestation(id);
  }

  /**
   * What a stored report says, read from the token this registry signed and kept (no check needed,
   * and none wanted: its subject may look at it again after it has expired).
   */
  claimsOf(stored: StoredAttestation): AttestationClaims {
    return decodeJwt(stored.token) as unknown as AttestationClaims;
  }

  /** An organization's or government body's name as the registry holds it (they are public registers). */
  private async registeredName(identifier: { readonly scheme: string; readonly value: string }) {
    const [found] = await this.deps.store.publicSubjects({ identifier }, 1);
    return found?.name ?? null;
  }
}

/** Verifies an attestation with a public key (what `probity attestation verify` does offline). */
export async function verifyAttestation(
  token: string,
  publicKey: JWK | KeyObject,
  issuer: string | undefined,
  now: Date,
): Promise<AttestationVerdict> {
  try {
    const { payload } = await jwtVerify(token.trim(), publicKey, {
      algorithms: ['EdDSA'],
      typ: ATTESTATION_TYPE,
      ...(issuer ? { issuer } : {}),
      currentDate: now,
    });
    return { valid: true, claims: payload as unknown as AttestationClaims };
  } catch (error) {
    return { valid: false, reason: reasonOf(error) };
  }
}

function reasonOf(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ERR_JWT_EXPIRED') return 'the attestation has expired';
  if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
    return 'the signature does not verify with the key: it was altered or signed by someone else';
  if (code === 'ERR_JWS_INVALID' || code === 'ERR_JWT_INVALID') return 'this is not a well-formed attestation';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return `a claim does not check: ${(error as Error).message}`;
  if (error instanceof ProbityError) return error.message;
  return `it does not verify: ${(error as Error).message}`;
}
