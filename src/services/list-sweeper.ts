import type { ListStore } from '../store/list-store.js';
import type { Clock } from './clock.js';

const ENTRIES_PER_ROUND = 1_000;

/**
 * Announces the list transitions that time causes (a notice period over, a term over) on
 * the change feed and in the audit log. Only the announcements wait for it: an entry's
 * state, and so every screening answer, follows from its timestamps at once.
 */
export class ListSweeper {
  constructor(private readonly deps: { readonly store: ListStore; readonly clock: Clock }) {}

  /** Announces everything due now, a round at a time; resolves with how many transitions. */
  async sweep(maxRounds = 10): Promise<number> {
    let announced = 0;
    for (let round = 0; round < maxRounds; round++) {
      const count = await this.deps.store.announceListTransitions(
        this.deps.clock.now().toISOString(),
        ENTRIES_PER_ROUND,
      );
      announced += count;
      if (count === 0) break;
    }
    return announced;
  }
}
