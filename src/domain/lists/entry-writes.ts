import type { AuditDraft, ListEntryChangeKind } from '../audit/audit-entry.js';
import { listEntryChanged } from '../audit/write-drafts.js';
import type { ListEffects, NamedPerson } from './list-effects.js';
import type { ListEntry } from './list-entry.js';
import type { StorableSubmission } from '../records/record.js';
import type { NewFeedEvent } from '../feed/feed-event.js';
import { identifierKey } from '../identifiers/identifier-key.js';

/** A record a batch has just stored, with its new id and its subject. */
export interface FreshRecord {
  readonly item: StorableSubmission;
  readonly id: string;
  readonly subjectId: string;
}

/** Entries of one subject on one list that a removing record ends: open ones, listed by then, with its match key. */
export interface RemovalRequest {
  readonly subjectId: string;
  readonly listCode: string;
  readonly matchKey: string | null;
  readonly removedAt: string;
  readonly removedBy: string;
  readonly institution: string;
  /** Also end the entries of representatives named by the subject's listings on this list. */
  readonly representatives: boolean;
}

/** A change to an entry, with the record that caused it and the institution behind that record. */
export interface EntryChange {
  readonly entry: ListEntry;
  readonly recordId: string;
  readonly institution: string;
}

/** A new entry with the subject's name as its basis record gives it. */
export interface OpenedEntry extends EntryChange {
  readonly subjectName: string | null;
}

/** The legal representatives the batch's listings name, once each, with the institution naming them first. */
export function namedRepresentatives(
  fresh: readonly FreshRecord[],
): { readonly person: NamedPerson; readonly institution: string }[] {
  const named = new Map<string, { person: NamedPerson; institution: string }>();
  for (const { item } of fresh) {
    for (const { representative } of item.listEffects?.listings ?? []) {
      if (representative && !named.has(identifierKey(representative)))
        named.set(identifierKey(representative), { person: representative, institution: item.institution });
    }
  }
  return [...named.values()];
}

/**
 * The entries the batch's new records open, in item order (the store inserts them before
 * applying removals). A representative's entry goes to the subject `representatives` maps
 * their identifier to (the store has found or created it).
 */
export function openedEntries(
  fresh: readonly FreshRecord[],
  recordedAt: string,
  newId: () => string,
  representatives: ReadonlyMap<string, string> = new Map(),
): OpenedEntry[] {
  return fresh.flatMap(({ item, id, subjectId }) =>
    (item.listEffects?.listings ?? []).map((listing) => ({
      entry: {
        id: newId(),
        listCode: listing.listCode,
        subjectId: listing.representative ? representatives.get(identifierKey(listing.representative))! : subjectId,
        basisRecordId: id,
        listedAt: listing.listedAt,
        activeFrom: listing.activeFrom,
        until: listing.until,
        matchKey: listing.matchKey,
        recordedAt,
        removedAt: null,
        removedBy: null,
      },
      recordId: id,
      institution: item.institution,
      subjectName: listing.representative ? listing.representative.name : (item.subject.name ?? null),
    })),
  );
}

export function removalRequests(fresh: readonly FreshRecord[]): RemovalRequest[] {
  return fresh.flatMap(({ item, id, subjectId }) =>
    (item.listEffects?.removals ?? []).map((removal) => ({
      subjectId,
      ...removal,
      removedBy: id,
      institution: item.institution,
    })),
  );
}

/** The feed events and audit entries of entry changes: every transition a write causes is both. */
export function entryChangeEvents(
  kind: ListEntryChangeKind,
  changes: readonly EntryChange[],
  recordedAt: string,
): { events: NewFeedEvent[]; drafts: AuditDraft[] } {
  return {
    events: changes.map(({ entry, recordId }) => ({
      type: kind,
      subjectId: entry.subjectId,
      recordId,
      recordedAt,
      detail: { entryId: entry.id, listCode: entry.listCode },
    })),
    drafts: changes.map(({ entry, institution }) =>
      listEntryChanged(kind, entry, { kind: 'institution', id: institution }, recordedAt),
    ),
  };
}

