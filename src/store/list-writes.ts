import type { AuditDraft, ListEntryChangeKind } from '../domain/audit/audit-entry.js';
import { listEntryChanged } from '../domain/audit/write-drafts.js';
import type { ListEntry } from '../domain/lists/list-entry.js';
import type { StorableSubmission } from '../domain/records/record.js';
import type { NewFeedEvent } from './store-rows.js';

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
}

/** A change to an entry, with the record that caused it and the institution behind that record. */
export interface EntryChange {
  readonly entry: ListEntry;
  readonly recordId: string;
  readonly institution: string;
}

/** The entries the batch's new records open, in item order (the store inserts them before applying removals). */
export function openedEntries(fresh: readonly FreshRecord[], recordedAt: string, newId: () => string): EntryChange[] {
  return fresh.flatMap(({ item, id, subjectId }) =>
    (item.listEffects?.listings ?? []).map((listing) => ({
      entry: {
        id: newId(),
        listCode: listing.listCode,
        subjectId,
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
    })),
  );
}

export function removalRequests(fresh: readonly FreshRecord[]): RemovalRequest[] {
  return fresh.flatMap(({ item, id, subjectId }) =>
    (item.listEffects?.removals ?? []).map((removal) => ({ subjectId, ...removal, removedBy: id, institution: item.institution })),
  );
}

/** The feed events and audit entries of entry changes: every transition a write causes is both. */
export function entryChangeEvents(kind: ListEntryChangeKind, changes: readonly EntryChange[], recordedAt: string): { events: NewFeedEvent[]; drafts: AuditDraft[] } {
  return {
    events: changes.map(({ entry, recordId }) => ({
      type: kind,
      subjectId: entry.subjectId,
      recordId,
      recordedAt,
      detail: { entryId: entry.id, listCode: entry.listCode },
    })),
    drafts: changes.map(({ entry, institution }) => listEntryChanged(kind, entry, institution, recordedAt)),
  };
}
