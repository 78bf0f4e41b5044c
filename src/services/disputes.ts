import { objectHash, type AuditActor } from '../domain/audit/audit-entry.js';
import type { InstitutionFigures } from '../domain/disputes/institution-figures.js';
import { priorRecipients } from '../domain/disputes/prior-recipients.js';
import { reviewConflict, type Reviewer } from '../domain/disputes/review-conflict.js';
import {
  institutionDecisionNotice,
  institutionNotice,
  subjectNotice,
  type DisputeStep,
  type NoticeContext,
} from '../domain/notifications/dispute-notices.js';
import type { MailText } from '../domain/notifications/mail-text.js';
import type { OutboxMessage } from '../domain/notifications/outbox-message.js';
import { composeMail } from './mail-composer.js';
import type { Catalog } from '../domain/catalog/catalog.js';
import { disputeDeadline } from '../domain/disputes/dispute-deadline.js';
import {
  disputeStatus,
  GROUNDS_MAX_CHARACTERS,
  STATEMENT_MAX_WORDS,
  statementWords,
  type Dispute,
  type DisputeAnswer,
  type DisputeOutcome,
  type DisputeTarget,
} from '../domain/disputes/dispute.js';
import { ProbityError } from '../errors.js';
import { createHash } from 'node:crypto';
import { fileTypeFromBuffer } from 'file-type';
import {
  EVIDENCE_MAX_BYTES,
  EVIDENCE_MAX_FILES,
  isEvidenceMediaType,
  type Evidence,
  type EvidenceMediaType,
} from '../domain/disputes/evidence.js';
import type { Subject } from '../store/store.js';
import type { CorrectionNotice } from '../domain/feed/feed-event.js';

import type { RecordStore } from '../store/record-store.js';
import type { ListStore } from '../store/list-store.js';
import type { OutboxStore } from '../store/outbox-store.js';
import type { AuditStore } from '../store/audit-store.js';
import type { DisputeStore } from '../store/dispute-store.js';
import type { Clock } from './clock.js';
import { DisputeFigures } from './dispute-figures.js';
import type { RecordChanges } from './record-changes.js';
import { subjectAuditTrail } from './subject-audit-trail.js';

export interface DisputeFiling {
  readonly recordId?: string | undefined;
  readonly entryId?: string | undefined;
  readonly grounds: string;
  readonly statement?: string | undefined;
}

/** A file whose content checkEvidence has read: a type evidence may be, within the size limit. */
export interface CheckedEvidence {
  readonly content: Uint8Array;
  readonly mediaType: EvidenceMediaType;
}

export interface DisputeAnswerRequest {
  readonly kind: DisputeAnswer['kind'];
  readonly reason: string;
  /** For `correct`: the corrected payload (and effective time), as for a correction. */
  readonly payload?: Readonly<Record<string, unknown>>;
  readonly effectiveAt?: string;
}

/**
 * Disputes (design.md, principle 4): a subject contests a record or list entry; the
 * source institution answers; a reviewer decides; a deadline the code enforces (state
 * from timestamps: a lapsed dispute takes the record out of the rating without any job).
 */
export class Disputes {
  private readonly figures: DisputeFigures;

  constructor(
    private readonly deps: {
      readonly store: DisputeStore & OutboxStore & ListStore & RecordStore & AuditStore;
      readonly catalog: Catalog;
      readonly clock: Clock;
      readonly newId: () => string;
      readonly changes: RecordChanges;
      /** Base of the links in notices. */
      readonly publicUrl: string;
    },
  ) {
    this.figures = new DisputeFigures(deps);
  }

