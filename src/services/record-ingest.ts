import type { Catalog } from '../domain/catalog/catalog.js';
import { listEffectsOf, NO_LIST_EFFECTS, representativeError } from '../domain/lists/list-effects.js';
import { checkSubmission } from '../domain/records/check-submission.js';
import type { ItemError } from '../domain/records/item-error.js';
import type { StorableSubmission } from '../domain/records/record.js';
import { contactKey } from '../store/store.js';
import type { OutboxStore } from '../store/outbox-store.js';
import type { RecordStore } from '../store/record-store.js';

import { listingNotice, negativeRecordNotice } from '../domain/notifications/record-notices.js';
import type { MailText } from '../domain/notifications/mail-text.js';
import { composeMail } from './mail-composer.js';
import type { Clock } from './clock.js';

/** The answer for one submitted item, in the shape the API and the CLI report. */
export type ItemResult =
  | { readonly index: number; readonly status: 'accepted' | 'duplicate'; readonly id: string }
  | {
      readonly index: number;
      readonly status: 'rejected';
      readonly errors: readonly ItemError[];
      readonly id?: string;
    };

export interface IngestSummary {
  readonly accepted: number;
  readonly duplicates: number;
  readonly rejected: number;
}

/**
 * One item to ingest with its position: its raw value and the institution it is
 * submitted for, or why it could not even be read (a bulk line that is not JSON).
 */
export type IngestItem =
  | { readonly index: number; readonly institution: string; readonly raw: unknown }
  | { readonly index: number; readonly unreadable: ItemError };

/**
 * A checked batch, ready to store: rejections are already answered, valid items wait
 * for the store. Plain data, so it can be made on one thread and stored on another.
 */
export interface PreparedBatch {
  /** Per item, in order: its rejection, or undefined while it waits for the store. */
  readonly results: (ItemResult | undefined)[];
  readonly valid: readonly StorableSubmission[];
  /** For each valid item, its position in `results`. */
  readonly validAt: readonly number[];
  /** For each position, the item's index as the caller numbered it. */
  readonly indexes: readonly number[];
}

/**
 * Items `from` up to `to` of a prepared batch, as a batch of their own (to store a large one in
 * several transactions).
 */
export function slicePrepared(prepared: PreparedBatch, from: number, to: number): PreparedBatch {
  const valid: StorableSubmission[] = [];
  const validAt: number[] = [];
  prepared.validAt.forEach((k, v) => {
    if (k < from || k >= to) return;
    valid.push(prepared.valid[v]!);
    validAt.push(k - from);
  });
  return { results: prepared.results.slice(from, to), valid, validAt, indexes: prepared.indexes.slice(from, to) };
}

/**
 * The latest date it is anywhere on Earth (UTC+14) at `now`, as YYYY-MM-DD: the bound for dates
 * inside identifiers (a birth date), generous enough that nobody born today is refused.
 */
export function todayAnywhere(now: Date): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}

/** Checks every item of a batch against the catalog; no I/O. `today` as from todayAnywhere. */
export function prepareBatch(catalog: Catalog, items: readonly IngestItem[], today: string): PreparedBatch {
  const results = new Array<ItemResult | undefined>(items.length);
  const valid: StorableSubmission[] = [];
  const validAt: number[] = [];
  items.forEach((item, k) => {
    if ('unreadable' in item) {
      results[k] = { index: item.index, status: 'rejected', errors: [item.unreadable] };
      return;
    }
    const check = checkSubmission(catalog, item.institution, item.raw, today);
    if (check.ok) {
      // The store keeps the canonical payload text; the object need not travel further.
      const { payload, ...storable } = check.submission;
      const listed = {
        type: storable.type,
        subjectKind: storable.subject.kind,
        effectiveAt: storable.effectiveAt,
        payload,
      };
      const invalid = representativeError(catalog, listed);
      if (invalid) {
        results[k] = { index: item.index, status: 'rejected', errors: [invalid] };
        return;
      }
      const listEffects = listEffectsOf(catalog, listed);
      valid.push(listEffects === NO_LIST_EFFECTS ? storable : { ...storable, listEffects });
      validAt.push(k);
    } else {
      results[k] = { index: item.index, status: 'rejected', errors: check.errors };
    }
  });
  return { results, valid, validAt, indexes: items.map((item) => item.index) };
}

