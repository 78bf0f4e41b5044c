import type { BandCeiling, LocalisedText, RatingBand, RecordType, RuleDecay } from '../catalog/pack.js';
import { listEntryStatus, type ListEntry } from '../lists/list-entry.js';
import type { RecordVersion, StoredRecord } from '../records/record.js';
import type { CompiledRulebook, CompiledRule } from './compiled-rulebook.js';
import { retentionEnds, type KnownRecord } from './record-retention.js';

/** A rule's share of the score, with the records behind it. */
export interface Factor {
  readonly ruleId: string;
  readonly reasonCode: string;
  readonly reasonText: LocalisedText;
  /** After decay and the rule's cap, rounded to hundredths. */
  readonly points: number;
  readonly recordIds: readonly string[];
}

/**
 * A band ceiling in force: an entry on a list the rulebook names holds the band (and the
 * score, to the top of that band) down, whatever the records add up to. It is the first
 * reason the subject reads.
 */
export interface Ceiling {
  readonly listCode: string;
  readonly band: RatingBand;
  readonly reasonCode: string;
  readonly reasonText: LocalisedText;
  /** What the ceiling took off the score: negative, or 0 when the records already put it lower. */
  readonly points: number;
  /** The entries in force on the list, and the records that put the subject there. */
  readonly entryIds: readonly string[];
  readonly recordIds: readonly string[];
}

export type ExclusionReason = 'not_yet_effective' | 'expired' | 'withdrawn' | 'superseded' | 'suspended' | 'rule_error';

export interface Exclusion {
  readonly recordId: string;
  /** The version excluded (a superseded one), when not the record's current version. */
  readonly version?: number;
  readonly reason: ExclusionReason;
  readonly detail?: string;
}

export interface Assessment {
  readonly score: number;
  readonly band: RatingBand;
  readonly rulebookId: string;
  readonly rulebookCode: string;
  readonly rulebookVersion: string;
  /** Valid time: the date the rating describes. */
  readonly asOf: string;
  /** Recorded time: only versions recorded by then were used. */
  readonly knownAt: string;
  /** The four factors that lowered the score most, largest first. */
  readonly adverse: readonly Factor[];
  /** The four factors that raised it most, largest first. */
  readonly positive: readonly Factor[];
  readonly excluded: readonly Exclusion[];
  /** The lowest band ceiling in force, if any. */
  readonly ceiling?: Ceiling;
}

export interface AssessmentInput {
  readonly rulebook: CompiledRulebook;
  readonly recordType: (code: string) => RecordType | undefined;
  /** The subject's records with their whole history; versions recorded after knownAt are ignored. */
  readonly records: readonly StoredRecord[];
  readonly asOf: string;
  readonly knownAt: string;
  /** Ids of the records a dispute suspends (domain/disputes: suspendsAt); each is excluded as `suspended`. */
  readonly suspended?: ReadonlySet<string>;
  /** The subject's list entries, for the rulebook's band ceilings; those recorded after knownAt are ignored. */
  readonly entries?: readonly ListEntry[];
  /** Ids of the entries a dispute suspends (domain/disputes: suspendedEntries): no ceiling from them. */
  readonly suspendedEntries?: ReadonlySet<string>;
}

const DAY_MS = 86_400_000;
const TOP = 4;

/**
 * Rates one subject under a rulebook, bitemporally: each record as its latest version
 * recorded by `knownAt` says, counted if in effect and retained at `asOf`, its rules'
 * points decayed by its age then, each rule's total capped, the sum clamped to the range.
 */
