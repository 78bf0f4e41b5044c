import { objectHash, type AuditDraft, type ListEntryChangeKind } from '../domain/audit/audit-entry.js';
import type { Catalog } from '../domain/catalog/catalog.js';
import type { RelyingParty } from '../domain/catalog/pack.js';
import type { ListRestrictions } from '../domain/checks/list-restrictions.js';
import type { ListEntry } from '../domain/lists/list-entry.js';
import { ProbityError } from '../errors.js';
import type { CorrectionNotice, FeedEvent, ListEntryChange } from '../domain/feed/feed-event.js';

import type { ListStore } from '../store/list-store.js';
import type { FeedStore } from '../store/feed-store.js';
import type { AuditLog } from './audit-log.js';

/** What a relying party's feed carries: list-entry events for its mirror, and corrections of answers it received. */
export type FeedItem = MirrorEvent | CorrectionEvent;

/**
 * A correction for a relying party that screened the subject in the last 180 days: a
 * dispute withdrew or corrected a record, or lapsed (the record no longer counts). It
 * names the checks the party made, so it can revisit what it decided on them.
 */
export interface CorrectionEvent {
  readonly seq: number;
  readonly type: 'correction';
  readonly recordedAt: string;
  readonly change: CorrectionNotice['change'];
  readonly disputeId: string;
  readonly identifiers: readonly { readonly scheme: string; readonly value: string }[];
  readonly checkIds: readonly string[];
}

/** A list-entry event's kind as a mirror sees it: the feed's kind without its `list_entry.` prefix. */
export type MirrorEventType = ListEntryChangeKind extends `list_entry.${infer Kind}` ? Kind : never;
const MIRROR_TYPES: Readonly<Record<ListEntryChangeKind, MirrorEventType>> = {
  'list_entry.listed': 'listed',
  'list_entry.removed': 'removed',
  'list_entry.reinstated': 'reinstated',
  'list_entry.corrected': 'corrected',
  'list_entry.activated': 'activated',
  'list_entry.expired': 'expired',
};

/** One list-entry event as a relying party's mirror needs it. */
export interface MirrorEvent {
  readonly seq: number;
  readonly type: MirrorEventType;
  readonly recordedAt: string;
  readonly entryId: string;
  readonly list: string;
  /** Every identifier of the subject the entry names (only that subject: nothing propagates). */
  readonly identifiers: readonly { readonly scheme: string; readonly value: string }[];
  /** The entry as it stands now: it restricts from activeFrom until `until`, unless removed. */
  readonly activeFrom: string;
  readonly until: string;
  readonly removedAt: string | null;
  /** The actions of this relying party that the entry's list forbids. */
  readonly actions: readonly string[];
}

export interface MirrorPage {
  readonly events: readonly FeedItem[];
  /** Pass as `after` for the next page (it moves on even when nothing was for this caller). */
  readonly next: number;
}

const SCAN_PAGES = 10;
const POLL_MS = 100;

/**
 * The change feed for relying parties: the list-entry events of the lists they may see
 * (published to relying parties or the public, carrying a restriction on an action they
 * are registered for), so an airline can keep a local mirror. Every event delivered is a
 * read of personal data and is logged under its subject.
 */
export class RelyingPartyFeed {
  constructor(
    private readonly deps: {
      readonly store: FeedStore & ListStore;
      readonly catalog: Catalog;
      readonly audit: AuditLog;
      readonly restrictions: ListRestrictions;
    },
  ) {}

