import type { AuditActor } from '../domain/audit/audit-entry.js';
import { hourOf, readDraft } from '../domain/audit/read-draft.js';
import type { Dispute } from '../domain/disputes/dispute.js';
import type { Evidence } from '../domain/disputes/evidence.js';
import { reviewConflict, type Reviewer } from '../domain/disputes/review-conflict.js';
import type { StoredRecord } from '../domain/records/record.js';
import type { Assessment } from '../domain/rulebooks/assess.js';
import { ProbityError } from '../errors.js';
import type { StoredAttestation } from '../store/store.js';

import type { RecordStore } from '../store/record-store.js';
import type { AssessmentTimes, Assessments } from './assessments.js';
import type { Attestations } from './attestations.js';
import type { AuditLog, SubjectAuditView } from './audit-log.js';
import type { Clock } from './clock.js';
import type { Disputes } from './disputes.js';
import type { RecordChanges } from './record-changes.js';
import type { MirrorPage, RelyingPartyFeed } from './relying-party-feed.js';

/** A rating as staff read it: with the subject's opaque id and kind. */
export type AssessmentView = Assessment & { readonly subjectId: string; readonly subjectKind: string };

/** One dispute as a reviewer reads it: the record and files only when the reviewer has no conflict. */
export interface ReviewCase {
  readonly dispute: Dispute;
  /** Why this reviewer may not decide it, if they may not. */
  readonly conflict: string | undefined;
  readonly record: StoredRecord | undefined;
  /** The subject's identifiers, for the reviewer to know who it is about (none when in conflict). */
  readonly identifiers: readonly { readonly scheme: string; readonly value: string }[];
  readonly evidence: readonly Evidence[];
}

/** Who reads a dispute's file: its source institution or a reviewer (the subject's own reads are not logged). */
export type EvidenceReader = { readonly institution: string } | { readonly reviewer: Reviewer };

/**
 * Every read of personal data by someone other than the subject (design.md, principle 6),
 * in one place: each method reads through the service that owns the data and appends the
 * read's audit entry before it resolves, so the answer never leaves unlogged. Routes under
 * src/http read personal data only through here (test/architecture.test.ts).
 */
export class PersonalDataReads {
  constructor(
    private readonly deps: {
      readonly store: RecordStore;
      readonly clock: Clock;
      readonly audit: AuditLog;
      readonly assessments: Assessments;
      readonly changes: RecordChanges;
      readonly disputes: Disputes;
      readonly feed: RelyingPartyFeed;
      readonly attestations: Attestations | undefined;
    },
  ) {}

  /** A record and its versions, for the institution that submitted it. */
  async record(institution: string, recordId: string): Promise<StoredRecord> {
    const record = await this.deps.changes.history(institution, recordId);
    await this.deps.audit.recordRead(recordRead({ kind: 'institution', id: institution }, record));
    return record;
  }

  /** A subject's rating for staff (reviewers, auditors). */
  async assessment(staff: string, scheme: string, value: string, times: AssessmentTimes): Promise<AssessmentView> {
    const { subject, assessment } = await this.deps.assessments.ofIdentifier(scheme, value, times);
    const view = { subjectId: subject.id, subjectKind: subject.kind, ...assessment };
    await this.deps.audit.recordRead(
      readDraft({ kind: 'staff', id: staff }, 'assessment.read', subject.id, { kind: 'subject', id: subject.id }, view),
    );
    return view;
  }

  /** The audit entries about a subject, for an auditor; viewing them is itself an entry. */
  async auditTrail(staff: string, subjectId: string, from: number, limit: number): Promise<SubjectAuditView> {
    const view = await this.deps.audit.aboutSubject(subjectId, from, limit);
    await this.deps.audit.recordRead(
      readDraft(
        { kind: 'staff', id: staff },
        'audit.subject_viewed',
        subjectId,
        { kind: 'subject', id: subjectId },
        view,
      ),
    );
    return view;
  }

  /** The undecided disputes about an institution's records: each one shown is a read under its subject. */
  async institutionDisputes(institution: string): Promise<Dispute[]> {
    return this.disputesRead({ kind: 'institution', id: institution }, await this.deps.disputes.undecided(institution));
  }

