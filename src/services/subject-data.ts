import type { AuditDetail, AuditEntry } from '../domain/audit/audit-entry.js';
import { nextSteps, type NextSteps } from '../domain/rulebooks/next-steps.js';
import type { Catalog } from '../domain/catalog/catalog.js';
import type { EnforcementList, RecordType } from '../domain/catalog/pack.js';
import { listEntryStatus, type ListEntry, type ListEntryStatus } from '../domain/lists/list-entry.js';
import { recordStatus, type StoredRecord } from '../domain/records/record.js';
import type { Dispute } from '../domain/disputes/dispute.js';
import type { Assessment } from '../domain/rulebooks/assess.js';
import type { Subject } from '../store/store.js';

import type { RecordStore } from '../store/record-store.js';
import type { ListStore } from '../store/list-store.js';
import type { AuditStore } from '../store/audit-store.js';
import type { DisputeStore } from '../store/dispute-store.js';
import type { Assessments } from './assessments.js';
import { subjectAuditTrail } from './subject-audit-trail.js';
import type { Clock } from './clock.js';

/** A record as its subject sees it: with its catalog entry and where it stands today. */
export interface RecordView {
  readonly record: StoredRecord;
  readonly recordType: RecordType | undefined;
  /** active, corrected or withdrawn from its versions; expired when its retention is over. */
  readonly status: 'active' | 'corrected' | 'withdrawn' | 'expired';
  /** The subject's dispute about it still without a decision, if any: the record is marked disputed. */
  readonly dispute: Dispute | undefined;
}

export interface ListEntryView {
  readonly entry: ListEntry;
  readonly list: EnforcementList | undefined;
  readonly status: ListEntryStatus;
}

/** One time someone looked at the subject's data, from the audit log. */
export interface AccessView {
  readonly seq: number;
  readonly time: string;
  readonly action: string;
  readonly actor: AuditEntry['actor'];
  readonly detail: AuditDetail | undefined;
}

/** Audit actions that are somebody reading the subject's data (or signing in able to). */
export const ACCESS_ACTIONS: ReadonlySet<string> = new Set([
  'record.read',
  'assessment.read',
  'audit.subject_viewed',
  'check.performed',
  'check.refused',
  'feed.read',
  'list.searched',
  'portal.signed_in',
  'attestation.issued',
  'attestation.verified',
  'dispute.read',
  'evidence.read',
]);
const HISTORY_MONTHS = 60;

/**
 * Everything held about one subject, as the portal and /v1/me show it to the subject
 * themselves: their records with status, their rating and why, their list entries, and
 * who looked. Callers pass only the subject the signed-in person may act as.
 */
export class SubjectData {
  constructor(
    private readonly deps: {
      readonly store: DisputeStore & ListStore & RecordStore & AuditStore;
      readonly catalog: Catalog;
      readonly assessments: Assessments;
      readonly clock: Clock;
    },
  ) {}

  subjectOf(identifier: { readonly scheme: string; readonly value: string }): Promise<Subject | undefined> {
    return this.deps.store.subjectByIdentifier(identifier.scheme, identifier.value);
  }

  /** The opaque ids of the subjects a signed-in person may act as (undefined where nothing is held), in order. */
  subjectIdsOf(
    identities: readonly { readonly scheme: string; readonly value: string }[],
  ): Promise<(string | undefined)[]> {
    return this.deps.store.subjectIdsOf(identities);
  }

  /** The rating now, or undefined when no rulebook in effect rates this kind of subject. */
  async assessment(subject: Subject): Promise<Assessment | undefined> {
    return this.deps.assessments.current(subject, await this.held(subject));
  }

  /**
   * The rating now and month by month over the last five years (see Assessments.history), and
   * what the subject can do about it now (domain/rulebooks: nextSteps).
   */
  async ratingHistory(subject: Subject): Promise<{ history: Assessment[]; steps: NextSteps | undefined }> {
    const held = await this.held(subject);
    const history = this.deps.assessments.history(subject, held, HISTORY_MONTHS);
    const current = history.at(-1);
    const rulebook = current && this.deps.catalog.rulebookOf(current);
    const { catalog } = this.deps;
    const steps =
      current &&
      rulebook &&
      nextSteps({
        assessment: current,
        rulebook,
        records: held.records,
        entries: held.entries,
        recordType: (code) => catalog.recordType(code),
        list: (code) => catalog.list(code),
      });
    return { history, steps };
  }

  /** Records newest first by effective date, and the rating they give. */
  async records(subject: Subject): Promise<{ records: RecordView[]; assessment: Assessment | undefined }> {
    const held = await this.held(subject);
    const { records, disputes } = held;
    const assessment = this.deps.assessments.current(subject, held);
    const undecided = new Map(
      disputes.filter((d) => d.decision === null && d.target.kind === 'record').map((d) => [d.target.recordId, d]),
    );
    const expired = new Set(
      assessment?.excluded.filter((e) => e.reason === 'expired' && e.version === undefined).map((e) => e.recordId),
    );
    const views = records.map((record): RecordView => {
      const status = recordStatus(record);
      return {
        record,
        recordType: this.deps.catalog.recordType(record.type),
        status: status === 'withdrawn' || !expired.has(record.id) ? status : 'expired',
        dispute: undecided.get(record.id),
      };
    });
    views.sort((a, b) => effectiveAt(b.record).localeCompare(effectiveAt(a.record)));
    return { records: views, assessment };
  }

  /** A subject's records and disputes, read together. */
  private async held(subject: Subject) {
    const [records, disputes, entries] = await Promise.all([
      this.deps.store.subjectRecords(subject.id),
      this.deps.store.disputesOf([subject.id]),
      this.deps.store.listEntries(subject.id),
    ]);
    return { records, disputes, entries };
  }

  async listEntries(subject: Subject): Promise<ListEntryView[]> {
    const now = this.deps.clock.now().toISOString();
    const entries = await this.deps.store.listEntries(subject.id);
    return entries
      .map((entry) => ({ entry, list: this.deps.catalog.list(entry.listCode), status: listEntryStatus(entry, now) }))
      .sort((a, b) => b.entry.listedAt.localeCompare(a.entry.listedAt));
  }

  /**
   * What the subject may dispute: one of their own records, or the basis record of one of their
   * list entries (which another subject's decision may have created); undefined for anything else.
   */
  async disputable(
    subject: Subject,
    target: { readonly recordId?: string | undefined; readonly entryId?: string | undefined },
  ) {
    const entry =
      target.entryId === undefined
        ? undefined
        : (await this.deps.store.listEntries(subject.id)).find((e) => e.id === target.entryId);
    const record = await this.deps.store.record(entry?.basisRecordId ?? target.recordId ?? '');
    if (!record || (entry === undefined && record.subjectId !== subject.id)) return undefined;
    return { record, entry };
  }

  /** Who looked at the subject's data, newest first. */
  async accessLog(subject: Subject): Promise<AccessView[]> {
    const views: AccessView[] = [];
    for (const entry of await subjectAuditTrail(this.deps.store, subject.id)) {
      if (ACCESS_ACTIONS.has(entry.action))
        views.push({
          seq: entry.seq,
          time: entry.time,
          action: entry.action,
          actor: entry.actor,
          detail: entry.detail,
        });
    }
    return views.reverse();
  }
}

function effectiveAt(record: StoredRecord): string {
  return record.versions.at(-1)?.effectiveAt ?? '';
}
