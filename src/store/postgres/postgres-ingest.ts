import type pg from 'pg';
import type { AuditDraft } from '../../domain/audit/audit-entry.js';
import { recordAccepted, subjectCreated } from '../../domain/audit/write-drafts.js';
import type { StorableSubmission } from '../../domain/records/record.js';
import { publicName, type SubjectKind } from '../../domain/subject-kind.js';
import type { IngestBatch, StoredOutcome } from '../store.js';
import { copyRows } from './copy-rows.js';
import { appendAudit } from './postgres-audit.js';
import type { NewFeedEvent } from '../../domain/feed/feed-event.js';
import { appendFeed, lockFeed } from './postgres-feed.js';
import { applyListEffects } from './postgres-lists.js';
import { insertMessages } from './postgres-outbox.js';
import type { FreshRecord } from '../../domain/lists/entry-writes.js';

const sourceKey = (institution: string, sourceRef: string): string => `${institution}\u0000${sourceRef}`;
const identifierKey = (subject: { scheme: string; value: string }): string => `${subject.scheme}\u0000${subject.value}`;

/**
 * Stores one batch inside the caller's transaction: finds the (institution, sourceRef)
 * pairs already taken, resolves or creates subjects, then COPYs the new rows in.
 * Batches take the feed's lock first: the gap-free feed and log make writers take
 * turns at commit anyway, and taking turns from the start means a concurrent batch
 * with the same references waits instead of failing and retrying in a storm.
 */
export async function ingestBatch(
  client: pg.PoolClient,
  batch: IngestBatch,
  withAudit = true,
): Promise<StoredOutcome[]> {
  const { recordedAt, newId } = batch;
  await lockFeed(client);
  const existing = new Map<string, { id: string; bodyHash: string }>();
  // The references are unique in record_sources (records is partitioned by id, so it cannot
  // hold that key); each one found leads to its record's partition by (subject_id, id).
  const found = await client.query<{ institution: string; source_ref: string; id: string; body_hash: string }>(
    'SELECT s.institution, s.source_ref, r.id, r.body_hash FROM record_sources s ' +
      'JOIN unnest($1::text[], $2::text[]) AS w(institution, source_ref) ' +
      'ON w.institution = s.institution AND w.source_ref = s.source_ref ' +
      'JOIN records r ON r.subject_id = s.subject_id AND r.id = s.record_id',
    [batch.items.map((item) => item.institution), batch.items.map((item) => item.sourceRef)],
  );
  for (const row of found.rows)
    existing.set(sourceKey(row.institution, row.source_ref), { id: row.id, bodyHash: row.body_hash });

  // Items whose source reference is new; a reference repeated within the batch is stored once.
  const fresh: { item: StorableSubmission; id: string }[] = [];
  for (const item of batch.items) {
    const key = sourceKey(item.institution, item.sourceRef);
    if (existing.has(key)) continue;
    const id = newId();
    existing.set(key, { id, bodyHash: item.bodyHash });
    fresh.push({ item, id });
  }
  const freshItems = new Set(fresh.map((f) => f.item));
  const outcomes = batch.items.map((item): StoredOutcome => {
    const known = existing.get(sourceKey(item.institution, item.sourceRef))!;
    return freshItems.has(item)
      ? { status: 'inserted', id: known.id }
      : { status: 'exists', id: known.id, bodyHash: known.bodyHash };
  });
  if (fresh.length === 0) return outcomes;

  const subjects = await resolveSubjects(
    client,
    fresh.map((f) => f.item),
    recordedAt,
    newId,
  );
  await insertMessages(
    client,
    fresh.flatMap(({ item }) => (item.notice ? [item.notice] : [])),
  );
  const subjectOf = (item: StorableSubmission) => subjects.ids.get(identifierKey(item.subject))!;
  await copyRows(
    client,
    'record_sources',
    ['institution', 'source_ref', 'subject_id', 'record_id'],
    fresh.map(({ item, id }) => [item.institution, item.sourceRef, subjectOf(item), id]),
  );
  await copyRows(
    client,
    'records',
    ['subject_id', 'id', 'institution', 'source_ref', 'type', 'body_hash', 'recorded_at'],
    fresh.map(({ item, id }) => [
      subjectOf(item),
      id,
      item.institution,
      item.sourceRef,
      item.type,
      item.bodyHash,
      recordedAt,
    ]),
  );
  await copyRows(
    client,
    'record_versions',
    ['subject_id', 'record_id', 'version', 'action', 'effective_at', 'recorded_at', 'payload', 'subject_name'],
    fresh.map(({ item, id }) => [
      subjectOf(item),
      id,
      1,
      'submitted',
      item.effectiveAt,
      recordedAt,
      item.payloadJson,
      item.subject.name ?? null,
    ]),
  );
  const events: NewFeedEvent[] = subjects.created.map(({ id }) => ({
    type: 'subject.created',
    subjectId: id,
    recordId: null,
    recordedAt,
  }));
  const drafts: AuditDraft[] = subjects.created.map(({ id, item }) =>
    subjectCreated({ id, kind: item.subject.kind }, item.institution, recordedAt),
  );
  const listed: FreshRecord[] = [];
  for (const f of fresh) {
    const subjectId = subjectOf(f.item);
    events.push({ type: 'record.accepted', subjectId, recordId: f.id, recordedAt });
    drafts.push(recordAccepted(f.item, { id: f.id, subjectId }, recordedAt));
    if (f.item.listEffects) listed.push({ ...f, subjectId });
  }
  const lists = await applyListEffects(client, listed, recordedAt, newId);
  events.push(...lists.events);
  drafts.push(...lists.drafts);
  await appendFeed(client, events);
  if (withAudit) await appendAudit(client, drafts);
  return outcomes;
}