/** An entry as a new version of a record leaves it, and how it changed. */
export interface VersionedEntry {
  readonly kind: Exclude<ListEntryChangeKind, 'list_entry.listed'>;
  readonly entry: ListEntry;
  /**
   * Whether the entry's removal is now recorded at this version's time (true) or no longer
   * removed (false); unchanged when absent.
   */
  readonly removalRecorded?: boolean;
}

/**
 * How a new version of a record changes the entries it opened (`opened`) and the entries
 * it removed (`removed`). Withdrawing a listing removes its entries from their start (the
 * decision is void); withdrawing a removing record puts back what it removed; a correction
 * moves the times of both to the corrected record's.
 */
export function versionedEntries(
  record: { readonly id: string; readonly subjectId: string },
  version: { readonly action: string; readonly effectiveAt: string },
  listEffects: ListEffects | undefined,
  opened: readonly ListEntry[],
  removed: readonly ListEntry[],
): VersionedEntry[] {
  if (version.action === 'withdrawn') {
    return [
      ...opened
        .filter((e) => e.removedAt === null)
        .map((e) => ({
          kind: 'list_entry.removed' as const,
          entry: { ...e, removedAt: e.listedAt, removedBy: record.id },
          removalRecorded: true,
        })),
      ...removed.map((e) => ({
        kind: 'list_entry.reinstated' as const,
        entry: { ...e, removedAt: null, removedBy: null },
        removalRecorded: false,
      })),
    ];
  }
  const changes: VersionedEntry[] = [];
  for (const e of opened) {
    // The record's own subject's entry, or its representative's (named by the record, so a different subject).
    const forRepresentative = e.subjectId !== record.subjectId;
    const listing = listEffects?.listings.find(
      (l) => l.listCode === e.listCode && Boolean(l.representative) === forRepresentative,
    );
    if (!listing) continue;
    const entry = {
      ...e,
      listedAt: listing.listedAt,
      activeFrom: listing.activeFrom,
      until: listing.until,
      matchKey: listing.matchKey,
    };
    if (JSON.stringify(entry) !== JSON.stringify(e)) changes.push({ kind: 'list_entry.corrected', entry });
  }
  for (const e of removed) {
    if (e.removedAt !== version.effectiveAt)
      changes.push({ kind: 'list_entry.corrected', entry: { ...e, removedAt: version.effectiveAt } });
  }
  return changes;
}

/** The feed events and audit entries of the changes a new version made, all caused by the record. */
export function versionedEntryEvents(
  changes: readonly VersionedEntry[],
  record: { readonly id: string; readonly institution: string },
  recordedAt: string,
): { events: NewFeedEvent[]; drafts: AuditDraft[] } {
  const events: NewFeedEvent[] = [];
  const drafts: AuditDraft[] = [];
  for (const kind of ['list_entry.removed', 'list_entry.reinstated', 'list_entry.corrected'] as const) {
    const of = changes
      .filter((c) => c.kind === kind)
      .map((c) => ({ entry: c.entry, recordId: record.id, institution: record.institution }));
    const made = entryChangeEvents(kind, of, recordedAt);
    events.push(...made.events);
    drafts.push(...made.drafts);
  }
  return { events, drafts };
}

/** The sweeper as the actor of transitions that time causes. */
const SWEEPER = { kind: 'operator', id: 'probity' } as const;

/** Feed events and audit entries announcing entries whose notice (activated) or term (expired) has ended by `at`. */
export function transitionEvents(
  activated: readonly ListEntry[],
  expired: readonly ListEntry[],
  at: string,
): { events: NewFeedEvent[]; drafts: AuditDraft[] } {
  const events: NewFeedEvent[] = [];
  const drafts: AuditDraft[] = [];
  for (const [kind, entries] of [
    ['list_entry.activated', activated],
    ['list_entry.expired', expired],
  ] as const) {
    for (const entry of entries) {
      events.push({
        type: kind,
        subjectId: entry.subjectId,
        recordId: entry.basisRecordId,
        recordedAt: at,
        detail: { entryId: entry.id, listCode: entry.listCode },
      });
      drafts.push(listEntryChanged(kind, entry, SWEEPER, at));
    }
  }
  return { events, drafts };
}
