import type { LocalisedText } from '../catalog/pack.js';
import type { Dispute, DisputeAnswer, DisputeOutcome } from '../disputes/dispute.js';
import type { EmailPayload } from './outbox-message.js';

export type DisputeStep = 'filed' | 'answered' | 'decided' | 'lapsed';

const day = (time: string) => time.slice(0, 10);

/** A reviewer's outcome as the person who disputed reads it, in English and Chinese. */
const OUTCOME_FOR_SUBJECT: Readonly<Record<DisputeOutcome, readonly [en: string, zh: string]>> = {
  upheld: ['in your favour', '异议成立，作出有利于您的决定'],
  rejected: ['against you: the record stands and counts', '异议不成立，作出不利于您的决定：该记录维持并计入'],
  partially_upheld: [
    "partly in your favour: the institution's correction stands",
    '异议部分成立，作出部分有利于您的决定：以机构更正后的记录为准',
  ],
};

/** The same outcome as the source institution reads it, with what it does to the record. */
const OUTCOME_FOR_INSTITUTION: Readonly<Record<DisputeOutcome, readonly [en: string, zh: string]>> = {
  upheld: [
    "in the person's favour: the record no longer counts (withdrawn, unless you had corrected it)",
    '异议成立，作出有利于当事人的决定：该记录不再计入（已更正的除外，否则予以撤回）',
  ],
  rejected: [
    'against the person: the record stands and counts',
    '异议不成立，作出不利于当事人的决定：该记录维持并计入',
  ],
  partially_upheld: [
    "partly in the person's favour: your correction stands",
    '异议部分成立，作出部分有利于当事人的决定：以您更正后的记录为准',
  ],
};

/** The source institution's answer in words. */
const ANSWER_WORDS: Readonly<Record<DisputeAnswer['kind'], readonly [en: string, zh: string]>> = {
  verify: ['it stands by the record', '维持该记录'],
  correct: ['it corrected the record', '已更正该记录'],
  withdraw: ['it withdrew the record', '已撤回该记录'],
};

/** What the record is and who keeps it, in both languages. */
export interface NoticeContext {
  readonly recordType: LocalisedText;
  readonly institution: LocalisedText;
  /** Where the subject sees the dispute. */
  readonly disputesUrl: string;
  /** The institution's own reference of the disputed record: how its staff find it. */
  readonly sourceRef: string;
}

/** The subject's e-mail at each step of their dispute, in English and Chinese. */
export function subjectNotice(step: DisputeStep, dispute: Dispute, context: NoticeContext): EmailPayload {
  const { recordType, institution, disputesUrl } = context;
  const en = {
    filed:
      `Your dispute about "${recordType.en}" (${institution.en}) is filed. ` +
      `The institution must answer by ${day(dispute.deadline)}. ` +
      (dispute.suspends
        ? 'While it is open, the record does not count.'
        : 'While it is open, the record stays in force, marked as disputed.'),
    answered:
      `${institution.en} answered your dispute about "${recordType.en}": ` +
      `${dispute.answer ? ANSWER_WORDS[dispute.answer.kind][0] : ''}. ${dispute.answer?.reason ?? ''}`,
    decided:
      `Your dispute about "${recordType.en}" was decided ` +
      `${dispute.decision ? OUTCOME_FOR_SUBJECT[dispute.decision.outcome][0] : ''}. ` +
      `Reasons: ${dispute.decision?.reasons ?? ''}`,
    lapsed:
      `Your dispute about "${recordType.en}" was not decided by ${day(dispute.deadline)}, ` +
      `so the record no longer counts until it is verified.`,
  }[step];
  const zh = {
    filed:
      `您对"${recordType.zh}"（${institution.zh}）提出的异议已提交。` +
      `该机构须于${day(dispute.deadline)}前答复。` +
      (dispute.suspends ? '异议处理期间，该记录暂不计入。' : '异议处理期间，该记录继续有效，并标注"有异议"。'),
    answered:
      `${institution.zh}已答复您对"${recordType.zh}"的异议：` +
      `${dispute.answer ? ANSWER_WORDS[dispute.answer.kind][1] : ''}。${dispute.answer?.reason ?? ''}`,
    decided:
      `您对"${recordType.zh}"的异议已作出决定：` +
      `${dispute.decision ? OUTCOME_FOR_SUBJECT[dispute.decision.outcome][1] : ''}。` +
      `理由：${dispute.decision?.reasons ?? ''}`,
    lapsed: `您对"${recordType.zh}"的异议未在${day(dispute.deadline)}前作出决定，该记录在核实前不再计入。`,
  }[step];
  const subjects = {
    filed: ['Your dispute is filed', '您的异议已提交'],
    answered: ['The institution answered your dispute', '机构已答复您的异议'],
    decided: ['Your dispute was decided', '您的异议已作出决定'],
    lapsed: ['Your dispute was not decided in time', '您的异议逾期未决'],
  }[step];
  return {
    subject: `Probity: ${subjects[0]} / ${subjects[1]}`,
    text: `${en}\n${disputesUrl}\n\n${zh}\n${disputesUrl}\n`,
  };
}

/** The source institution's e-mail when a dispute about one of its records arrives. */
export function institutionNotice(dispute: Dispute, context: NoticeContext, answerUrl: string): EmailPayload {
  const { recordType, sourceRef } = context;
  return {
    subject: `Probity: a record of yours is disputed / 您报送的记录被提出异议`,
    text:
      `A subject disputes a record of type "${recordType.en}" (your reference ${sourceRef}). ` +
      `Answer by ${day(dispute.deadline)}: ` +
      `verify it with a reason, correct it or withdraw it. Without a decision by then the record stops counting.\n` +
      `Grounds: ${dispute.grounds}\n${answerUrl}\n\n` +
      `有当事人对您报送的"${recordType.zh}"记录（贵机构编号${sourceRef}）提出异议。` +
      `请于${day(dispute.deadline)}前答复：` +
      `说明理由予以维持、更正或撤回。逾期未决的，该记录不再计入。\n` +
      `异议理由：${dispute.grounds}\n${answerUrl}\n`,
  };
}

/** The source institution's e-mail when a reviewer decides a dispute about one of its records. */
export function institutionDecisionNotice(dispute: Dispute, context: NoticeContext, answerUrl: string): EmailPayload {
  const { recordType, sourceRef } = context;
  const [en, zh] = dispute.decision ? OUTCOME_FOR_INSTITUTION[dispute.decision.outcome] : ['', ''];
  const reasons = dispute.decision?.reasons ?? '';
  return {
    subject: 'Probity: a dispute about your record was decided / 对您报送记录的异议已作出决定',
    text:
      `A reviewer decided the dispute about your record of type "${recordType.en}" ` +
      `(your reference ${sourceRef}): ${en}.\nReasons: ${reasons}\n${answerUrl}\n\n` +
      `复核人员已对您报送的"${recordType.zh}"记录（贵机构编号${sourceRef}）的异议作出决定：${zh}。\n` +
      `理由：${reasons}\n${answerUrl}\n`,
  };
}