export function assess(input: AssessmentInput): Assessment {
  const { rulebook: compiled, asOf, knownAt } = input;
  const { rulebook } = compiled;
  const asOfMs = Date.parse(asOf);
  const excluded: Exclusion[] = [];
  const totals = new Map<CompiledRule, { points: number; recordIds: string[] }>();

  const known: KnownRecord[] = [];
  for (const record of input.records) {
    const versions = record.versions.filter((v) => v.recordedAt <= knownAt);
    const current = versions.at(-1);
    if (!current) continue; // not yet recorded at knownAt: an investigator could not have seen it
    for (const old of versions.slice(0, -1)) {
      if (current.action === 'corrected' && old.action !== 'withdrawn')
        excluded.push({ recordId: record.id, version: old.version, reason: 'superseded' });
    }
    known.push({ record, current });
  }
  const retentionEnd = retentionEnds(known, input.recordType, asOfMs);

  for (const { record, current } of known) {
    const retention = retentionEnd({ record, current });
    const exclusion = exclusionOf(record, current, input, asOfMs, retention);
    if (exclusion) {
      excluded.push(exclusion);
      continue;
    }
    const ageDays = Math.max(0, (asOfMs - Date.parse(current.effectiveAt)) / DAY_MS);
    const ruleInput = {
      type: record.type,
      payload: current.payload,
      ageDays,
      status: current.action === 'corrected' ? 'corrected' : 'active',
    };
    for (const rule of compiled.rulesFor(record.type)) {
      const applies = rule.applies(ruleInput);
      const points = applies.ok && applies.value ? rule.points(ruleInput) : undefined;
      const failure = !applies.ok ? applies.error : points && !points.ok ? points.error : undefined;
      if (failure !== undefined) {
        excluded.push({ recordId: record.id, reason: 'rule_error', detail: `rule ${rule.rule.id}: ${failure}` });
        continue;
      }
      if (!points?.ok) continue;
      const retentionDays =
        retention === undefined ? undefined : (retention - Date.parse(current.effectiveAt)) / DAY_MS;
      const decayed = points.value * decayFactor(rule.rule.decay, ageDays, retentionDays);
      const total = totals.get(rule) ?? { points: 0, recordIds: [] };
      total.points += decayed;
      total.recordIds.push(record.id);
      totals.set(rule, total);
    }
  }

  const factors: Factor[] = [...totals].map(([rule, total]) => ({
    ruleId: rule.rule.id,
    reasonCode: rule.rule.reason.code,
    reasonText: rule.rule.reason.text,
    points: round2(capped(total.points, rule.rule.cap)),
    recordIds: total.recordIds,
  }));
  const raw = rulebook.baseScore + factors.reduce((sum, f) => sum + f.points, 0);
  const uncapped = Math.round(Math.min(rulebook.range.max, Math.max(rulebook.range.min, raw)));
  const ceiling = ceilingInForce(input, uncapped);
  const score = uncapped + (ceiling?.points ?? 0);
  return {
    ...(ceiling && { ceiling }),
    score,
    band: rulebook.bands.find((band) => score >= band.min) ?? rulebook.bands.at(-1)!,
    rulebookId: compiled.id,
    rulebookCode: rulebook.code,
    rulebookVersion: rulebook.version,
    asOf,
    knownAt,
    adverse: factors
      .filter((f) => f.points < 0)
      .sort((a, b) => a.points - b.points)
      .slice(0, TOP),
    positive: factors
      .filter((f) => f.points > 0)
      .sort((a, b) => b.points - a.points)
      .slice(0, TOP),
    excluded,
  };
}

/** The ceiling with the lowest band among the lists the subject is on at asOf (as known at knownAt). */
function ceilingInForce(input: AssessmentInput, uncapped: number): Ceiling | undefined {
  const { rulebook } = input.rulebook;
  const inForce = (input.entries ?? []).filter(
    (entry) =>
      entry.recordedAt <= input.knownAt &&
      listEntryStatus(entry, input.asOf, input.suspendedEntries?.has(entry.id)) === 'active',
  );
  let lowest: { ceiling: BandCeiling; rank: number } | undefined;
  for (const ceiling of rulebook.ceilings ?? []) {
    const rank = rulebook.bands.findIndex((band) => band.code === ceiling.band);
    if (rank > (lowest?.rank ?? -1) && inForce.some((entry) => entry.listCode === ceiling.list))
      lowest = { ceiling, rank };
  }
  if (!lowest) return undefined;
  const { ceiling, rank } = lowest;
  const above = rulebook.bands[rank - 1];
  const top = above ? Math.ceil(above.min) - 1 : rulebook.range.max;
  const entries = inForce.filter((entry) => entry.listCode === ceiling.list);
  return {
    listCode: ceiling.list,
    band: rulebook.bands[rank]!,
    reasonCode: ceiling.reason.code,
    reasonText: ceiling.reason.text,
    points: Math.min(0, top - uncapped),
    entryIds: entries.map((entry) => entry.id),
    recordIds: entries.map((entry) => entry.basisRecordId),
  };
}

function exclusionOf(
  record: StoredRecord,
  current: RecordVersion,
  input: AssessmentInput,
  asOfMs: number,
  retentionEnd: number | undefined,
): Exclusion | undefined {
  if (current.action === 'withdrawn') return { recordId: record.id, reason: 'withdrawn' };
  if (input.suspended?.has(record.id)) return { recordId: record.id, reason: 'suspended' };
  if (Date.parse(current.effectiveAt) > asOfMs) return { recordId: record.id, reason: 'not_yet_effective' };
  if (retentionEnd !== undefined && retentionEnd <= asOfMs) return { recordId: record.id, reason: 'expired' };
  return undefined;
}

/** Without a retention end (an obligation still outstanding) linear decay does not start. */
function decayFactor(decay: RuleDecay | undefined, ageDays: number, retention: number | undefined): number {
  if (!decay) return 1;
  if ('halfLifeDays' in decay) return 0.5 ** (ageDays / decay.halfLifeDays);
  return retention === undefined ? 1 : Math.max(0, 1 - ageDays / retention);
}

function capped(points: number, cap: number | undefined): number {
  return cap === undefined ? points : Math.sign(points) * Math.min(Math.abs(points), cap);
}

const round2 = (n: number): number => Math.round(n * 100) / 100;
