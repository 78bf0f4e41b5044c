import { LIST_ENTRY_CHANGE_KINDS } from '../domain/audit/audit-entry.js';
import type { Dispute } from '../domain/disputes/dispute.js';
import type { ListEntry } from '../domain/lists/list-entry.js';
import type { StoredRecord } from '../domain/records/record.js';
import type { Store, Subject, SubjectListings } from '../store/store.js';
import type { FeedEvent } from '../domain/feed/feed-event.js';
import type { MaterialisedRating } from '../domain/rulebooks/materialised-rating.js';
import type { RecordStore } from '../store/record-store.js';
import type { RatingStore } from '../store/rating-store.js';
import type { FeedStore } from '../store/feed-store.js';
import type { DisputeStore } from '../store/dispute-store.js';
import type { ListStore } from '../store/list-store.js';
import type { Assessments } from './assessments.js';
import type { Clock } from './clock.js';

/** How far a full recompute has gone. */
export interface RecomputeProgress {
  readonly done: number;
  readonly total: number;
  readonly bandChanges: number;
}

/**
 * Events per round of the follower. A round rates its subjects and saves them in one go,
 * holding the event loop (and, on SQLite, the write lock) meanwhile: small rounds with a turn
 * of the event loop between them keep checks answered in milliseconds while a bulk load
 * arrives, where large rounds held single checks for seconds.
 */
const EVENTS_PER_ROUND = 250;
const SUBJECTS_PER_PAGE = 2_000;
/**
 * Events after which a subject's rating may differ: its records changed, a dispute took one out or put
 * it back, or one of its list entries changed (band ceilings).
 */
const RATED_EVENTS: ReadonlySet<FeedEvent['type']> = new Set([
  'record.accepted',
  'record.corrected',
  'record.withdrawn',
  'dispute.filed',
  'dispute.answered',
  'dispute.decided',
  'dispute.lapsed',
  // A list entry starting, ending or being removed moves the rulebook's band ceilings.
  ...LIST_ENTRY_CHANGE_KINDS,
]);

/**
 * Keeps the materialised ratings current. The follower reads the change feed after the
 * rating cursor and reassesses the subjects whose records changed; a full recompute
 * (after a new rulebook) reassesses everyone. Each save announces band changes on the feed.
 */
export class Ratings {
  constructor(
    private readonly deps: {
      readonly store: DisputeStore & FeedStore & ListStore & RatingStore & RecordStore & Pick<Store, 'counts'>;
      readonly assessments: Assessments;
      readonly clock: Clock;
    },
  ) {}

  /**
   * Reassesses the subjects of the record events not yet followed, at most `maxRounds`
   * pages of events (a server bounds each run so that it can stop promptly behind a
   * backlog); resolves with how many subjects were reassessed.
   */
  async catchUp(maxRounds = Infinity): Promise<number> {
    const { store } = this.deps;
    let reassessed = 0;
    for (let round = 0; round < maxRounds; round++) {
      const from = await store.ratingCursor();
      const events = await store.feed(from, EVENTS_PER_ROUND);
      if (events.length === 0) return reassessed;
      const to = events.at(-1)!.seq;
      const subjectIds = [...new Set(events.filter((e) => RATED_EVENTS.has(e.type)).map((e) => e.subjectId))];
      // Records are read after the events, so they reflect at least position `to`.
      const [records, disputes, listings] = await Promise.all([
        Promise.all(subjectIds.map((id) => store.subjectRecords(id))),
        store.disputesOf(subjectIds),
        store.listingsOf(subjectIds),
      ]);
      const entries = entriesBySubject(listings);
      const ratings = records.flatMap((list) => this.rate(subjectOf(list), list, { disputes, entries }, to));
      // undefined: another node followed these events first; go on from where it got to.
      if ((await store.saveRatings(ratings, { from, to })) !== undefined) reassessed += ratings.length;
      await new Promise((resolve) => setImmediate(resolve));
    }
    return reassessed;
  }

  /** Reassesses every subject under the rulebooks in effect now, page by page. */
  async recomputeAll(onProgress?: (progress: RecomputeProgress) => void): Promise<RecomputeProgress> {
    const { store } = this.deps;
    // Read before the scan: every record event up to here is reflected by what the scan reads.
    const { subjects: total, feedSeq } = await store.counts();
    let progress: RecomputeProgress = { done: 0, total, bandChanges: 0 };
    for (let after: string | undefined; ;) {
      const page = await store.subjectsWithRecords({ after, limit: SUBJECTS_PER_PAGE });
      if (page.length === 0) break;
      const ids = page.map(({ subject }) => subject.id);
      const [disputes, listings] = await Promise.all([store.disputesOf(ids), store.listingsOf(ids)]);
      const ratings = page.flatMap(({ subject, records }) =>
        this.rate(subject, records, { disputes, entries: entriesBySubject(listings) }, feedSeq),
      );
      const bandChanges = (await store.saveRatings(ratings)) ?? 0;
      progress = {
        done: progress.done + page.length,
        total: Math.max(total, progress.done + page.length),
        bandChanges: progress.bandChanges + bandChanges,
      };
      onProgress?.(progress);
      after = page.at(-1)!.subject.id;
    }
    await this.skipFollowedTo(feedSeq);
    return progress;
  }

  /** The rating of a subject from its records, or none when the pack does not rate its kind. */
  private rate(
    subject: Subject | undefined,
    records: readonly StoredRecord[],
    read: { readonly disputes: readonly Dispute[]; readonly entries: ReadonlyMap<string, readonly ListEntry[]> },
    feedSeq: number,
  ): MaterialisedRating[] {
    const assessment =
      subject &&
      this.deps.assessments.current(subject, {
        records,
        disputes: read.disputes.filter((d) => d.subjectId === subject.id),
        entries: read.entries.get(subject.id),
      });
    if (!subject || !assessment) return [];
    return [
      {
        subjectId: subject.id,
        rulebookId: assessment.rulebookId,
        score: assessment.score,
        band: assessment.band.code,
        assessedAt: assessment.asOf,
        feedSeq,
      },
    ];
  }

  /** Moves the follower past events a full recompute has covered, unless it is already further. */
  private async skipFollowedTo(feedSeq: number): Promise<void> {
    for (;;) {
      const from = await this.deps.store.ratingCursor();
      if (from >= feedSeq) return;
      if ((await this.deps.store.saveRatings([], { from, to: feedSeq })) !== undefined) return;
    }
  }
}

/** The list entries of each subject read, by subject id: a page rates thousands of subjects. */
export function entriesBySubject(listings: readonly SubjectListings[]): Map<string, readonly ListEntry[]> {
  return new Map(listings.map((listing) => [listing.subjectId, listing.entries]));
}

function subjectOf(records: readonly StoredRecord[]): Subject | undefined {
  const first = records[0];
  return first && { id: first.subjectId, kind: first.subjectKind };
}