  /** Files a dispute about one of the subject's own records or list entries. */
  async file(subject: Subject, filing: DisputeFiling): Promise<Dispute> {
    const { store, catalog, clock, newId } = this.deps;
    const grounds = filing.grounds.trim();
    if (grounds === '' || grounds.length > GROUNDS_MAX_CHARACTERS) {
      throw new ProbityError('invalid_field', `grounds must be 1 to ${GROUNDS_MAX_CHARACTERS} characters`, {
        path: '/grounds',
      });
    }
    const statement = filing.statement?.trim() || null;
    if (statement && statementWords(statement) > STATEMENT_MAX_WORDS) {
      throw new ProbityError(
        'invalid_field',
        `the statement shown beside the record may have at most ${STATEMENT_MAX_WORDS} words`,
        { path: '/statement' },
      );
    }
    const { target, institution, suspends } = await this.targetOf(subject, filing);
    const open = (await store.disputesOf([subject.id])).find(
      (d) => sameTarget(d.target, target) && d.decision === null,
    );
    if (open)
      throw new ProbityError('dispute_exists', `dispute ${open.id} about this is still undecided`, {
        disputeId: open.id,
      });
    const filedAt = clock.now().toISOString();
    const dispute: Dispute = {
      id: newId(),
      subjectId: subject.id,
      target,
      institution,
      grounds,
      statement,
      suspends,
      filedAt,
      deadline: disputeDeadline(filedAt, catalog.pack.manifest.disputes),
      answer: null,
      decision: null,
    };
    const context = await this.noticeContext(dispute);
    const messages = [
      ...(await this.subjectNotices('filed', dispute, context)),
      ...this.institutionNotices(
        dispute,
        'dispute.filed',
        institutionNotice(dispute, context, this.answerUrl()),
        filedAt,
      ),
    ];
    await store.fileDispute(
      dispute,
      this.draft({ kind: 'subject', id: subject.id }, 'dispute.filed', dispute, filedAt),
      messages,
    );
    this.figures.invalidate();
    return dispute;
  }

  /** The source institution's answer: verify, correct (a new version) or withdraw the record. */
  async answer(institution: string, disputeId: string, request: DisputeAnswerRequest): Promise<Dispute> {
    const { store, clock, changes } = this.deps;
    const dispute = await store.dispute(disputeId);
    if (!dispute || dispute.institution !== institution)
      throw new ProbityError('not_found', `no dispute ${disputeId} about your institution's records`);
    const at = clock.now().toISOString();
    if (disputeStatus(dispute, at) === 'decided')
      throw new ProbityError('dispute_closed', `dispute ${disputeId} has been decided`);
    const reason = request.reason.trim();
    if (reason === '')
      throw new ProbityError('invalid_field', 'an answer needs a reason the subject can read', { path: '/reason' });
    // The version's reason is what the person reads in the record's history: the reason in words.
    // Which dispute caused it is in the audit log (dispute.answered, with the dispute's id).
    if (request.kind === 'withdraw') await changes.withdraw(institution, dispute.target.recordId, reason);
    if (request.kind === 'correct') {
      if (!request.payload)
        throw new ProbityError('invalid_field', 'a correction needs the corrected payload', { path: '/payload' });
      await changes.correct(institution, dispute.target.recordId, {
        payload: request.payload,
        reason,
        ...(request.effectiveAt ? { effectiveAt: request.effectiveAt } : {}),
      });
    }
    const answered: Dispute = { ...dispute, answer: { kind: request.kind, reason, answeredAt: at } };
    const change = request.kind === 'withdraw' ? 'withdrawn' : request.kind === 'correct' ? 'corrected' : undefined;
    const corrections = change ? await this.corrections(dispute, change, at) : [];
    const messages = [
      ...(await this.subjectNotices('answered', answered)),
      ...(await this.correctionHooks(corrections, at)),
    ];
    await store.updateDispute(
      answered,
      'dispute.answered',
      this.draft({ kind: 'institution', id: institution }, 'dispute.answered', answered, at),
      corrections,
      messages,
    );
    this.figures.invalidate();
    return answered;
  }

