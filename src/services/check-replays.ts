import { canonicalJson } from '../domain/records/canonical-json.js';
import { ProbityError } from '../errors.js';
import type { CheckReplayStore } from '../store/check-replay-store.js';
import type { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';
import type { CheckAnswer, Screening } from './screening.js';
import { withinBudget } from './within-budget.js';

/** How long a relying party's Idempotency-Key is remembered. */
export const CHECK_REPLAY_KEEP_MS = 24 * 3_600_000;

/**
 * A key claimed this long ago whose check has no answer was left by a process that stopped
 * while answering it (a check waits at most its budget, 2 s by default): a retry takes it over.
 */
const ABANDONED_CLAIM_MS = 30_000;

export interface CheckReplaysDeps {
  readonly store: CheckReplayStore;
  readonly clock: Clock;
  readonly audit: AuditLog;
  readonly screening: Screening;
  /** How long a check may wait for the store, its key's claim and answer included, before it answers 503. */
  readonly budgetMs: number;
}

/** A check's answer, and whether it is the answer to an earlier request with the same key. */
export interface IdempotentAnswer {
  readonly answer: CheckAnswer;
  readonly replayed: boolean;
}

/**
 * Single checks sent with an `Idempotency-Key`: the first is screened and logged as any check;
 * a retry with the same key and the same request gets that first answer, and is neither
 * screened nor logged again, so it does not show twice under "who looked".
 */
export class CheckReplays {
  constructor(private readonly deps: CheckReplaysDeps) {}

  async check(relyingParty: string, request: unknown, idempotencyKey: string): Promise<IdempotentAnswer> {
    const { budgetMs } = this.deps;
    // As a check without a key: a hung database is a 503 within the budget, whichever statement hangs.
    return withinBudget(
      this.checkOnce(relyingParty, request, idempotencyKey),
      budgetMs,
      () =>
        new ProbityError(
          'store_unavailable',
          `the check could not be answered within ${budgetMs} ms; retry later with the same key`,
        ),
    );
  }

  private async checkOnce(relyingParty: string, request: unknown, idempotencyKey: string): Promise<IdempotentAnswer> {
    const { store, clock, audit } = this.deps;
    // Keyed tags: the key is the relying party's free text, and the request names a subject.
    const keyTag = audit.tagReference(idempotencyKey);
    const requestTag = audit.tagReference(canonicalJson(request));
    for (;;) {
      const claimedAt = clock.now().toISOString();
      const held = await store.claimCheckReplay({ relyingParty, keyTag, requestTag, claimedAt });
      if (held === undefined)
        return { answer: await this.answerClaimed(relyingParty, request, keyTag, claimedAt), replayed: false };
      if (held.requestTag !== requestTag) {
        throw new ProbityError(
          'idempotency_key_reused',
          'this Idempotency-Key was already used for a different check; use a new key for a new check',
        );
      }
      if (held.answer !== null) return { answer: JSON.parse(held.answer) as CheckAnswer, replayed: true };
      if (clock.now().getTime() - Date.parse(held.claimedAt) < ABANDONED_CLAIM_MS) {
        throw new ProbityError(
          'idempotency_in_progress',
          'the first check with this Idempotency-Key is still being answered; retry with the same key',
        );
      }
      await store.releaseCheckReplay(relyingParty, keyTag, held.claimedAt);
    }
  }

  /** Forgets keys older than CHECK_REPLAY_KEEP_MS; resolves with how many. */
  async purge(): Promise<number> {
    return this.deps.store.purgeCheckReplays(
      new Date(this.deps.clock.now().getTime() - CHECK_REPLAY_KEEP_MS).toISOString(),
    );
  }

  /** Screens a check whose key this request holds, and keeps its answer for retries. */
  private async answerClaimed(
    relyingParty: string,
    request: unknown,
    keyTag: string,
    claimedAt: string,
  ): Promise<CheckAnswer> {
    const { store, screening } = this.deps;
    let answer: CheckAnswer;
    try {
      answer = await screening.check(relyingParty, request);
    } catch (error) {
      // No answer to keep (refused, invalid, or not logged in time): a retry is a new check.
      await store.releaseCheckReplay(relyingParty, keyTag, claimedAt).catch(() => {});
      throw error;
    }
    // The check is logged and answered: a failure to keep the answer does not take it back.
    await store.answerCheckReplay(relyingParty, keyTag, JSON.stringify(answer)).catch(() => {});
    return answer;
  }
}
