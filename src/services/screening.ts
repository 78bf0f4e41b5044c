import { objectHash } from '../domain/audit/audit-entry.js';
import type { Catalog } from '../domain/catalog/catalog.js';
import { checkRefusal } from '../domain/checks/check-permission.js';
import { ListRestrictions } from '../domain/checks/list-restrictions.js';
import { screen, type RestrictionHit } from '../domain/checks/screen.js';
import { ProbityError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import type { ScreeningIndex } from './screening-index.js';

/** One screening question from a relying party. */
export interface CheckRequest {
  readonly subject: { readonly scheme: string; readonly value: string };
  readonly action: string;
  readonly purpose: string;
  /** The relying party's own reference (a booking number), kept in the log. */
  readonly reference?: string | undefined;
}

export interface CheckAnswer {
  readonly checkId: string;
  readonly decision: 'allow' | 'deny';
  readonly restrictions: readonly (RestrictionHit & { readonly contest: string })[];
  /** The change-feed position the answer reflects. */
  readonly asOfSequence: number;
}

export interface ScreeningDeps {
  readonly store: Store;
  readonly catalog: Catalog;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly index: ScreeningIndex;
  readonly newId: () => string;
  /** Where the subject can see and dispute an entry. */
  readonly contestUrl: (entryId: string) => string;
}

/**
 * Answers screening questions (principle 5): only for actions and purposes the relying
 * party is registered for, from the in-memory index, and each question, answered or
 * refused, is in the audit log before the answer leaves (group commit keeps this fast).
 */
export class Screening {
  private readonly restrictions: ListRestrictions;

  constructor(private readonly deps: ScreeningDeps) {
    this.restrictions = new ListRestrictions(deps.catalog.pack);
  }

  async check(relyingParty: string, request: CheckRequest): Promise<CheckAnswer> {
    const { catalog, index, clock, audit, newId } = this.deps;
    // Fail closed: an index still loading would allow subjects it has not read yet.
    if (!index.ready) throw new ProbityError('not_ready', 'the screening index is still loading');
    const party = catalog.relyingParty(relyingParty);
    if (!party) throw new ProbityError('forbidden', `no relying party "${relyingParty}" in the pack`);
    const { scheme, value } = this.identifier(request.subject);
    const indexed = index.lookup(scheme, value);
    const asOfSequence = index.sequence;
    // The log entry names the subject by its opaque id, never by the identifier asked about.
    const subjectId = indexed?.subjectId ?? (await this.deps.store.subjectByIdentifier(scheme, value))?.id ?? null;
    const checkId = newId();
    const logged = { checkId, relyingParty, subjectId, action: request.action, purpose: request.purpose, reference: request.reference ?? null };

    const refusal = checkRefusal(party, request.action, request.purpose);
    if (refusal) {
      await audit.recordRead({
        actor: { kind: 'relying_party', id: relyingParty }, action: 'check.refused', subject: subjectId,
        object: { kind: 'check', id: checkId }, objectHash: objectHash({ ...logged, refusal: refusal.code }),
      });
      throw new ProbityError(refusal.code, refusal.message, { checkId });
    }

    const screening = screen(indexed?.entries, request.action, clock.now().getTime(), this.restrictions);
    const answer: CheckAnswer = {
      checkId,
      decision: screening.decision,
      restrictions: screening.restrictions.map((hit) => ({ ...hit, contest: this.deps.contestUrl(hit.entryId) })),
      asOfSequence,
    };
    await audit.recordRead({
      actor: { kind: 'relying_party', id: relyingParty }, action: 'check.performed', subject: subjectId,
      object: { kind: 'check', id: checkId },
      objectHash: objectHash({ ...logged, decision: answer.decision, entryIds: screening.restrictions.map((r) => r.entryId), asOfSequence }),
    });
    return answer;
  }

  /** The identifier in its scheme's normal form; an invalid one is a 400 with the scheme's reason. */
  private identifier(subject: CheckRequest['subject']): { scheme: string; value: string } {
    const scheme = this.deps.catalog.identifierScheme(subject.scheme);
    if (!scheme) {
      throw new ProbityError('unknown_identifier_scheme', `"${subject.scheme}" is not one of ${this.deps.catalog.identifierSchemeCodes().join(', ')}`);
    }
    const check = scheme.check(subject.value);
    if (!check.ok) throw new ProbityError('invalid_identifier', `${scheme.code}: ${check.message}`);
    return { scheme: scheme.code, value: check.value };
  }
}
