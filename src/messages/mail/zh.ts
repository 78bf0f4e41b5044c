import type { MailKey } from '../../domain/notifications/mail-text.js';

/** 中文邮件（ICU MessageFormat；取值见 src/domain/notifications）。 */
export const ZH_MAIL: Readonly<Record<MailKey, string>> = {
  negativeRecordSubject: '关于您的新记录',
  negativeRecordBody:
    '{institution}报送了关于您的"{recordType}"记录，生效日期{effective}。如有错误，您可以提出异议：{url}',
  listingSubject: '您将被列入名单',
  listingBody: '您将被列入"{list}"，自{activeFrom}起生效。查看限制措施、移出方式及如何提出异议：{url}',
  disputeStepSubject:
    '{step, select, filed {您的异议已提交} answered {机构已答复您的异议} decided {您的异议已作出决定} other {您的异议逾期未决}}',
  disputeStepBody:
    '{step, select, ' +
    'filed {您对"{recordType}"（{institution}）提出的异议已提交。该机构须于{deadline}前答复。' +
    '{suspends, select, yes {异议处理期间，该记录暂不计入。} other {异议处理期间，该记录继续有效，并标注"有异议"。}}} ' +
    'answered {{institution}已答复您对"{recordType}"的异议：' +
    '{answer, select, verify {维持该记录} correct {已更正该记录} withdraw {已撤回该记录} other {}}。{answerReason}} ' +
    'decided {您对"{recordType}"的异议已作出决定：' +
    '{outcome, select, upheld {异议成立，作出有利于您的决定} rejected {异议不成立，作出不利于您的决定：该记录维持并计入} ' +
    'partially_upheld {异议部分成立，作出部分有利于您的决定：以机构更正后的记录为准} other {}}。理由：{reasons}} ' +
    'other {您对"{recordType}"的异议未在{deadline}前作出决定，该记录在核实前不再计入。}}\n{url}',
  institutionDisputedSubject: '您报送的记录被提出异议',
  institutionDisputedBody:
    '有当事人对您报送的"{recordType}"记录（贵机构编号{sourceRef}）提出异议。请于{deadline}前答复：' +
    '说明理由予以维持、更正或撤回。逾期未决的，该记录不再计入。\n异议理由：{grounds}\n{url}',
  institutionDecidedSubject: '对您报送记录的异议已作出决定',
  institutionDecidedBody:
    '复核人员已对您报送的"{recordType}"记录（贵机构编号{sourceRef}）的异议作出决定：' +
    '{outcome, select, upheld {异议成立，作出有利于当事人的决定：该记录不再计入（已更正的除外，否则予以撤回）} ' +
    'rejected {异议不成立，作出不利于当事人的决定：该记录维持并计入} ' +
    'partially_upheld {异议部分成立，作出部分有利于当事人的决定：以您更正后的记录为准} other {}}。\n理由：{reasons}\n{url}',
};