  /** Events after `after`, at most `limit`; with `waitMs`, waits that long for the first one (long poll). */
  async page(relyingParty: string, after: number, limit: number, waitMs = 0): Promise<MirrorPage> {
    const party = this.deps.catalog.relyingParty(relyingParty);
    if (!party) throw new ProbityError('forbidden', `no relying party "${relyingParty}" in the pack`);
    const visible = this.visibleLists(party);
    const deadline = Date.now() + waitMs;
    for (let from = after; ;) {
      const { events, next } = await this.scan(relyingParty, visible, from, limit);
      if (events.length > 0) return { events: await this.feedItems(relyingParty, visible, events), next };
      if (Date.now() >= deadline) return { events: [], next };
      if (next === from) await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, deadline - Date.now())));
      from = next;
    }
  }

  /** For each list the party may see, the party's actions it forbids. */
  private visibleLists(party: RelyingParty): Map<string, string[]> {
    const visible = new Map<string, string[]>();
    for (const list of this.deps.catalog.pack.lists) {
      if (list.publication === 'subject_only') continue;
      const actions = party.actions.filter((action) => this.deps.restrictions.forbidding(list.code, action).length > 0);
      if (actions.length > 0) visible.set(list.code, actions);
    }
    return visible;
  }

  /** Reads a few pages of the feed for events the party may see. */
  private async scan(
    relyingParty: string,
    visible: ReadonlyMap<string, string[]>,
    after: number,
    limit: number,
  ): Promise<{ events: FeedEvent[]; next: number }> {
    let next = after;
    const found: FeedEvent[] = [];
    for (let page = 0; page < SCAN_PAGES && found.length === 0; page++) {
      const events = await this.deps.store.feed(next, limit);
      if (events.length === 0) break;
      for (const event of events) {
        if (found.length === limit) break;
        next = event.seq;
        if (event.type.startsWith('list_entry.') && visible.has((event.detail as ListEntryChange).listCode))
          found.push(event);
        else if (event.type === 'correction.issued' && (event.detail as CorrectionNotice).relyingParties[relyingParty])
          found.push(event);
      }
    }
    return { events: found, next };
  }

  private async feedItems(
    relyingParty: string,
    visible: ReadonlyMap<string, string[]>,
    events: readonly FeedEvent[],
  ): Promise<FeedItem[]> {
    const subjects = await this.deps.store.listingsOf([...new Set(events.map((e) => e.subjectId))]);
    const entries = new Map<string, { entry: ListEntry; identifiers: MirrorEvent['identifiers'] }>();
    const identifiersOf = new Map(subjects.map((s) => [s.subjectId, s.identifiers]));
    for (const s of subjects)
      for (const entry of s.entries) entries.set(entry.id, { entry, identifiers: s.identifiers });
    const mirror: FeedItem[] = [];
    const drafts: Omit<AuditDraft, 'time'>[] = [];
    for (const event of events) {
      if (event.type === 'correction.issued') {
        const notice = event.detail as CorrectionNotice;
        const view: CorrectionEvent = {
          seq: event.seq,
          type: 'correction',
          recordedAt: event.recordedAt,
          change: notice.change,
          disputeId: notice.disputeId,
          identifiers: identifiersOf.get(event.subjectId) ?? [],
          checkIds: notice.relyingParties[relyingParty] ?? [],
        };
        mirror.push(view);
        drafts.push({
          actor: { kind: 'relying_party', id: relyingParty },
          action: 'feed.read',
          subject: event.subjectId,
          object: { kind: 'dispute', id: notice.disputeId },
          objectHash: objectHash(view),
        });
        continue;
      }
      const found = entries.get((event.detail as ListEntryChange).entryId);
      if (!found) continue;
      const { entry, identifiers } = found;
      const view: MirrorEvent = {
        seq: event.seq,
        type: MIRROR_TYPES[event.type as ListEntryChangeKind],
        recordedAt: event.recordedAt,
        entryId: entry.id,
        list: entry.listCode,
        identifiers,
        activeFrom: entry.activeFrom,
        until: entry.until,
        removedAt: entry.removedAt,
        actions: visible.get(entry.listCode) ?? [],
      };
      mirror.push(view);
      drafts.push({
        actor: { kind: 'relying_party', id: relyingParty },
        action: 'feed.read',
        subject: entry.subjectId,
        object: { kind: 'list_entry', id: entry.id },
        objectHash: objectHash(view),
      });
    }
    await Promise.all(drafts.map((draft) => this.deps.audit.recordRead(draft)));
    return mirror;
  }
}
