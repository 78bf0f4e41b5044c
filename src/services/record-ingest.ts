import type { Catalog } from '../domain/catalog/catalog.js';
import { checkSubmission } from '../domain/records/check-submission.js';
import type { ItemError } from '../domain/records/item-error.js';
import type { CheckedSubmission } from '../domain/records/record.js';
import type { Store } from '../store/store.js';
import type { Clock } from './clock.js';

/** The answer for one submitted item, in the shape the API and the CLI report. */
export type ItemResult =
  | { readonly index: number; readonly status: 'accepted' | 'duplicate'; readonly id: string }
  | { readonly index: number; readonly status: 'rejected'; readonly errors: readonly ItemError[]; readonly id?: string };

export interface IngestSummary {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

/** One item to ingest: its raw value, the institution it is submitted for, and its position. */
export interface IngestItem {
  readonly index: number;
  readonly institution: string;
  readonly raw: unknown;
}

export interface RecordIngestDeps {
  readonly store: Store;
  readonly catalog: Catalog;
  readonly clock: Clock;
  readonly newId: () => string;
}

/**
 * Records in (principle 2): every item is checked, the valid ones are stored in one
 * transaction, and each gets an answer: accepted with a new id, duplicate with the
 * original id, or rejected with reasons that name the field.
 */
export class RecordIngest {
  constructor(private readonly deps: RecordIngestDeps) {}

  async ingest(items: readonly IngestItem[]): Promise<ItemResult[]> {
    const { catalog, store, clock, newId } = this.deps;
    const results: ItemResult[] = new Array(items.length);
    const valid: CheckedSubmission[] = [];
    const validAt: number[] = [];
    items.forEach((item, k) => {
      const check = checkSubmission(catalog, item.institution, item.raw);
      if (check.ok) {
        valid.push(check.submission);
        validAt.push(k);
      } else {
        results[k] = { index: item.index, status: 'rejected', errors: check.errors };
      }
    });
    if (valid.length > 0) {
      const outcomes = await store.ingest({ items: valid, recordedAt: clock.now().toISOString(), newId });
      outcomes.forEach((outcome, v) => {
        const k = validAt[v]!;
        const index = items[k]!.index;
        if (outcome.status === 'inserted') results[k] = { index, status: 'accepted', id: outcome.id };
        else if (outcome.bodyHash === valid[v]!.bodyHash) results[k] = { index, status: 'duplicate', id: outcome.id };
        else results[k] = conflict(index, outcome.id, valid[v]!.sourceRef);
      });
    }
    return results;
  }
}

/** Adds one batch's results to running totals. */
export function summarise(results: readonly ItemResult[], into: IngestSummary = { accepted: 0, duplicates: 0, rejected: 0 }): IngestSummary {
  let { accepted, duplicates, rejected } = into;
  for (const result of results) {
    if (result.status === 'accepted') accepted++;
    else if (result.status === 'duplicate') duplicates++;
    else rejected++;
  }
  return { accepted, duplicates, rejected };
}

function conflict(index: number, id: string, sourceRef: string): ItemResult {
  return {
    index,
    status: 'rejected',
    id,
    errors: [
      {
        code: 'source_ref_conflict',
        path: '/sourceRef',
        message: `"${sourceRef}" was already submitted as record ${id} with a different body; correct that record instead`,
      },
    ],
  };
}