export interface RecordIngestDeps {
  readonly store: OutboxStore & RecordStore;
  readonly catalog: Catalog;
  readonly clock: Clock;
  readonly newId: () => string;
  /** Base of the links in notices to subjects. */
  readonly publicUrl: string;
}

/**
 * Records in (principle 2): every item is checked, the valid ones are stored in one
 * transaction, and each gets an answer: accepted with a new id, duplicate with the
 * original id, or rejected with reasons that name the field.
 */
export class RecordIngest {
  constructor(private readonly deps: RecordIngestDeps) {}

  async ingest(items: readonly IngestItem[]): Promise<ItemResult[]> {
    return this.commit(prepareBatch(this.deps.catalog, items, this.today()));
  }

  /** Today by this ingest's clock, for prepareBatch. */
  today(): string {
    return todayAnywhere(this.deps.clock.now());
  }

  /** Stores the valid items of a prepared batch in one transaction and answers every item. */
  async commit(prepared: PreparedBatch): Promise<ItemResult[]> {
    const { store, clock, newId } = this.deps;
    const { valid, validAt, indexes } = prepared;
    const results = [...prepared.results];
    if (valid.length > 0) {
      const recordedAt = clock.now().toISOString();
      const items = await this.withNotices(valid, recordedAt);
      const outcomes = await store.ingest({ items, recordedAt, newId });
      outcomes.forEach((outcome, v) => {
        const k = validAt[v]!;
        const index = indexes[k]!;
        const item = valid[v]!;
        if (outcome.status === 'inserted') results[k] = { index, status: 'accepted', id: outcome.id };
        else if (outcome.bodyHash === item.bodyHash) results[k] = { index, status: 'duplicate', id: outcome.id };
        else results[k] = conflict(index, outcome.id, item.sourceRef);
      });
    }
    return results as ItemResult[];
  }

  /**
   * Gives each item that must be told to its subject (a negative record; a listing with a
   * notice period, told before it takes effect) its e-mail, when the subject left an
   * address at sign-in; the store writes it only if it stores the record.
   */
  private async withNotices(items: readonly StorableSubmission[], at: string): Promise<readonly StorableSubmission[]> {
    const { catalog, store, newId, publicUrl } = this.deps;
    const listingOf = (item: StorableSubmission) =>
      item.listEffects?.listings.find((l) => l.activeFrom > l.listedAt && l.representative === undefined);
    const told = (item: StorableSubmission) =>
      listingOf(item) !== undefined || catalog.recordType(item.type)?.polarity === 'negative';
    // Ask for contacts first: the bulk of a large load is about people who never signed in,
    // so the messages are only written for those who did.
    const candidates = items.filter(told).map((item) => item.subject);
    if (candidates.length === 0) return items;
    const contacts = await store.contactsOf(candidates);
    if (contacts.size === 0) return items;
    const noticeOf = (item: StorableSubmission): MailText | undefined => {
      const listing = listingOf(item);
      const list = listing && catalog.list(listing.listCode);
      if (listing && list) return listingNotice(list.title, listing.activeFrom, `${publicUrl}/me/lists`);
      const type = catalog.recordType(item.type);
      if (type?.polarity !== 'negative') return undefined;
      const institution = catalog.institution(item.institution)?.name ?? { en: item.institution, zh: item.institution };
      return negativeRecordNotice(type.title, institution, item.effectiveAt, `${publicUrl}/me/records`);
    };
    return items.map((item) => {
      const email = contacts.get(contactKey(item.subject));
      const notice = email && noticeOf(item);
      if (!email || !notice) return item;
      return {
        ...item,
        notice: {
          id: newId(),
          channel: 'email',
          recipient: email,
          topic: 'record.accepted',
          payload: composeMail(notice, catalog),
          createdAt: at,
        },
      };
    });
  }
}

/** Adds one batch's results to running totals. */
export function summarise(
  results: readonly ItemResult[],
  into: IngestSummary = { accepted: 0, duplicates: 0, rejected: 0 },
): IngestSummary {
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
        message:
          `"${sourceRef}" was already submitted as record ${id} with a different body; ` +
          `correct that record instead`,
      },
    ],
  };
}
