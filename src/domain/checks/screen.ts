import type { LegalBasis, LocalisedText } from '../catalog/pack.js';
import { listEntryStatus } from '../lists/list-entry.js';
import type { ListRestrictions } from './list-restrictions.js';

/**
 * A list entry as the screening index holds it: times as epoch milliseconds, so that a
 * million of them stay small and compare fast.
 */
export interface IndexedEntry {
  readonly id: string;
  readonly listCode: string;
  readonly activeFrom: number;
  readonly until: number;
  /** When it was removed, or null. */
  readonly removedAt: number | null;
}

/** One restriction that forbids the action, and the entry that carries it. */
export interface RestrictionHit {
  readonly code: string;
  readonly title: LocalisedText;
  readonly list: string;
  readonly entryId: string;
  readonly legalBasis: LegalBasis;
  readonly since: string;
  readonly until: string;
}

export interface Screening {
  readonly decision: 'allow' | 'deny';
  /** Empty for an allow: it reveals nothing else. */
  readonly restrictions: readonly RestrictionHit[];
}

const ALLOW: Screening = { decision: 'allow', restrictions: [] };

/** When an open dispute suspended an entry (epoch ms), or undefined: most entries are never disputed. */
export type SuspendedSince = (entryId: string) => number | undefined;

const NEVER_SUSPENDED: SuspendedSince = () => undefined;

/**
 * May the subject do the action at `atMs`? Denied only by an entry in force then (past
 * its notice, within its term, not removed, not suspended by an open dispute the list
 * lets suspend it) on a list whose restrictions forbid the action. State comes from the
 * entries' times: expiry needs no job to have run.
 */
export function screen(
  entries: readonly IndexedEntry[] | undefined,
  action: string,
  atMs: number,
  restrictions: ListRestrictions,
  suspendedSince: SuspendedSince = NEVER_SUSPENDED,
): Screening {
  if (!entries) return ALLOW;
  const hits: RestrictionHit[] = [];
  for (const entry of entries) {
    const since = suspendedSince(entry.id);
    if (listEntryStatus(entry, atMs, since !== undefined && since <= atMs) !== 'active') continue;
    for (const restriction of restrictions.forbidding(entry.listCode, action)) {
      hits.push({
        code: restriction.code,
        title: restriction.title,
        list: entry.listCode,
        entryId: entry.id,
        legalBasis: restriction.legalBasis,
        since: new Date(entry.activeFrom).toISOString(),
        until: new Date(entry.until).toISOString(),
      });
    }
  }
  return hits.length === 0 ? ALLOW : { decision: 'deny', restrictions: hits };
}
