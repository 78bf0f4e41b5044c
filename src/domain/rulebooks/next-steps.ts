import type { EnforcementList, LocalisedText, RatingBand, RecordType, Rulebook } from '../catalog/pack.js';
import { listEntryStatus, type ListEntry } from '../lists/list-entry.js';
import type { StoredRecord } from '../records/record.js';
import type { Assessment } from './assess.js';
import { retentionEnds, type KnownRecord } from './record-retention.js';

/** The band above and how many points are still missing to reach it. */
export interface NextBand {
  readonly band: RatingBand;
  readonly points: number;
}

/** When an adverse reason stops weighing: how its points fade, and the day its last record stops counting. */
export interface Fading {
  readonly reasonText: LocalisedText;
  readonly points: number;
  readonly decay: 'none' | 'half_life' | 'linear';
  /** For half-life decay: the days over which the points halve. */
  readonly halfLifeDays?: number;
  /** When the last of its records stops counting (RFC 3339); absent while an obligation is outstanding. */
  readonly stopsCountingAt?: string;
  /** An obligation is outstanding: the records count until it is met, then for `yearsAfter` more years. */
  readonly outstanding?: { readonly yearsAfter: number };
}

/** How an open entry ends early (a record of one of `removedBy`, carrying `matchKey`), or on `until`. */
export interface ListingExit {
  readonly entryId: string;
  readonly listCode: string;
  readonly removedBy: readonly string[];
  readonly matchKey: string | null;
  readonly until: string;
}

/** What a subject can do about its rating, from the rulebook, its records and its entries. */
export interface NextSteps {
  /** Undefined at the top band, and while a ceiling holds the band where it is. */
  readonly nextBand?: NextBand;
  readonly fading: readonly Fading[];
  readonly listings: readonly ListingExit[];
}

export interface NextStepsInput {
  readonly assessment: Assessment;
  readonly rulebook: Rulebook;
  readonly records: readonly StoredRecord[];
  readonly entries: readonly ListEntry[];
  readonly recordType: (code: string) => RecordType | undefined;
  readonly list: (code: string) => EnforcementList | undefined;
}

/**
 * The steps computed for the "what you can do" section: the distance to the next band, when
 * each adverse reason fades, and which act takes the subject off each list it is on (or about
 * to be on: an entry in its notice period).
 */
export function nextSteps(input: NextStepsInput): NextSteps {
  const { assessment, rulebook } = input;
  const rank = rulebook.bands.findIndex((band) => band.code === assessment.band.code);
  const above = rank > 0 ? rulebook.bands[rank - 1] : undefined;
  const capped = assessment.ceiling !== undefined && assessment.ceiling.band.code === assessment.band.code;
  return {
    ...(above && !capped && { nextBand: { band: above, points: Math.ceil(above.min) - assessment.score } }),
    fading: fadingOf(input),
    listings: exitsOf(input),
  };
}

function fadingOf(input: NextStepsInput): Fading[] {
  const { assessment, rulebook, recordType } = input;
  const asOfMs = Date.parse(assessment.asOf);
  const known: KnownRecord[] = input.records.flatMap((record) => {
    const current = record.versions.filter((v) => v.recordedAt <= assessment.knownAt).at(-1);
    return current ? [{ record, current }] : [];
  });
  const retentionEnd = retentionEnds(known, recordType, asOfMs);
  return assessment.adverse.map((factor) => {
    const rule = rulebook.rules.find((r) => r.id === factor.ruleId);
    const decay = !rule?.decay ? 'none' : 'halfLifeDays' in rule.decay ? 'half_life' : 'linear';
    const ends = factor.recordIds.map((id) => {
      const entry = known.find((k) => k.record.id === id);
      return entry && { end: retentionEnd(entry), type: recordType(entry.record.type) };
    });
    const open = ends.find((e) => e && e.end === undefined);
    const last = Math.max(...ends.map((e) => e?.end ?? 0));
    return {
      reasonText: factor.reasonText,
      points: factor.points,
      decay,
      ...(rule?.decay && 'halfLifeDays' in rule.decay && { halfLifeDays: rule.decay.halfLifeDays }),
      ...(open
        ? { outstanding: { yearsAfter: open.type?.retention.years ?? 0 } }
        : last > 0 && { stopsCountingAt: new Date(last).toISOString() }),
    };
  });
}

function exitsOf(input: NextStepsInput): ListingExit[] {
  const { asOf } = input.assessment;
  return input.entries
    .filter((entry) => ['pending', 'active', 'suspended'].includes(listEntryStatus(entry, asOf)))
    .map((entry) => ({
      entryId: entry.id,
      listCode: entry.listCode,
      removedBy: input.list(entry.listCode)?.removedBy ?? [],
      matchKey: entry.matchKey,
      until: entry.until,
    }));
}
