import type { MailKey } from '../../domain/notifications/mail-text.js';

/** E-mails in English (ICU MessageFormat; the values are named in src/domain/notifications). */
export const EN_MAIL: Readonly<Record<MailKey, string>> = {
  negativeRecordSubject: 'a new record about you',
  negativeRecordBody:
    '{institution} recorded "{recordType}" about you, effective {effective}. If it is wrong, you can dispute it: {url}',
  listingSubject: 'you are being placed on a list',
  listingBody:
    'You are being placed on "{list}". It takes effect on {activeFrom}. ' +
    'See what it restricts, how to be removed, and how to dispute it: {url}',
  disputeStepSubject:
    '{step, select, filed {Your dispute is filed} answered {The institution answered your dispute} ' +
    'decided {Your dispute was decided} other {Your dispute was not decided in time}}',
  disputeStepBody:
    '{step, select, ' +
    'filed {Your dispute about "{recordType}" ({institution}) is filed. The institution must answer by {deadline}. ' +
    '{suspends, select, yes {While it is open, the record does not count.} ' +
    'other {While it is open, the record stays in force, marked as disputed.}}} ' +
    'answered {{institution} answered your dispute about "{recordType}": ' +
    '{answer, select, verify {it stands by the record} correct {it corrected the record} ' +
    'withdraw {it withdrew the record} other {}}. {answerReason}} ' +
    'decided {Your dispute about "{recordType}" was decided ' +
    '{outcome, select, upheld {in your favour} rejected {against you: the record stands and counts} ' +
    "partially_upheld {partly in your favour: the institution's correction stands} other {}}. Reasons: {reasons}} " +
    'other {Your dispute about "{recordType}" was not decided by {deadline}, ' +
    'so the record no longer counts until it is verified.}}\n{url}',
  institutionDisputedSubject: 'a record of yours is disputed',
  institutionDisputedBody:
    'A subject disputes a record of type "{recordType}" (your reference {sourceRef}). Answer by {deadline}: ' +
    'verify it with a reason, correct it or withdraw it. Without a decision by then the record stops counting.\n' +
    'Grounds: {grounds}\n{url}',
  institutionDecidedSubject: 'a dispute about your record was decided',
  institutionDecidedBody:
    'A reviewer decided the dispute about your record of type "{recordType}" (your reference {sourceRef}): ' +
    "{outcome, select, upheld {in the person's favour: the record no longer counts (withdrawn, unless you had corrected it)} " +
    'rejected {against the person: the record stands and counts} ' +
    "partially_upheld {partly in the person's favour: your correction stands} other {}}.\nReasons: {reasons}\n{url}",
};
