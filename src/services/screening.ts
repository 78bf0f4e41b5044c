import type { AuditDraft } from '../domain/audit/audit-entry.js';
import type { Catalog } from '../domain/catalog/catalog.js';
import { checkRefusal } from '../domain/checks/check-permission.js';
import { checkRecordHash } from '../domain/checks/check-record.js';
import { parseCheckRequest, type CheckRequest } from '../domain/checks/check-request.js';
import { ListRestrictions } from '../domain/checks/list-restrictions.js';
import { screen, type RestrictionHit } from '../domain/checks/screen.js';
import { ProbityError } from '../errors.js';
import type { Store } from '../store/store.js';
import type { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import type { ScreeningIndex } from './screening-index.js';

export interface CheckAnswer {
  readonly checkId: string;
  readonly decision: 'allow' | 'deny';
  readonly restrictions: readonly (RestrictionHit & { readonly contest: string })[];
  /** The change-feed position the answer reflects. */
  readonly asOfSequence: number;
}

/** The answer to one check of a batch, or why it got none. */
export type CheckOutcome = { readonly ok: true; readonly answer: CheckAnswer } | { readonly ok: false; readonly error: ProbityError };

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

/** A check whose identifier and permission have been examined. */
type Examined =
  | { readonly kind: 'invalid'; readonly error: ProbityError }
  | { readonly kind: 'valid'; readonly request: CheckRequest; readonly scheme: string; readonly value: string };

/**
 * Answers screening questions (principle 5): only for actions and purposes the relying
 * party is registered for, from the in-memory index, and each question, answered or
 * refused, is in the audit log before the answer leaves (group commit: many checks
 * share one transaction).
 */
export class Screening {
  private readonly restrictions: ListRestrictions;

  constructor(private readonly deps: ScreeningDeps) {
    this.restrictions = new ListRestrictions(deps.catalog.pack);
  }

  /** One check; a refusal or a bad request is thrown as a ProbityError (403, 400). */
  async check(relyingParty: string, request: unknown): Promise<CheckAnswer> {
    const [outcome] = await this.checkMany(relyingParty, [request]);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.answer;
  }

  /** Many checks at once, each answered or refused on its own, all logged before this resolves. */
  async checkMany(relyingParty: string, requests: readonly unknown[]): Promise<CheckOutcome[]> {
    const { catalog, index, clock, audit, newId } = this.deps;
    // Fail closed: an index still loading would allow subjects it has not read yet.
    if (!index.ready) throw new ProbityError('not_ready', 'the screening index is still loading');
    const party = catalog.relyingParty(relyingParty);
    if (!party) throw new ProbityError('forbidden', `no relying party "${relyingParty}" in the pack`);
    const examined = requests.map((raw) => this.examine(raw));
    const subjectIds = await this.subjectIdsOf(examined);
    const asOfSequence = index.sequence;
    const atMs = clock.now().getTime();
    const actor = { kind: 'relying_party', id: relyingParty } as const;
    const drafts: Omit<AuditDraft, 'time'>[] = [];

    const outcomes = examined.map((item, i): CheckOutcome => {
      if (item.kind === 'invalid') return { ok: false, error: item.error };
      const { request } = item;
      const subjectId = subjectIds[i] ?? null;
      const checkId = newId();
      // The log names the subject by its opaque id, never by the identifier asked about.
      const logged = { checkId, relyingParty, subjectId, action: request.action, purpose: request.purpose, reference: request.reference ?? null };
      const object = { kind: 'check', id: checkId } as const;
      const refusal = checkRefusal(party, request.action, request.purpose);
      if (refusal) {
        const objectHash = checkRecordHash({ ...logged, outcome: { refusal: refusal.code } });
        drafts.push({ actor, action: 'check.refused', subject: subjectId, object, objectHash });
        return { ok: false, error: new ProbityError(refusal.code, refusal.message, { checkId }) };
      }
      const screening = screen(index.lookup(item.scheme, item.value)?.entries, request.action, atMs, this.restrictions);
      const entryIds = screening.restrictions.map((r) => r.entryId);
      const objectHash = checkRecordHash({ ...logged, outcome: { decision: screening.decision, entryIds, asOfSequence } });
      drafts.push({ actor, action: 'check.performed', subject: subjectId, object, objectHash });
      return {
        ok: true,
        answer: {
          checkId,
          decision: screening.decision,
          restrictions: screening.restrictions.map((hit) => ({ ...hit, contest: this.deps.contestUrl(hit.entryId) })),
          asOfSequence,
        },
      };
    });
    await audit.recordReads(drafts);
    return outcomes;
  }

  private examine(raw: unknown): Examined {
    const parsed = parseCheckRequest(raw);
    if (!parsed.ok) return { kind: 'invalid', error: new ProbityError('invalid_request', parsed.message) };
    const { subject } = parsed.request;
    const scheme = this.deps.catalog.identifierScheme(subject.scheme);
    if (!scheme) {
      const known = this.deps.catalog.identifierSchemeCodes().join(', ');
      return { kind: 'invalid', error: new ProbityError('unknown_identifier_scheme', `"${subject.scheme}" is not one of ${known}`) };
    }
    const check = scheme.check(subject.value);
    if (!check.ok) return { kind: 'invalid', error: new ProbityError('invalid_identifier', `${scheme.code}: ${check.message}`) };
    return { kind: 'valid', request: parsed.request, scheme: scheme.code, value: check.value };
  }

  /** Subject ids for the log: from the index where it has them, else one store look-up for the rest. */
  private async subjectIdsOf(examined: readonly Examined[]): Promise<(string | undefined)[]> {
    const ids = examined.map((item) => (item.kind === 'valid' ? this.deps.index.lookup(item.scheme, item.value)?.subjectId : undefined));
    const missing = examined.flatMap((item, i) => (item.kind === 'valid' && ids[i] === undefined ? [{ i, scheme: item.scheme, value: item.value }] : []));
    if (missing.length > 0) (await this.deps.store.subjectIdsOf(missing)).forEach((id, k) => (ids[missing[k]!.i] = id));
    return ids;
  }
}
