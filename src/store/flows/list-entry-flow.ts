import type { AuditDraft } from '../../domain/audit/audit-entry.js';
import type { NewFeedEvent } from '../../domain/feed/feed-event.js';
import {
  entryChangeEvents,
  namedRepresentatives,
  openedEntries,
  removalRequests,
  versionedEntries,
  versionedEntryEvents,
  type FreshRecord,
} from '../../domain/lists/entry-writes.js';
import type { ListEffects } from '../../domain/lists/list-effects.js';
import type { StoredRecord } from '../../domain/records/record.js';
import { awaited, type Step } from './steps.js';
import { resolveSubjects } from './subject-flow.js';
import type { WriteTransaction } from './write-transaction.js';

/** The feed events and audit entries a flow leaves for its caller to append (after its other writes). */
export interface Announcements {
  readonly events: NewFeedEvent[];
  readonly drafts: AuditDraft[];
}

/**
 * Opens the entries the new records list (their named representatives become subjects of their
 * own on first sight, like any subject), then ends the open entries their removing records end,
 * so that a listing and its removal in one batch both apply.
 */
export function* applyListEffects(
  tx: WriteTransaction,
  fresh: readonly FreshRecord[],
  recordedAt: string,
  newId: () => string,
): Step<Announcements> {
  if (fresh.length === 0) return { events: [], drafts: [] };
  const named = namedRepresentatives(fresh).map(({ person, institution }) => ({
    subject: { ...person, kind: 'person' as const },
    institution,
  }));
  const representatives = yield* resolveSubjects(tx, named, recordedAt, newId);
  const opened = openedEntries(fresh, recordedAt, newId, representatives.ids);
  if (opened.length > 0) yield* awaited(tx.insertListEntries(opened));
  const requests = removalRequests(fresh);
  const removed = requests.length > 0 ? yield* awaited(tx.endListEntries(requests, recordedAt)) : [];
  const listed = entryChangeEvents('list_entry.listed', opened, recordedAt);
  const ended = entryChangeEvents('list_entry.removed', removed, recordedAt);
  return {
    events: [...representatives.events, ...listed.events, ...ended.events],
    drafts: [...representatives.drafts, ...listed.drafts, ...ended.drafts],
  };
}

/** The changes a new version of a record makes to the entries it opened or removed (see Store.appendVersion). */
export function* applyVersionToEntries(
  tx: WriteTransaction,
  record: StoredRecord,
  version: { readonly action: string; readonly effectiveAt: string; readonly recordedAt: string },
  listEffects: ListEffects | undefined,
): Step<Announcements> {
  const entries = yield* awaited(tx.entriesOfRecord(record.id));
  const changes = versionedEntries(
    record,
    version,
    listEffects,
    entries.filter((e) => e.basisRecordId === record.id),
    entries.filter((e) => e.removedBy === record.id),
  );
  if (changes.length > 0) yield* awaited(tx.updateListEntries(changes, version.recordedAt));
  return versionedEntryEvents(changes, record, version.recordedAt);
}
