import type { ListEntryChangeKind } from '../audit/audit-entry.js';

/** One event of the ordered, gap-free change feed; later parts (audit, screening) consume it. */
export interface FeedEvent {
  readonly seq: number;
  readonly type: FeedEventType;
  readonly subjectId: string;
  readonly recordId: string | null;
  readonly recordedAt: string;
  /** What a rating.band_changed or list_entry.* event says. */
  readonly detail?: FeedDetail;
}

export type FeedEventType =
  | 'subject.created'
  | 'record.accepted'
  | 'record.corrected'
  | 'record.withdrawn'
  | 'rating.band_changed'
  | 'dispute.filed'
  | 'dispute.answered'
  | 'dispute.decided'
  | 'dispute.lapsed'
  | 'correction.issued'
  | ListEntryChangeKind;

export type FeedDetail = BandChange | ListEntryChange | CorrectionNotice;

/**
 * A correction for the relying parties that screened the subject before it: a dispute
 * withdrew or corrected a record, removed an entry, or lapsed (the record stopped counting).
 */
export interface CorrectionNotice {
  readonly disputeId: string;
  readonly change: 'withdrawn' | 'corrected' | 'lapsed';
  /** Each relying party that screened the subject in the reach window, with its check ids. */
  readonly relyingParties: Readonly<Record<string, readonly string[]>>;
}

/** Which entry of which list a list_entry.* event is about (the record it names caused it). */
export interface ListEntryChange {
  readonly entryId: string;
  readonly listCode: string;
}

export interface BandChange {
  /** null for a subject's first rating. */
  readonly from: string | null;
  readonly to: string;
  readonly score: number;
  readonly rulebookId: string;
}

/** A change-feed event before it has its sequence number. */
export interface NewFeedEvent {
  readonly type: FeedEventType;
  readonly subjectId: string;
  readonly recordId: string | null;
  readonly recordedAt: string;
  readonly detail?: FeedDetail;
}