  /** The reviewers' queue: every undecided dispute, each one shown a read under its subject. */
  async reviewQueue(reviewer: Reviewer): Promise<Dispute[]> {
    return this.disputesRead({ kind: 'staff', id: reviewer.id }, await this.deps.disputes.undecided(undefined));
  }

  /** One dispute for a reviewer; with its record and files only when the reviewer has no conflict. */
  async reviewCase(reviewer: Reviewer, disputeId: string): Promise<ReviewCase> {
    const { disputes, store, audit } = this.deps;
    const dispute = await disputes.byId(disputeId);
    if (!dispute) throw new ProbityError('not_found', `no dispute ${disputeId}`);
    const conflict = reviewConflict(dispute, reviewer);
    // A reviewer who may not decide is not shown the record either.
    const record = conflict ? undefined : await store.record(dispute.target.recordId);
    const evidence = conflict ? [] : await disputes.evidenceOf(dispute.id);
    const identifiers = conflict ? [] : await disputes.subjectIdentifiers(dispute);
    const actor = { kind: 'staff', id: reviewer.id } as const;
    await audit.recordReads([
      disputeRead(actor, { dispute, evidence }),
      ...(record ? [recordRead(actor, record)] : []),
    ]);
    return { dispute, conflict, record, identifiers, evidence };
  }

  /**
   * A file of a dispute, for its source institution or a reviewer without a conflict (to anyone
   * else it does not exist).
   */
  async evidence(reader: EvidenceReader, evidenceId: string): Promise<{ evidence: Evidence; content: Uint8Array }> {
    const found = await this.deps.disputes.evidenceFor(reader, evidenceId);
    const actor: AuditActor =
      'institution' in reader
        ? { kind: 'institution', id: reader.institution }
        : { kind: 'staff', id: reader.reviewer.id };
    const { evidence } = found;
    // The file's own SHA-256, as when it was added: the entry names exactly the bytes read.
    await this.deps.audit.recordRead({
      actor,
      action: 'evidence.read',
      subject: evidence.subjectId,
      object: { kind: 'dispute', id: evidence.disputeId },
      objectHash: evidence.sha256,
    });
    return found;
  }

  /** A page of a relying party's feed; the feed logs each event it delivers under its subject. */
  feedPage(relyingParty: string, after: number, limit: number, waitMs: number): Promise<MirrorPage> {
    return this.deps.feed.page(relyingParty, after, limit, waitMs);
  }

  /**
   * A signed report opened through its verification link by anyone. Anonymous and repeatable,
   * so opening one report is logged once per hour: the store keeps the series, so every server
   * agrees and a restart changes nothing, and the subject's "who looked" is not flooded.
   */
  async verificationLink(attestationId: string): Promise<StoredAttestation | undefined> {
    if (!this.deps.attestations) throw new ProbityError('attestations_unavailable');
    const stored = await this.deps.attestations.stored(attestationId);
    if (!stored) return undefined;
    const hour = hourOf(this.deps.clock.now().toISOString());
    const draft = readDraft(
      { kind: 'public', id: 'anonymous' },
      'attestation.verified',
      stored.subjectId,
      { kind: 'attestation', id: stored.id },
      stored.token,
    );
    await this.deps.audit.recordReadOnce(`attestation.verified:${stored.id}:${hour}`, draft);
    return stored;
  }

  private async disputesRead(actor: AuditActor, disputes: Dispute[]): Promise<Dispute[]> {
    await this.deps.audit.recordReads(disputes.map((dispute) => disputeRead(actor, { dispute })));
    return disputes;
  }
}

function recordRead(actor: AuditActor, record: StoredRecord) {
  return readDraft(
    actor,
    'record.read',
    record.subjectId,
    { kind: 'record', id: record.id, version: record.versions.length },
    record,
  );
}

function disputeRead(actor: AuditActor, shown: { dispute: Dispute; evidence?: readonly Evidence[] }) {
  return readDraft(actor, 'dispute.read', shown.dispute.subjectId, { kind: 'dispute', id: shown.dispute.id }, shown);
}
