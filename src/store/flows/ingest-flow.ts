import type { AuditDraft } from '../../domain/audit/audit-entry.js';
import { recordAccepted } from '../../domain/audit/write-drafts.js';
import type { NewFeedEvent } from '../../domain/feed/feed-event.js';
import { identifierKey } from '../../domain/identifiers/identifier-key.js';
import type { FreshRecord } from '../../domain/lists/entry-writes.js';
import type { StorableSubmission } from '../../domain/records/record.js';
import type { IngestBatch, StoredOutcome } from '../store.js';
import { applyListEffects } from './list-entry-flow.js';
import { awaited, type Step } from './steps.js';
import { resolveSubjects } from './subject-flow.js';
import { sourceKey, type TakenSource, type WriteTransaction } from './write-transaction.js';

/**
 * Stores one batch (see Store.ingest): finds the (institution, sourceRef) pairs already taken,
 * resolves or creates subjects, writes the new records with their list effects and notices, and
 * appends their feed events and audit entries. Writers take turns from the start: the gap-free
 * feed and log make them take turns at commit anyway, and a concurrent batch with the same
 * references then waits instead of failing and retrying.
 */
export function* ingestFlow(tx: WriteTransaction, batch: IngestBatch, withAudit: boolean): Step<StoredOutcome[]> {
  const { recordedAt, newId } = batch;
  yield* awaited(tx.lockFeed());
  const taken = yield* awaited(tx.takenSources(batch.items));
  const { fresh, outcomes } = sortOutTaken(batch.items, taken, newId);
  if (fresh.length === 0) return outcomes;

  const subjects = yield* resolveSubjects(
    tx,
    fresh.map((f) => f.item),
    recordedAt,
    newId,
  );
  const stored: FreshRecord[] = fresh.map(({ item, id }) => ({
    item,
    id,
    subjectId: subjects.ids.get(identifierKey(item.subject))!,
  }));
  yield* awaited(tx.insertRecords(stored, recordedAt));
  const notices = stored.flatMap(({ item }) => (item.notice ? [item.notice] : []));
  if (notices.length > 0) yield* awaited(tx.insertMessages(notices));
  const lists = yield* applyListEffects(
    tx,
    stored.filter((f) => f.item.listEffects),
    recordedAt,
    newId,
  );
  const events: NewFeedEvent[] = [
    ...subjects.events,
    ...stored.map(({ id, subjectId }): NewFeedEvent => ({
      type: 'record.accepted',
      subjectId,
      recordId: id,
      recordedAt,
    })),
    ...lists.events,
  ];
  const drafts: AuditDraft[] = [
    ...subjects.drafts,
    ...stored.map(({ item, id, subjectId }) => recordAccepted(item, { id, subjectId }, recordedAt)),
    ...lists.drafts,
  ];
  yield* awaited(tx.appendFeed(events));
  if (withAudit) yield* awaited(tx.appendAudit(drafts));
  return outcomes;
}

/**
 * Which items are new (each gets a record id) and what the store answers for each item. A
 * reference repeated within the batch is stored once: its later items find it taken.
 */
function sortOutTaken(
  items: readonly StorableSubmission[],
  taken: Map<string, TakenSource>,
  newId: () => string,
): { fresh: { item: StorableSubmission; id: string }[]; outcomes: StoredOutcome[] } {
  const fresh: { item: StorableSubmission; id: string }[] = [];
  const outcomes = items.map((item): StoredOutcome => {
    const key = sourceKey(item);
    const known = taken.get(key);
    if (known) return { status: 'exists', id: known.id, bodyHash: known.bodyHash };
    const id = newId();
    taken.set(key, { id, bodyHash: item.bodyHash });
    fresh.push({ item, id });
    return { status: 'inserted', id };
  });
  return { fresh, outcomes };
}
