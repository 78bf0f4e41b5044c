/**
 * One subject on one list, from one basis record. Its state at any time follows from
 * these timestamps alone, so time passing needs no job to be correct: a pending entry
 * becomes active when its notice ends, an active one expires when its term ends.
 */
export interface ListEntry {
  readonly id: string;
  readonly listCode: string;
  /** The subject named in the basis record, and only that subject: nothing propagates. */
  readonly subjectId: string;
  readonly basisRecordId: string;
  /** When the basis decision took effect: the notice period starts. */
  readonly listedAt: string;
  /** When the notice period ends and the restrictions apply. */
  readonly activeFrom: string;
  /** When the term ends. */
  readonly until: string;
  /** The value of the list's match field (the case number) that a removing record must carry. */
  readonly matchKey: string | null;
  readonly recordedAt: string;
  /** When a removing record (or the basis record's withdrawal) took effect; null while none has. */
  readonly removedAt: string | null;
  /** The removing record, or the withdrawn basis record. */
  readonly removedBy: string | null;
}

export type ListEntryStatus = 'pending' | 'active' | 'suspended' | 'removed' | 'expired';

/**
 * An entry's times, as the store keeps them (RFC 3339 UTC strings, which compare as strings) or
 * as epoch milliseconds (the screening index).
 */
export interface EntryTimes<T extends string | number> {
  readonly activeFrom: T;
  readonly until: T;
  readonly removedAt: T | null;
}

/**
 * The entry's state at `at`, the one rule both the store's entries and the screening
 * index follow. `suspended`: an open dispute that the list lets suspend it.
 */
export function listEntryStatus<T extends string | number>(
  entry: EntryTimes<T>,
  at: T,
  suspended = false,
): ListEntryStatus {
  if (entry.removedAt !== null && entry.removedAt <= at) return 'removed';
  if (entry.until <= at) return 'expired';
  if (at < entry.activeFrom) return 'pending';
  return suspended ? 'suspended' : 'active';
}
