import { institutionFigures, type InstitutionFigures } from '../domain/disputes/institution-figures.js';
import type { Dispute } from '../domain/disputes/dispute.js';
import type { DisputeStore } from '../store/dispute-store.js';
import type { Clock } from './clock.js';

const PAGE = 5_000;
/** How old the figures may be: the transparency report is public, and each computation reads every dispute. */
const FRESH_FOR_MS = 60_000;

/**
 * Each source institution's dispute figures for the transparency report. Computed from every
 * dispute, so they are kept for a minute (by the service clock) rather than recomputed for
 * each visitor; a dispute filed, answered or decided through this process makes the next
 * read recompute, and changes made elsewhere show within the minute.
 */
export class DisputeFigures {
  private cached: { readonly at: number; readonly figures: Promise<InstitutionFigures[]> } | undefined;

  constructor(private readonly deps: { readonly store: DisputeStore; readonly clock: Clock }) {}

  current(): Promise<InstitutionFigures[]> {
    const now = this.deps.clock.now();
    const age = now.getTime() - (this.cached?.at ?? Number.NEGATIVE_INFINITY);
    if (this.cached && age >= 0 && age < FRESH_FOR_MS) return this.cached.figures;
    const figures = this.compute(now.toISOString());
    const cached = { at: now.getTime(), figures };
    this.cached = cached;
    // A failed computation is not kept: the next visitor tries again.
    figures.catch(() => this.cached === cached && this.invalidate());
    return figures;
  }

  /** A dispute changed: the next read recomputes. */
  invalidate(): void {
    this.cached = undefined;
  }

  private async compute(at: string): Promise<InstitutionFigures[]> {
    const all: Dispute[] = [];
    for (let after: string | undefined; ;) {
      const page = await this.deps.store.disputesPage(after, PAGE);
      all.push(...page);
      if (page.length < PAGE) break;
      after = page.at(-1)!.id;
    }
    return institutionFigures(all, at);
  }
}