  /**
   * A reviewer's decision. Upheld: the record is withdrawn unless the source already withdrew
   * or corrected it. Rejected: it counts again, with reasons the subject sees. Partially
   * upheld: the source's correction stands.
   */
  async decide(reviewer: Reviewer, disputeId: string, outcome: DisputeOutcome, reasons: string): Promise<Dispute> {
    const { store, clock, changes } = this.deps;
    const dispute = await store.dispute(disputeId);
    if (!dispute) throw new ProbityError('not_found', `no dispute ${disputeId}`);
    const conflict = reviewConflict(dispute, reviewer);
    if (conflict) throw new ProbityError('review_conflict', `you may not decide dispute ${disputeId}: ${conflict}`);
    const at = clock.now().toISOString();
    if (disputeStatus(dispute, at) === 'decided')
      throw new ProbityError('dispute_closed', `dispute ${disputeId} has been decided`);
    if (reasons.trim() === '')
      throw new ProbityError('invalid_field', 'a decision needs reasons the subject can read', { path: '/reasons' });
    const withdraws = outcome === 'upheld' && dispute.answer?.kind !== 'withdraw' && dispute.answer?.kind !== 'correct';
    if (withdraws) await changes.withdraw(dispute.institution, dispute.target.recordId, reasons.trim());
    const decided: Dispute = {
      ...dispute,
      decision: { outcome, reasons: reasons.trim(), reviewer: reviewer.id, decidedAt: at },
    };
    const corrections = withdraws ? await this.corrections(dispute, 'withdrawn', at) : [];
    const context = await this.noticeContext(decided);
    const messages = [
      ...(await this.subjectNotices('decided', decided, context)),
      ...this.institutionNotices(
        decided,
        'dispute.decided',
        institutionDecisionNotice(decided, context, this.answerUrl()),
        at,
      ),
      ...(await this.correctionHooks(corrections, at)),
    ];
    await store.updateDispute(
      decided,
      'dispute.decided',
      this.draft({ kind: 'staff', id: reviewer.id }, 'dispute.decided', decided, at),
      corrections,
      messages,
    );
    this.figures.invalidate();
    return decided;
  }

  /**
   * Announces the disputes whose deadline passed without a decision: each once, with a
   * correction for the relying parties that screened the subject (the record stopped
   * counting at the deadline whether or not this ran; this only tells people).
   */
  async announceLapses(limit = 100): Promise<number> {
    const { store, clock } = this.deps;
    const at = clock.now().toISOString();
    let announced = 0;
    for (const dispute of await store.unannouncedLapses(at, limit)) {
      const corrections = await this.corrections(dispute, 'lapsed', at);
      const messages = [
        ...(await this.subjectNotices('lapsed', dispute)),
        ...(await this.correctionHooks(corrections, at)),
      ];
      const draft = this.draft({ kind: 'operator', id: 'dispute-sweeper' }, 'dispute.lapsed', dispute, at);
      if (await store.announceLapse(dispute, draft, corrections[0], messages)) announced++;
    }
    return announced;
  }

  async ofSubject(subject: Subject): Promise<Dispute[]> {
    return this.deps.store.disputesOf([subject.id]);
  }

  /**
   * Adds a file to one of the subject's undecided disputes. Its type is what its content
   * shows (file-type reads the bytes), never its name: only PDF and images are kept.
   */
  async addEvidence(subject: Subject, disputeId: string, file: CheckedEvidence): Promise<Evidence> {
    const { store, clock, newId } = this.deps;
    const dispute = await store.dispute(disputeId);
    if (!dispute || dispute.subjectId !== subject.id)
      throw new ProbityError('not_found', `no dispute ${disputeId} of yours`);
    if (dispute.decision !== null) throw new ProbityError('dispute_closed', `dispute ${disputeId} has been decided`);
    if ((await store.evidenceOf(disputeId)).length >= EVIDENCE_MAX_FILES) {
      throw new ProbityError('evidence_refused', `a dispute may have at most ${EVIDENCE_MAX_FILES} files`);
    }
    const { content, mediaType } = file;
    const addedAt = clock.now().toISOString();
    const evidence: Evidence = {
      id: newId(),
      disputeId,
      subjectId: subject.id,
      mediaType,
      size: content.byteLength,
      sha256: createHash('sha256').update(content).digest('hex'),
      addedAt,
    };
    await store.addEvidence(evidence, content, {
      time: addedAt,
      actor: { kind: 'subject', id: subject.id },
      action: 'dispute.evidence_added',
      subject: subject.id,
      object: { kind: 'dispute', id: disputeId },
      objectHash: evidence.sha256,
      detail: { mediaType: evidence.mediaType, size: evidence.size },
    });
    return evidence;
  }

