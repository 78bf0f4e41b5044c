import type { Rulebook } from '../catalog/pack.js';
import type { Assessment } from './assess.js';

/** One subject's rating under the old and the new rulebook. */
export interface ImpactExample {
  readonly subjectId: string;
  readonly before: { readonly score: number; readonly band: string };
  readonly after: { readonly score: number; readonly band: string };
  /** The rules whose points moved most between the two, largest change first. */
  readonly changedRules: readonly { readonly ruleId: string; readonly before: number; readonly after: number }[];
}

/** Subjects that moved from one band to another, with a few examples. */
export interface BandTransition {
  readonly from: string;
  readonly to: string;
  readonly direction: 'up' | 'down';
  readonly subjects: number;
  readonly examples: readonly ImpactExample[];
}

/** What publishing a new rulebook would do to the subjects it rates: the regulator's impact analysis. */
export interface RulebookImpactReport {
  readonly subjects: number;
  readonly bandChanges: number;
  readonly up: number;
  readonly down: number;
  readonly transitions: readonly BandTransition[];
  readonly scoreChange: {
    readonly mean: number;
    readonly min: number;
    readonly max: number;
    readonly unchanged: number;
  };
}

const CHANGED_RULES_SHOWN = 3;

/**
 * Tallies subjects assessed under two rulebooks, one at a time, so a scan of millions
 * keeps only counts and the first few examples of each band transition. A band is
 * better the earlier it comes in its rulebook's list (bands go from the highest minimum down).
 */
export class RulebookImpact {
  private subjects = 0;
  private unchanged = 0;
  private totalChange = 0;
  private minChange = Infinity;
  private maxChange = -Infinity;
  private readonly transitions = new Map<
    string,
    { from: string; to: string; direction: 'up' | 'down'; subjects: number; examples: ImpactExample[] }
  >();

  constructor(
    private readonly rulebooks: { readonly before: Rulebook; readonly after: Rulebook },
    private readonly examplesPerTransition: number,
  ) {}

  add(subjectId: string, before: Assessment, after: Assessment): void {
    this.subjects++;
    const change = after.score - before.score;
    if (change === 0) this.unchanged++;
    this.totalChange += change;
    this.minChange = Math.min(this.minChange, change);
    this.maxChange = Math.max(this.maxChange, change);
    if (before.band.code === after.band.code) return;
    const key = `${before.band.code}\u0000${after.band.code}`;
    let transition = this.transitions.get(key);
    if (!transition) {
      const direction = rank(this.rulebooks.after, after) < rank(this.rulebooks.before, before) ? 'up' : 'down';
      transition = { from: before.band.code, to: after.band.code, direction, subjects: 0, examples: [] };
      this.transitions.set(key, transition);
    }
    transition.subjects++;
    if (transition.examples.length < this.examplesPerTransition)
      transition.examples.push(example(subjectId, before, after));
  }

  report(): RulebookImpactReport {
    const transitions = [...this.transitions.values()].sort(
      (a, b) => b.subjects - a.subjects || a.from.localeCompare(b.from),
    );
    const count = (direction: 'up' | 'down') =>
      transitions.filter((t) => t.direction === direction).reduce((n, t) => n + t.subjects, 0);
    return {
      subjects: this.subjects,
      bandChanges: count('up') + count('down'),
      up: count('up'),
      down: count('down'),
      transitions,
      scoreChange: {
        mean: this.subjects === 0 ? 0 : Math.round((this.totalChange / this.subjects) * 100) / 100,
        min: this.subjects === 0 ? 0 : this.minChange,
        max: this.subjects === 0 ? 0 : this.maxChange,
        unchanged: this.unchanged,
      },
    };
  }
}

/** Position of the assessment's band in its rulebook: 0 is the best. */
function rank(rulebook: Rulebook, assessment: Assessment): number {
  return rulebook.bands.findIndex((band) => band.code === assessment.band.code);
}

function example(subjectId: string, before: Assessment, after: Assessment): ImpactExample {
  const points = (a: Assessment) => new Map([...a.adverse, ...a.positive].map((f) => [f.ruleId, f.points]));
  const old = points(before);
  const next = points(after);
  const changedRules = [...new Set([...old.keys(), ...next.keys()])]
    .map((ruleId) => ({ ruleId, before: old.get(ruleId) ?? 0, after: next.get(ruleId) ?? 0 }))
    .filter((r) => r.before !== r.after)
    .sort((a, b) => Math.abs(b.after - b.before) - Math.abs(a.after - a.before))
    .slice(0, CHANGED_RULES_SHOWN);
  return {
    subjectId,
    before: { score: before.score, band: before.band.code },
    after: { score: after.score, band: after.band.code },
    changedRules,
  };
}
