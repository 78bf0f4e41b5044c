import { EntryTable, type TableSubject } from '../domain/checks/entry-table.js';
import type { IndexedEntry } from '../domain/checks/screen.js';
import type { ListEntry } from '../domain/lists/list-entry.js';
import type { Dispute } from '../domain/disputes/dispute.js';
import type { SubjectListings } from '../store/store.js';
import type { ListStore } from '../store/list-store.js';
import type { FeedStore } from '../store/feed-store.js';
import type { DisputeStore } from '../store/dispute-store.js';
import type { Clock } from './clock.js';

const PAGE = 5_000;
const EVENTS_PER_ROUND = 10_000;
/** Undecided disputes read at start; far more than a registry has open at once. */
const MAX_UNDECIDED = 1_000_000;

/**
 * The in-memory index screening answers from: every subject with an open list entry
 * (pending or in force), under each of its identifiers. Built from the store at start
 * and kept current by following the change feed, so a listing or removal committed by
 * any process shows in this one's answers as soon as `follow` has run. Subjects without
 * entries are not held: most checks are answered by one failed map lookup.
 */
export class ScreeningIndex {
  /** One table per identifier scheme, keyed by the identifier's value. */
  private readonly tables = new Map<string, EntryTable>();
  /** Entries an undecided dispute suspends (their list allows it), and since when (epoch ms). */
  private readonly suspensions = new Map<string, number>();
  private seq = 0;
  private loaded = false;
  private markLoaded!: () => void;
  private readonly loading = new Promise<void>((resolve) => (this.markLoaded = resolve));

  constructor(
    private readonly deps: {
      readonly store: DisputeStore & FeedStore & ListStore;
      readonly clock: Clock;
    },
  ) {}

  /** See SuspendedSince: screening asks it for each entry of a listed subject. */
  readonly suspendedSince = (entryId: string): number | undefined => this.suspensions.get(entryId);

  /** The feed position the index reflects. */
  get sequence(): number {
    return this.seq;
  }

  /** How many identifiers the index holds. */
  get size(): number {
    let size = 0;
    for (const table of this.tables.values()) size += table.size;
    return size;
  }

  /** Whether `load` has finished: before that, an absent subject proves nothing. */
  get ready(): boolean {
    return this.loaded;
  }

  /** Resolves once `load` has finished (a server loads in the background: a large index takes a while). */
  whenReady(): Promise<void> {
    return this.loading;
  }

  /** Loads the index if it is not loaded yet, else applies the feed since (the server's periodic task). */
  async refresh(signal?: AbortSignal): Promise<void> {
    if (this.loaded) await this.follow();
    else await this.load(signal);
  }

  lookup(scheme: string, value: string): TableSubject | undefined {
    return this.tables.get(scheme)?.get(value);
  }

  /**
   * Loads every subject with open entries. Events after the position read first are applied by
   * `follow`. An aborted `signal` (the server closing) stops it between pages, unloaded: a
   * million entries take a quarter of a minute, which a shutdown should not wait for.
   */
  async load(signal?: AbortSignal): Promise<void> {
    const { store, clock } = this.deps;
    this.seq = await store.feedHead();
    const at = clock.now().toISOString();
    for (let after: string | undefined; ;) {
      if (signal?.aborted) return;
      const page = await store.openListingsPage({ after, at, limit: PAGE });
      if (page.length === 0) break;
      for (const listings of page) this.put(listings);
      after = page.at(-1)!.subjectId;
    }
    this.suspend(await store.undecidedDisputes(undefined, MAX_UNDECIDED));
    this.loaded = true;
    this.markLoaded();
  }

  /** Applies the list-entry events after the index's position; resolves with how many subjects were refreshed. */
  async follow(): Promise<number> {
    const { store, clock } = this.deps;
    let refreshed = 0;
    for (;;) {
      const events = await store.feed(this.seq, EVENTS_PER_ROUND);
      if (events.length === 0) return refreshed;
      const subjectIds = [...new Set(events.filter((e) => e.type.startsWith('list_entry.')).map((e) => e.subjectId))];
      // Read after the events, so the state is at least as new as the last of them.
      for (const listings of await store.listingsOf(subjectIds, clock.now().toISOString())) this.put(listings);
      const disputed = [...new Set(events.filter((e) => e.type.startsWith('dispute.')).map((e) => e.subjectId))];
      if (disputed.length > 0) this.suspend(await store.disputesOf(disputed));
      refreshed += subjectIds.length;
      this.seq = events.at(-1)!.seq;
    }
  }

  /** Notes which entries these disputes suspend now: undecided, on a list that lets a dispute suspend. */
  private suspend(disputes: readonly Dispute[]): void {
    for (const dispute of disputes) {
      if (dispute.target.kind !== 'list_entry') continue;
      // `suspends` was fixed at filing from the list's own setting.
      if (dispute.suspends && dispute.decision === null)
        this.suspensions.set(dispute.target.entryId, Date.parse(dispute.filedAt));
      else this.suspensions.delete(dispute.target.entryId);
    }
  }

  private put(listings: SubjectListings): void {
    const entries = listings.entries.map(indexedEntry);
    for (const { scheme, value } of listings.identifiers) {
      let table = this.tables.get(scheme);
      if (!table) this.tables.set(scheme, (table = new EntryTable()));
      table.set(value, listings.subjectId, entries);
    }
  }
}

function indexedEntry(entry: ListEntry): IndexedEntry {
  return {
    id: entry.id,
    listCode: entry.listCode,
    activeFrom: Date.parse(entry.activeFrom),
    until: Date.parse(entry.until),
    removedAt: entry.removedAt === null ? null : Date.parse(entry.removedAt),
  };
}