  /**
   * A file with the type its content shows, when it is one evidence may be; a typed error
   * otherwise. Callers check every file before they file or store anything.
   */
  async checkEvidence(content: Uint8Array): Promise<CheckedEvidence> {
    if (content.byteLength > EVIDENCE_MAX_BYTES)
      throw new ProbityError('payload_too_large', `a file may have at most ${EVIDENCE_MAX_BYTES / 1024 / 1024} MiB`);
    const detected = await fileTypeFromBuffer(content);
    if (!isEvidenceMediaType(detected?.mime)) {
      throw new ProbityError(
        'evidence_refused',
        `the file's content is ${detected ? detected.mime : 'not a known file type'}; ` +
          `only PDF, PNG, JPEG or WebP files are accepted`,
      );
    }
    return { content, mediaType: detected.mime };
  }

  async evidenceOf(disputeId: string): Promise<Evidence[]> {
    return this.deps.store.evidenceOf(disputeId);
  }

  /**
   * A file's content for a party to its dispute: the subject, the source institution, or a
   * reviewer without a conflict. To anyone else it does not exist.
   */
  async evidenceFor(
    party: { subjectId: string } | { institution: string } | { reviewer: Reviewer },
    evidenceId: string,
  ) {
    const { store } = this.deps;
    const found = await store.evidenceContent(evidenceId);
    const dispute = found && (await store.dispute(found.evidence.disputeId));
    const allowed =
      dispute &&
      ('subjectId' in party
        ? dispute.subjectId === party.subjectId
        : 'institution' in party
          ? dispute.institution === party.institution
          : reviewConflict(dispute, party.reviewer) === undefined);
    if (!found || !allowed) throw new ProbityError('not_found', `no file ${evidenceId}`);
    return found;
  }

  /** Every source institution's dispute figures now (public). */
  institutionFigures(): Promise<InstitutionFigures[]> {
    return this.figures.current();
  }

  /**
   * Undecided disputes, soonest deadline first: an institution's, or (undefined) everyone's for
   * the reviewers' queue.
   */
  async undecided(institution: string | undefined, limit = 500): Promise<Dispute[]> {
    return this.deps.store.undecidedDisputes(institution, limit);
  }

  /**
   * The identifiers of the subject a dispute is about. Personal data: a reviewer reads them
   * through PersonalDataReads, which logs the read.
   */
  async subjectIdentifiers(dispute: Dispute): Promise<readonly { scheme: string; value: string }[]> {
    const [listings] = await this.deps.store.listingsOf([dispute.subjectId]);
    return listings?.identifiers ?? [];
  }

  async byId(id: string): Promise<Dispute | undefined> {
    return this.deps.store.dispute(id);
  }

  private async targetOf(
    subject: Subject,
    filing: DisputeFiling,
  ): Promise<{ target: DisputeTarget; institution: string; suspends: boolean }> {
    const { store, catalog } = this.deps;
    if ((filing.recordId === undefined) === (filing.entryId === undefined)) {
      throw new ProbityError(
        'invalid_field',
        'name either the record (recordId) or the list entry (entryId) you dispute',
        { path: '/recordId' },
      );
    }
    if (filing.entryId !== undefined) {
      const entry = (await store.listEntries(subject.id)).find((e) => e.id === filing.entryId);
      const basis = entry && (await store.record(entry.basisRecordId));
      if (!entry || !basis) throw new ProbityError('not_found', `no list entry ${filing.entryId} about you`);
      return {
        target: { kind: 'list_entry', entryId: entry.id, recordId: basis.id },
        institution: basis.institution,
        suspends: catalog.list(entry.listCode)?.disputeSuspends ?? false,
      };
    }
    const record = await store.record(filing.recordId!);
    // Another subject's record does not exist as far as this subject can tell.
    if (!record || record.subjectId !== subject.id)
      throw new ProbityError('not_found', `no record ${filing.recordId} about you`);
    return {
      target: { kind: 'record', recordId: record.id },
      institution: record.institution,
      suspends: catalog.recordType(record.type)?.disputeSuspends ?? false,
    };
  }

