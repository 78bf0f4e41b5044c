import type { LocalisedText } from '../catalog/pack.js';
import type { Dispute } from '../disputes/dispute.js';
import type { MailText } from './mail-text.js';

export type DisputeStep = 'filed' | 'answered' | 'decided' | 'lapsed';

/** What the record is and who keeps it, in the pack's languages. */
export interface NoticeContext {
  readonly recordType: LocalisedText;
  readonly institution: LocalisedText;
  /** Where the subject sees the dispute. */
  readonly disputesUrl: string;
  /** The institution's own reference of the disputed record: how its staff find it. */
  readonly sourceRef: string;
}

/**
 * The subject's e-mail at each step of their dispute. The catalogs choose the words by `step`,
 * the answer's kind and the decision's outcome (codes here, sentences there).
 */
export function subjectNotice(step: DisputeStep, dispute: Dispute, context: NoticeContext): MailText {
  const { recordType, institution, disputesUrl } = context;
  return {
    subject: { key: 'disputeStepSubject', values: { step } },
    body: {
      key: 'disputeStepBody',
      values: {
        step,
        recordType,
        institution,
        deadline: { date: dispute.deadline },
        suspends: dispute.suspends ? 'yes' : 'no',
        answer: dispute.answer?.kind ?? 'none',
        answerReason: dispute.answer?.reason ?? '',
        outcome: dispute.decision?.outcome ?? 'none',
        reasons: dispute.decision?.reasons ?? '',
        url: disputesUrl,
      },
    },
  };
}

/** The source institution's e-mail when a dispute about one of its records arrives. */
export function institutionNotice(dispute: Dispute, context: NoticeContext, answerUrl: string): MailText {
  const { recordType, sourceRef } = context;
  return {
    subject: { key: 'institutionDisputedSubject' },
    body: {
      key: 'institutionDisputedBody',
      values: { recordType, sourceRef, deadline: { date: dispute.deadline }, grounds: dispute.grounds, url: answerUrl },
    },
  };
}

/** The source institution's e-mail when a reviewer decides a dispute about one of its records. */
export function institutionDecisionNotice(dispute: Dispute, context: NoticeContext, answerUrl: string): MailText {
  const { recordType, sourceRef } = context;
  return {
    subject: { key: 'institutionDecidedSubject' },
    body: {
      key: 'institutionDecidedBody',
      values: {
        recordType,
        sourceRef,
        outcome: dispute.decision?.outcome ?? 'none',
        reasons: dispute.decision?.reasons ?? '',
        url: answerUrl,
      },
    },
  };
}