/** Who names a subject: the identifier and kind, and the institution that names it. */
export interface SubjectMention {
  readonly subject: {
    readonly scheme: string;
    readonly value: string;
    readonly kind: SubjectKind;
    readonly name?: string | null | undefined;
  };
  readonly institution: string;
}

/** Finds or creates the subject of every item; returns id by identifier (scheme NUL value) and the ids created. */
export async function resolveSubjects<T extends SubjectMention>(
  client: pg.PoolClient,
  items: readonly T[],
  recordedAt: string,
  newId: () => string,
): Promise<{ ids: Map<string, string>; created: { id: string; item: T }[] }> {
  // The first item naming an identifier introduces its subject (and is the actor of subject.created).
  const wanted = new Map<string, T>();
  for (const item of items) if (!wanted.has(identifierKey(item.subject))) wanted.set(identifierKey(item.subject), item);
  const introducers = [...wanted.values()];
  const subjects = introducers.map((item) => item.subject);
  const { rows } = await client.query<{ scheme: string; value: string; subject_id: string }>(
    'SELECT i.scheme, i.value, i.subject_id FROM subject_identifiers i ' +
      'JOIN unnest($1::text[], $2::text[]) AS w(scheme, value) ON w.scheme = i.scheme AND w.value = i.value',
    [subjects.map((s) => s.scheme), subjects.map((s) => s.value)],
  );
  const ids = new Map<string, string>(rows.map((row) => [identifierKey(row), row.subject_id]));
  const created = introducers
    .filter((item) => !ids.has(identifierKey(item.subject)))
    .map((item) => {
      const id = newId();
      ids.set(identifierKey(item.subject), id);
      return { id, item };
    });
  if (created.length > 0) {
    await copyRows(
      client,
      'subjects',
      ['id', 'kind', 'created_at', 'public_name'],
      created.map(({ id, item }) => [
        id,
        item.subject.kind,
        recordedAt,
        publicName(item.subject.kind, item.subject.name),
      ]),
    );
    await copyRows(
      client,
      'subject_identifiers',
      ['scheme', 'value', 'subject_id', 'created_at'],
      created.map(({ id, item }) => [item.subject.scheme, item.subject.value, id, recordedAt]),
    );
  }
  return { ids, created };
}
