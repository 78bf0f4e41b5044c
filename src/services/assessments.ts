import type { Catalog } from '../domain/catalog/catalog.js';
import { suspendedEntries, suspendedRecords, type Dispute } from '../domain/disputes/dispute.js';
import { normaliseIdentifier } from '../domain/identifiers/normalise-identifier.js';
import type { ListEntry } from '../domain/lists/list-entry.js';
import type { StoredRecord } from '../domain/records/record.js';
import { parseRfc3339 } from '../domain/records/rfc3339.js';
import { assess, type Assessment } from '../domain/rulebooks/assess.js';
import { compileRulebook, type CompiledRulebook } from '../domain/rulebooks/compiled-rulebook.js';
import type { SubjectKind } from '../domain/subject-kind.js';
import { ProbityError } from '../errors.js';
import type { Subject } from '../store/store.js';

import type { RecordStore } from '../store/record-store.js';
import type { DisputeStore } from '../store/dispute-store.js';
import type { ListStore } from '../store/list-store.js';
import type { Clock } from './clock.js';

/** What a subject's rating is computed from: its records, and the disputes and list entries that bear on them. */
export interface RatingInputs {
  readonly records: readonly StoredRecord[];
  readonly disputes?: readonly Dispute[] | undefined;
  readonly entries?: readonly ListEntry[] | undefined;
}

export interface AssessmentTimes {
  /** Valid time (RFC 3339); now when absent. */
  readonly asOf?: string | undefined;
  /** Recorded time (RFC 3339); now when absent. */
  readonly knownAt?: string | undefined;
}

/** Rates subjects under the pack's rulebooks, each compiled once. */
export class Assessments {
  private readonly rulebooks: readonly CompiledRulebook[];

  constructor(
    private readonly deps: {
      readonly store: DisputeStore & ListStore & RecordStore;
      readonly catalog: Catalog;
      readonly clock: Clock;
    },
  ) {
    // Newest first, so the first in effect on a date is the one that applies.
    this.rulebooks = deps.catalog.pack.rulebooks
      .map(compileRulebook)
      .sort((a, b) => b.rulebook.effectiveFrom.localeCompare(a.rulebook.effectiveFrom));
  }

  /** The subject an identifier names, and its assessment as of the given times. */
  async ofIdentifier(
    scheme: string,
    value: string,
    times: AssessmentTimes = {},
  ): Promise<{ subject: Subject; assessment: Assessment }> {
    const subject = await this.deps.store.subjectByIdentifier(scheme, normaliseIdentifier(value));
    if (!subject) throw new ProbityError('not_found', `no subject with ${scheme} identifier ${value}`);
    return { subject, assessment: await this.ofSubject(subject, times) };
  }

  async ofSubject(subject: Subject, times: AssessmentTimes = {}): Promise<Assessment> {
    const { store } = this.deps;
    const [records, disputes, entries] = await Promise.all([
      store.subjectRecords(subject.id),
      store.disputesOf([subject.id]),
      store.listEntries(subject.id),
    ]);
    const now = this.deps.clock.now().toISOString();
    const asOf = instant('asOf', times.asOf) ?? now;
    const knownAt = instant('knownAt', times.knownAt) ?? now;
    const rulebook = this.rulebookFor(subject.kind, asOf);
    if (!rulebook)
      throw new ProbityError(
        'not_found',
        `no rulebook for ${subject.kind} subjects is in effect on ${asOf.slice(0, 10)}`,
      );
    return this.assessUnder(rulebook, { records, disputes, entries }, asOf, knownAt);
  }

  /**
   * The assessment now of a subject whose records (and disputes and list entries) the caller
   * has already read (a full recompute reads them page by page), or undefined when no
   * rulebook in effect rates its kind: a pack need not rate every kind.
   */
  current(subject: Subject, held: RatingInputs): Assessment | undefined {
    const now = this.deps.clock.now().toISOString();
    const rulebook = this.rulebookFor(subject.kind, now);
    return rulebook && this.assessUnder(rulebook, held, now, now);
  }

  /**
   * The rating as it stood at the start of each of the last `months` months and now: each
   * under the rulebook then in effect, from the records known then. Months before any
   * rulebook rated this kind of subject are left out: there was no rating to show.
   */
  history(subject: Subject, held: RatingInputs, months: number): Assessment[] {
    const now = this.deps.clock.now();
    const points: Assessment[] = [];
    for (let back = months; back >= 1; back--) {
      const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 1)).toISOString();
      const rulebook = this.rulebookFor(subject.kind, at);
      if (rulebook) points.push(this.assessUnder(rulebook, held, at, at));
    }
    const current = this.current(subject, held);
    if (current) points.push(current);
    return points;
  }

  private assessUnder(rulebook: CompiledRulebook, held: RatingInputs, asOf: string, knownAt: string): Assessment {
    const disputes = held.disputes ?? [];
    return assess({
      rulebook,
      recordType: this.recordType,
      records: held.records,
      asOf,
      knownAt,
      suspended: suspendedRecords(disputes, asOf),
      entries: held.entries ?? [],
      suspendedEntries: suspendedEntries(disputes, asOf),
    });
  }

  private readonly recordType = (code: string) => this.deps.catalog.recordType(code);

  private rulebookFor(kind: SubjectKind, asOf: string): CompiledRulebook | undefined {
    const day = asOf.slice(0, 10);
    return this.rulebooks.find((r) => r.rulebook.subjectKind === kind && r.rulebook.effectiveFrom <= day);
  }
}

function instant(name: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const time = parseRfc3339(value);
  if (time === undefined)
    throw new ProbityError('invalid_timestamp', `${name} must be an RFC 3339 date-time with offset, got "${value}"`);
  return time;
}
