import { recordVersioned } from '../../domain/audit/write-drafts.js';
import type { StoredRecord } from '../../domain/records/record.js';
import { feedTypeOf } from '../store-rows.js';
import type { VersionDecision } from '../store.js';
import { applyVersionToEntries } from './list-entry-flow.js';
import { awaited, type Step } from './steps.js';
import type { WriteTransaction } from './write-transaction.js';

/**
 * Adds the version `decide` makes from the current record (see Store.appendVersion), with the
 * changes it makes to list entries. The record stays locked from the read to the commit, so
 * concurrent corrections apply one after the other, each decided on the one before.
 */
export function* appendVersionFlow(
  tx: WriteTransaction,
  id: string,
  decide: (current: StoredRecord) => VersionDecision,
): Step<StoredRecord | undefined> {
  const current = yield* awaited(tx.lockedRecord(id));
  if (!current) return undefined;
  const decision = decide(current);
  if (!decision.ok) throw decision.error;
  const version = { ...decision.version, version: current.versions.length + 1 };
  yield* awaited(tx.insertVersion(current, version));
  const lists = yield* applyVersionToEntries(tx, current, version, decision.listEffects);
  yield* awaited(
    tx.appendFeed([
      { type: feedTypeOf(version.action), subjectId: current.subjectId, recordId: id, recordedAt: version.recordedAt },
      ...lists.events,
    ]),
  );
  yield* awaited(tx.appendAudit([recordVersioned(current, version), ...lists.drafts]));
  return { ...current, versions: [...current.versions, version] };
}
