import { ricCheckCharacter } from '../../src/domain/identifiers/cn-ric.js';
import { count, newTally, sendUntilAnswered, type Attempt, type RetryPolicy, type Tally } from './retrying-client.js';

/** The resident identity number of synthetic person `i`: one birth day per 999 persons. */
export function personId(i: number): string {
  const born = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 999) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const first17 = `110105${born}${String((i % 999) + 1).padStart(3, '0')}`;
  return first17 + ricCheckCharacter(first17);
}

/** Batch `n` of the bulk load: the same records every time it is built. */
export function batch(n: number, size: number): Record<string, unknown>[] {
  return Array.from({ length: size }, (_, k) => {
    const i = n * size + k;
    return {
      type: 'court.judgment_unperformed',
      sourceRef: `FAILOVER-${i}`,
      subject: { scheme: 'CN-RIC', value: personId(i), name: '张三' },
      effectiveAt: '2025-03-01T00:00:00Z',
      payload: { caseNumber: `(2025)沪0115执${i}号`, amount: 1000 + i, currency: 'CNY' },
    };
  });
}

/** A load running in the background until stopped. */
export interface Load<T> {
  stop(): void;
  /** Resolves once the requests in flight have their outcome. */
  readonly done: Promise<T>;
}

export interface BulkResult {
  readonly tally: Tally;
  readonly batches: number;
  /** sourceRef → record id, for every record whose acknowledgement reached the client. */
  readonly acknowledged: ReadonlyMap<string, string>;
  /** Items answered duplicate: stored by an earlier attempt whose answer was lost (the node died). */
  readonly duplicates: number;
  /** Items of acknowledged batches that were neither accepted nor duplicate. */
  readonly refused: unknown[];
}

/**
 * Posts batches of records, one at a time, to `nodes[0]`; once a node gives no answer, the
 * rest go to the next node (as a source institution's client fails over).
 */
export function bulkLoad(
  nodes: readonly string[],
  headers: Record<string, string>,
  size: number,
  policy: RetryPolicy,
): Load<BulkResult> {
  let stopped = false;
  let node = 0;
  const target = (_attempt: number, previous: Attempt | undefined) => {
    if (previous?.status === 'no_answer' && node < nodes.length - 1) node += 1;
    return nodes[node]!;
  };
  const run = async (): Promise<BulkResult> => {
    const tally = newTally();
    const acknowledged = new Map<string, string>();
    const refused: unknown[] = [];
    let duplicates = 0;
    let n = 0;
    for (; !stopped; n++) {
      const records = batch(n, size);
      const outcome = await sendUntilAnswered(
        target,
        '/v1/records',
        { headers, body: JSON.stringify(records) },
        policy,
      );
      count(tally, outcome, 200);
      if (!outcome.answered || outcome.status !== 200) continue;
      for (const result of (outcome.body as { results: { index: number; status: string; id?: string }[] }).results) {
        if ((result.status === 'accepted' || result.status === 'duplicate') && result.id)
          acknowledged.set(records[result.index]!['sourceRef'] as string, result.id);
        else refused.push(result);
        if (result.status === 'duplicate') duplicates += 1;
      }
    }
    return { tally, batches: n, acknowledged, duplicates, refused };
  };
  return { stop: () => (stopped = true), done: run() };
}

export interface ScreeningResult {
  readonly tally: Tally;
  /** Every check id answered 200. */
  readonly answered: readonly string[];
  /** Every attempt of every check, in the order they ended: the pause is read from them. */
  readonly attempts: readonly Attempt[];
}

/** `workers` relying-party clients checking persons through `url` (the balancer) as fast as answers come. */
export function screeningLoad(
  url: string,
  headers: Record<string, string>,
  persons: number,
  workers: number,
  policy: RetryPolicy,
): Load<ScreeningResult> {
  let stopped = false;
  const tally = newTally();
  const answered: string[] = [];
  const attempts: Attempt[] = [];
  const worker = async (w: number) => {
    for (let i = w; !stopped; i += workers) {
      const body = JSON.stringify({
        subject: { scheme: 'CN-RIC', value: personId((i * 7919) % persons) },
        action: 'air.ticket.any',
        purpose: 'ticket_sale',
      });
      const outcome = await sendUntilAnswered(() => url, '/v1/checks', { headers, body }, policy);
      count(tally, outcome, 200);
      attempts.push(...outcome.attempts);
      if (outcome.answered && outcome.status === 200) answered.push((outcome.body as { checkId: string }).checkId);
    }
  };
  const done = Promise.all(Array.from({ length: workers }, (_, w) => worker(w))).then(() => ({
    tally,
    answered,
    attempts,
  }));
  return { stop: () => (stopped = true), done };
}

/**
 * The longest time after `since` with no 200 answer: from `since` (or the last 200 before a
 * gap) to the next 200. This is "the time from the kill until checks answer 200 again".
 */
export function longestPause(attempts: readonly Attempt[], since: number, until: number): number {
  const oks = attempts
    .filter((attempt) => attempt.status === 200)
    .map((attempt) => attempt.at)
    .sort((a, b) => a - b);
  let longest = 0;
  let previous = since;
  for (const at of oks) {
    if (at <= since) continue;
    if (at > until) break;
    longest = Math.max(longest, at - previous);
    previous = at;
  }
  return Math.max(longest, until - previous);
}
