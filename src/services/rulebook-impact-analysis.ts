import type { Catalog } from '../domain/catalog/catalog.js';
import type { Rulebook } from '../domain/catalog/pack.js';
import { assess } from '../domain/rulebooks/assess.js';
import { compileRulebook } from '../domain/rulebooks/compiled-rulebook.js';
import { RulebookImpact, type RulebookImpactReport } from '../domain/rulebooks/rulebook-impact.js';
import { ProbityError } from '../errors.js';
import { entriesBySubject } from './ratings.js';
import type { ListStore } from '../store/list-store.js';
import type { RecordStore } from '../store/record-store.js';
import type { Clock } from './clock.js';

export interface RulebookChange {
  readonly before: Rulebook;
  readonly after: Rulebook;
  /** How many example subjects to keep for each band transition. */
  readonly examples: number;
}

export interface RulebookImpactAnalysis extends RulebookImpactReport {
  readonly asOf: string;
  readonly before: RulebookRef;
  readonly after: RulebookRef;
}

interface RulebookRef {
  readonly code: string;
  readonly version: string;
  readonly id: string;
}

const SUBJECTS_PER_PAGE = 2_000;

/**
 * What replacing one rulebook with another would do today: every stored subject of the
 * rulebooks' kind assessed under both, as of now, tallied by band transition.
 */
export async function analyseRulebookChange(
  deps: { readonly store: ListStore & RecordStore; readonly catalog: Catalog; readonly clock: Clock },
  change: RulebookChange,
  onProgress?: (subjects: number) => void,
): Promise<RulebookImpactAnalysis> {
  const { before, after } = change;
  if (before.subjectKind !== after.subjectKind) {
    throw new ProbityError(
      'invalid_config',
      `the old rulebook rates ${before.subjectKind} subjects and the new one ${after.subjectKind}; ` +
        `compare two rulebooks of one kind`,
    );
  }
  const compiled = { before: compileRulebook(before), after: compileRulebook(after) };
  const impact = new RulebookImpact({ before, after }, change.examples);
  const asOf = deps.clock.now().toISOString();
  const recordType = (code: string) => deps.catalog.recordType(code);
  let scanned = 0;
  for (let after: string | undefined; ;) {
    const page = await deps.store.subjectsWithRecords({ after, kind: before.subjectKind, limit: SUBJECTS_PER_PAGE });
    if (page.length === 0) break;
    const entriesOf = entriesBySubject(await deps.store.listingsOf(page.map(({ subject }) => subject.id)));
    for (const { subject, records } of page) {
      const entries = entriesOf.get(subject.id);
      const under = (rulebook: typeof compiled.before) =>
        assess({ rulebook, recordType, records, entries, asOf, knownAt: asOf });
      impact.add(subject.id, under(compiled.before), under(compiled.after));
    }
    scanned += page.length;
    onProgress?.(scanned);
    after = page.at(-1)!.subject.id;
  }
  const ref = (c: typeof compiled.before): RulebookRef => ({
    code: c.rulebook.code,
    version: c.rulebook.version,
    id: c.id,
  });
  return { asOf, before: ref(compiled.before), after: ref(compiled.after), ...impact.report() };
}
