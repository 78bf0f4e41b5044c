import type { FeedStore } from '../store/feed-store.js';
import type { ScreeningIndex } from './screening-index.js';
import { withinBudget } from './within-budget.js';

export type ReadinessAnswer =
  | { readonly ready: true; readonly feedSeq: number }
  | { readonly ready: false; readonly reason: string; readonly cause?: unknown };

/**
 * Whether this node can serve: its screening index is loaded and its store answers, within a
 * bound (a load balancer asks often, also of a hung database).
 */
export class Readiness {
  constructor(
    private readonly deps: {
      readonly store: FeedStore;
      readonly index: ScreeningIndex;
      readonly withinMs: number;
    },
  ) {}

  async check(): Promise<ReadinessAnswer> {
    if (!this.deps.index.ready) return { ready: false, reason: 'the screening index is still loading' };
    const { withinMs } = this.deps;
    try {
      // One row, whatever the store holds: a count of the records took seconds at 20M, and the
      // balancer's next ask started another, until the database was busy only with counting.
      const feedSeq = await withinBudget(
        this.deps.store.feedHead(),
        withinMs,
        () => new Error(`no answer within ${withinMs} ms`),
      );
      return { ready: true, feedSeq };
    } catch (cause) {
      return { ready: false, reason: 'the store does not answer', cause };
    }
  }
}