  /** The subject's e-mail for a step of their dispute, when the subject left an address at sign-in. */
  private async subjectNotices(step: DisputeStep, dispute: Dispute, context?: NoticeContext): Promise<OutboxMessage[]> {
    const email = [...(await this.deps.store.contactsOf(await this.subjectIdentifiers(dispute))).values()][0];
    if (!email) return [];
    const at = this.deps.clock.now().toISOString();
    return [
      this.email(
        email,
        `dispute.${step}`,
        subjectNotice(step, dispute, context ?? (await this.noticeContext(dispute))),
        at,
      ),
    ];
  }

  /** A signed webhook call for each relying party that registered one and must hear of the correction. */
  private async correctionHooks(corrections: readonly CorrectionNotice[], at: string): Promise<OutboxMessage[]> {
    const messages: OutboxMessage[] = [];
    for (const correction of corrections) {
      for (const [relyingParty, checkIds] of Object.entries(correction.relyingParties)) {
        const hook = await this.deps.store.webhookOf(relyingParty);
        if (!hook) continue;
        const event = { type: 'correction', change: correction.change, disputeId: correction.disputeId, checkIds };
        messages.push({
          id: this.deps.newId(),
          channel: 'webhook',
          recipient: hook.url,
          topic: 'correction',
          payload: { relyingParty, event },
          createdAt: at,
        });
      }
    }
    return messages;
  }

  /** The source institution's e-mail, when the pack gives it a contact address for disputes. */
  private institutionNotices(dispute: Dispute, topic: string, text: MailText, at: string): OutboxMessage[] {
    const address = this.deps.catalog.institution(dispute.institution)?.contactEmail;
    return address ? [this.email(address, topic, text, at)] : [];
  }

  /** Where an institution answers its disputes (the API; it has no portal pages). */
  private answerUrl(): string {
    return `${this.deps.publicUrl}/v1/institution/disputes`;
  }

  private email(to: string, topic: string, text: MailText, at: string): OutboxMessage {
    const payload = composeMail(text, this.deps.catalog);
    return { id: this.deps.newId(), channel: 'email', recipient: to, topic, payload, createdAt: at };
  }

  /** What the notices name: the disputed record's type and its source, in both languages. */
  private async noticeContext(dispute: Dispute): Promise<NoticeContext> {
    const { catalog, store } = this.deps;
    const record = await store.record(dispute.target.recordId);
    return {
      recordType: (record && catalog.recordType(record.type)?.title) ?? { en: 'record', zh: '记录' },
      institution: catalog.institution(dispute.institution)?.name ?? {
        en: dispute.institution,
        zh: dispute.institution,
      },
      disputesUrl: `${this.deps.publicUrl}/me/disputes`,
      sourceRef: record?.sourceRef ?? '',
    };
  }

  /** The correction for the relying parties that screened the subject in the reach window, if any did. */
  private async corrections(
    dispute: Dispute,
    change: CorrectionNotice['change'],
    at: string,
  ): Promise<CorrectionNotice[]> {
    const relyingParties = priorRecipients(await subjectAuditTrail(this.deps.store, dispute.subjectId), at);
    return Object.keys(relyingParties).length === 0 ? [] : [{ disputeId: dispute.id, change, relyingParties }];
  }

  private draft(
    actor: AuditActor,
    action: 'dispute.filed' | 'dispute.answered' | 'dispute.decided' | 'dispute.lapsed',
    dispute: Dispute,
    time: string,
  ) {
    return {
      time,
      actor,
      action,
      subject: dispute.subjectId,
      object: { kind: 'dispute', id: dispute.id } as const,
      objectHash: objectHash(dispute),
    };
  }
}

function sameTarget(a: DisputeTarget, b: DisputeTarget): boolean {
  return (
    a.kind === b.kind &&
    a.recordId === b.recordId &&
    (a.kind === 'record' || (b.kind === 'list_entry' && a.entryId === b.entryId))
  );
}
