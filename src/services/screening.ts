import DataLoader from 'dataloader';
import type { AuditDraft } from '../domain/audit/audit-entry.js';
import { checkPerformed, checkRefused } from '../domain/audit/check-drafts.js';
import { checkLogFields, checkVocabulary, type CheckVocabulary } from '../domain/audit/check-log-fields.js';
import type { Catalog } from '../domain/catalog/catalog.js';
import type { RelyingParty } from '../domain/catalog/pack.js';
import { checkRefusal } from '../domain/checks/check-permission.js';
import { parseCheckRequest, type CheckRequest } from '../domain/checks/check-request.js';
import type { ListRestrictions } from '../domain/checks/list-restrictions.js';
import type { SubjectIdentifier } from '../domain/records/record.js';
import { screen, type RestrictionHit } from '../domain/checks/screen.js';
import { ProbityError } from '../errors.js';
import type { RecordStore } from '../store/record-store.js';
import type { AuditStore } from '../store/audit-store.js';
import type { AuditLog } from './audit-log.js';
import { screenBatch, type BatchPart } from './batch-screening.js';
import type { SourceLine } from './bulk-ingest.js';
import type { Clock } from './clock.js';
import type { ScreeningIndex } from './screening-index.js';
import { withinBudget } from './within-budget.js';

export interface CheckAnswer {
  readonly checkId: string;
  readonly decision: 'allow' | 'deny';
  readonly restrictions: readonly (RestrictionHit & { readonly contest: string })[];
  /** The change-feed position the answer reflects. */
  readonly asOfSequence: number;
}

/** The answer to one check of a batch, or why it got none. */
export type CheckOutcome =
  { readonly ok: true; readonly answer: CheckAnswer } | { readonly ok: false; readonly error: ProbityError };

export interface ScreeningDeps {
  readonly store: AuditStore & RecordStore;
  readonly catalog: Catalog;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly index: ScreeningIndex;
  readonly newId: () => string;
  readonly restrictions: ListRestrictions;
  /** Where the subject can see and dispute an entry. */
  readonly contestUrl: (entryId: string) => string;
  /** How long checks may wait for the store (their subjects and their log entries) before they answer 503. */
  readonly budgetMs: number;
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
  /**
   * Subject ids of the checks that arrive in one turn of the event loop, asked of the store in
   * one query: on PostgreSQL a round trip per single check was most of its cost.
   */
  private readonly subjectIds: DataLoader<SubjectIdentifier, string | undefined>;
  private readonly vocabulary: CheckVocabulary;
  private readonly tagReference: (reference: string) => string;

  constructor(private readonly deps: ScreeningDeps) {
    this.vocabulary = checkVocabulary(deps.catalog.pack);
    this.tagReference = (reference) => deps.audit.tagReference(reference);
    this.subjectIds = new DataLoader((identifiers) => deps.store.subjectIdsOf(identifiers), {
      cache: false,
      batchScheduleFn: (load) => setImmediate(load),
    });
  }

  /** One check; a refusal or a bad request is thrown as a ProbityError (403, 400). */
  async check(relyingParty: string, request: unknown): Promise<CheckAnswer> {
    const [outcome] = await this.checkMany(relyingParty, [request]);
    if (!outcome!.ok) throw outcome!.error;
    return outcome!.answer;
  }

  /** Many checks at once, each answered or refused on its own, all logged before this resolves. */
  async checkMany(relyingParty: string, requests: readonly unknown[]): Promise<CheckOutcome[]> {
    const { catalog, index } = this.deps;
    // Fail closed: an index still loading would allow subjects it has not read yet.
    if (!index.ready) throw new ProbityError('not_ready', 'the screening index is still loading');
    const party = catalog.relyingParty(relyingParty);
    if (!party) throw new ProbityError('forbidden', `no relying party "${relyingParty}" in the pack`);
    const examined = requests.map((raw) => this.examine(raw));
    // A check that cannot be logged in time is not answered: a relying party gets 503 and
    // retries, rather than waiting on a hung database (it may still be logged, never unlogged).
    return withinBudget(
      this.answer(party, examined),
      this.deps.budgetMs,
      () =>
        new ProbityError(
          'store_unavailable',
          `the checks could not be logged within ${this.deps.budgetMs} ms; retry later`,
        ),
    );
  }

  /** A stream of check lines (POST /v1/checks:batch), in chunks the store logs best at once: see screenBatch. */
  checkLines(
    relyingParty: string,
    lines: AsyncIterable<SourceLine>,
    stopReading: () => void,
  ): AsyncGenerator<BatchPart> {
    return screenBatch(this, this.deps.store.readsPerAppend, relyingParty, lines, stopReading);
  }

  /** Screens the examined checks and logs every one; resolves once all are durable. */
  private async answer(party: RelyingParty, examined: readonly Examined[]): Promise<CheckOutcome[]> {
    const { index, clock, audit, newId } = this.deps;
    const relyingParty = party.code;
    // One index look-up per check, and the feed position it reflects, read together.
    const indexed = examined.map((item) => (item.kind === 'valid' ? index.lookup(item.scheme, item.value) : undefined));
    const asOfSequence = index.sequence;
    const subjectIds = await this.subjectIdsOf(
      examined,
      indexed.map((subject) => subject?.subjectId),
    );
    const atMs = clock.now().getTime();
    const drafts: Omit<AuditDraft, 'time'>[] = [];

    const outcomes = examined.map((item, i): CheckOutcome => {
      if (item.kind === 'invalid') return { ok: false, error: item.error };
      const { request } = item;
      const subjectId = subjectIds[i] ?? null;
      const checkId = newId();
      // The log names the subject by its opaque id, never by the identifier asked about, and keeps
      // codes and a keyed tag of the reference, never the relying party's free text (in the
      // detail or in the hashed object: a plain hash of short text can be reversed by guessing).
      const logged = {
        checkId,
        relyingParty,
        subjectId,
        ...checkLogFields(request, this.vocabulary, this.tagReference),
      };
      const refusal = checkRefusal(party, request.action, request.purpose);
      if (refusal) {
        drafts.push(checkRefused(logged, refusal.code));
        return { ok: false, error: new ProbityError(refusal.code, refusal.message, { checkId }) };
      }
      const screening = screen(indexed[i]?.entries, request.action, atMs, this.deps.restrictions, index.suspendedSince);
      const entryIds = screening.restrictions.map((r) => r.entryId);
      drafts.push(checkPerformed(logged, { decision: screening.decision, entryIds, asOfSequence }));
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
    const check = this.deps.catalog.checkIdentifier(subject.scheme, subject.value);
    if (!check.ok) return { kind: 'invalid', error: new ProbityError(check.code, check.message) };
    return { kind: 'valid', request: parsed.request, scheme: check.scheme, value: check.value };
  }

  /** Subject ids for the log: those the index gave, else one store look-up for the rest. */
  private async subjectIdsOf(
    examined: readonly Examined[],
    fromIndex: readonly (string | undefined)[],
  ): Promise<(string | undefined)[]> {
    const ids = [...fromIndex];
    const missing = examined.flatMap((item, i) =>
      item.kind === 'valid' && ids[i] === undefined ? [{ i, scheme: item.scheme, value: item.value }] : [],
    );
    const found = await this.subjectIds.loadMany(missing);
    found.forEach((id, k) => {
      if (id instanceof Error) throw id;
      ids[missing[k]!.i] = id;
    });
    return ids;
  }
}
