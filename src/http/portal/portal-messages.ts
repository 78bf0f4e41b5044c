import { labelOf } from './code-labels.js';
import Negotiator from 'negotiator';
import { formatIcu } from '../../messages/icu-message.js';
import { localDate, localMinute, timeZoneName } from '../../domain/time/zoned-time.js';
import type { LegalBasis, LocalisedText } from '../../domain/catalog/pack.js';
import { citationIn } from '../../domain/catalog/legal-basis-text.js';

/** The portal's languages: English and Simplified Chinese (pack texts carry both). */
export const PORTAL_LANGUAGES = ['en', 'zh'] as const;
export type PortalLanguage = (typeof PORTAL_LANGUAGES)[number];

const EN = {
  siteName: 'Probity',
  skipToContent: 'Skip to content',
  languageSwitch: '中文',
  navRating: 'My rating',
  navRecords: 'My records',
  navLists: 'Lists and restrictions',
  navAccess: 'Who looked at my data',
  signIn: 'Sign in',
  signInWith: 'Sign in with the national identity service',
  signOut: 'Sign out',
  signedInAs: 'Signed in as',
  actingFor: 'Showing data about',
  actingSelf: 'Yourself ({name})',
  actingOrganization: 'The organization with code {code}',
  switchTo: 'Show',
  signInTitle: 'Sign in to see what is held about you',
  homeTitle: 'The public credit-information registry',
  homeIntro:
    'Courts, tax offices, regulators and other public bodies record here what they have decided about persons, ' +
    'companies and government bodies. Published rules turn those records into ratings with reasons. Every ' +
    'change and every look at personal data is logged, and everyone can see what is held about them and dispute it.',
  homeYours: 'What is held about you',
  homePublic: 'What anyone can see, without signing in',
  navPublishedLists: 'Published lists',
  signInIntro:
    'Sign in with the national identity service. You will see every record held about you, your ' +
    'rating and why, any list entry with how to get off it, and everyone who looked at your data.',
  signInNotConfigured: 'Sign-in is not available on this deployment: no identity provider is configured.',
  noSubject:
    'Probity holds no records about this identifier. Nobody has ' +
    'submitted anything about you, and there is nothing to rate.',
  staffOnly: 'You are signed in as staff, with no records of your own here. Your roles:',
  noIdentity: 'Your identity provider did not send an identifier this registry knows, so there is nothing to show.',
  ratingTitle: 'My rating',
  score: 'Score',
  scoreOnScale: '{score} on a scale from {min} to {max}',
  becauseOf: 'Because of: ',
  record: 'record',
  unpublishedRecords: '{count, plural, one {# record that is not published} other {# records that are not published}}',
  band: 'Band',
  asOf: 'As of',
  rulebook: 'Rulebook',
  loweredBy: 'What lowered your score',
  raisedBy: 'What raised your score',
  loweredByPublic: 'What lowered the score',
  raisedByPublic: 'What raised the score',
  noFactors: 'Nothing.',
  ceilingHeld: 'Your records alone give {uncapped} points; while you are on the list your score is held at {score}.',
  ceilingHeldPublic:
    'The records alone give {uncapped} points; while the entry is in force the score is held at {score}.',
  ceilingOwnEntries: 'See your list entries',
  codeLabel: 'code {code}',
  moreResults: 'More results',
  listHolds:
    '{count, plural, =0 {Nobody is on this list now.} one {One subject is on this list now.} other {# subjects are on this list now.}} Search it by a name or a part of one, or by an identifier.',
  nextStepsTitle: 'What you can do',
  nextBand: '{points, plural, one {# more point} other {# more points}} would take you to {band}.',
  topBand: 'You are in the top band.',
  nextBandAfterList: 'Your band can rise only once you are off the list: see below how that happens.',
  fadingTitle: 'When what lowered your score fades',
  fading:
    '{reason} ({points, number} points): {decay, select, half {its points halve every {days, plural, one {# day} other {# days}}} linear {it fades steadily} other {it counts in full}} ' +
    '{end, select, outstanding {until the obligation is met, and for {years, plural, one {# year} other {# years}} after that. Meeting it is the surest way to raise your rating.} other {and stops counting on {date}.}}',
  listingExitsTitle: 'How to come off a list',
  listingExit:
    '{list}: you come off it at once when one of these is recorded{key, select, none {} other { for {key}}}:',
  listingOtherwise: 'Otherwise the entry ends on {until}.',
  somethingWrongTitle: 'If something here is wrong',
  somethingWrong:
    'Dispute the record or list entry. The institution that sent it must verify it within {days, plural, one {# day} other {# days}}, or it stops counting.',
  startDispute: 'Start a dispute',
  ceilingsTitle: 'Lists that cap the rating',
  ceilingsIntro:
    'While a subject is on one of these lists its band is at most the one named, whatever its records add up to; the score is then held at the top of that band.',
  ceilingAtMost: 'While on the {list}, the band is at most {band}.',
  points: 'Points',
  notRated: 'No published rulebook rates this kind of subject, so there is no rating.',
  recordsTitle: 'My records',
  recordsIntro: 'Every record any institution has submitted about you, with its source and legal basis.',
  noRecords: 'No records.',
  type: 'Type',
  source: 'Source',
  legalBasis: 'Legal basis',
  effective: 'Effective',
  status: 'Status',
  versions: 'Versions',
  category: 'Category',
  all: 'All',
  filter: 'Filter',
  listsTitle: 'Lists and restrictions',
  listsIntro: 'Enforcement lists you are or were on, what each entry forbids, and how to be removed.',
  noEntries:
    'You are not on any enforcement list. Findings a regulator keeps in its own registers are on your records page: they restrict nothing here.',
  list: 'List',
  since: 'Since',
  until: 'Until',
  basisRecord: 'Basis record',
  basisRecordLink: 'The decision that put you on the list',
  listedOn: 'Listed on',
  appliesFrom: 'Restrictions apply from',
  takenOffOn: 'Taken off the list on',
  restrictions: 'Restrictions',
  howToBeRemoved: 'How to be removed',
  removedBy: 'Removed when the source records one of',
  accessTitle: 'Who looked at my data',
  accessIntro:
    'Every screening check, staff view and export of your data, newest ' +
    'first. Each links to its proof in the tamper-evident audit log.',
  noAccess: 'Nobody has looked at your data.',
  when: 'When',
  what: 'What',
  whatHappened: 'What happened',
  proof: 'Proof',
  timesIn: 'Times are {zone}.',
  whoYou: 'You (or your representative)',
  whoAnyoneWithLink: 'Anyone with the link',
  whoSomeone: 'Someone',
  whoStaff: 'A Probity staff member',
  whoOperator: "The registry's operator",
  lookedCheck: '{who} checked whether you may {asked}: {decision, select, allow {allowed} other {not allowed}}.',
  lookedCheckRefused: '{who} asked whether you may {asked}, but is not registered to ask that: it got no answer.',
  lookedRecords: '{who} viewed your records.',
  lookedRating: '{who} viewed your rating.',
  lookedAudit: '{who} viewed the audit log entries about you.',
  lookedFeed: '{who} received a change to your data through its update feed.',
  lookedListSearch: '{who} searched a published list, and your entry was among the results.',
  lookedSignIn: '{who} signed in to this portal.',
  lookedReportIssued: '{who} issued a signed report about you.',
  lookedReportVerified: '{who} opened your signed report to check it.',
  lookedDispute: '{who} viewed your dispute.',
  lookedEvidence: '{who} opened a file attached to your dispute.',
  lookedOther: '{who}: {action}.',
  proofLink: 'Proof: log entry {index}',
  notFoundTitle: 'Not found',
  attestTitle: 'A signed report to share',
  attestIntro:
    'Get a report signed by the registry that a landlord or employer can check without asking anyone. You ' +
    'choose how much it shows; it is valid for 30 days, and issuing it appears in who looked at your data.',
  disclosureLabel: 'What it shows',
  disclosureRating: 'Only my rating band and its date',
  disclosureFull: 'My rating, every record and every list entry',
  attestButton: 'Issue the signed report',
  attestIssuedTitle: 'Your signed report',
  attestScan: 'Scan to check this report online',
  attestScanToken: 'The signed report itself, to scan and check offline with the registry’s published key',
  attestCheckAt: 'Or check it online at',
  attestToken: 'The signed report (JWS), for checking offline with the registry’s published key',
  attestDownload: 'Download the report file',
  verifyTitle: 'Check a signed report',
  problemStatus: 'HTTP status',
  problemIntro: 'An answer of the Probity API with this problem type means:',
  verifyIntro: 'Paste a report issued by this registry to check its signature and see what it says.',
  verifyButton: 'Check',
  verifyValid: 'Valid: this report was signed by the registry and has not been changed.',
  verifyInvalid: 'Not valid',
  subjectLabel: 'About',
  issuedLabel: 'Issued',
  expiresLabel: 'Valid until',
  recordsLabel: 'Records',
  entriesLabel: 'List entries',
  notRatedShort: 'not rated',
  attestPaperIntro:
    'Signed by the registry at {issuer}. Anyone can check that it is genuine and unchanged: scan the code below ' +
    'or open the link under it.',
  attestNameLabel: 'Name',
  attestIdLabel: 'ID number',
  attestNoName: 'not given',
  attestAsOf: 'as of {date}',
  attestScoreAsOf: '{score} points, as of {date}',
  attestNoRecords: 'None that still stand.',
  attestNoEntries: 'On no list.',
  attestStandingNote:
    'Withdrawn and expired records, and lists the holder has been taken off, are left out: they no longer count.',
  attestRecordLine:
    '{title}, from {source}, effective {date}: {status}{disputed, select, yes { (disputed, not yet decided)} other {}}',
  attestSomeSource: 'a source institution',
  attestSomeList: 'a list',
  attestEntryLine: '{title}: {status}, from {since} until {until}',
  proofTitle: 'Proof that this access was logged',
  proofWhat: 'This access to your data was written into the public tamper-evident log as entry {index}.',
  proofCheckpoint:
    "The log's signed checkpoint of {size, plural, one {# entry} other {# entries}} includes it: it cannot be " +
    'removed or changed later without that showing.',
  proofVerified:
    "Verified: yes. The server checked this proof against the signed checkpoint with the log's public key.",
  proofNotVerified:
    "Verified: no. The server checked this proof against the signed checkpoint with the log's public key, and " +
    'it does not hold. Please tell the registry.',
  proofAnyone: "Anyone can check it again with the log's public key and the hashes below.",
  proofExperts: 'For experts: the hashes',
  proofReason: 'What did not hold',
  proofEntryText: 'The entry (RFC 8785 canonical JSON)',
  proofLeafHash: 'Leaf hash (RFC 6962)',
  proofPath: 'Inclusion proof (RFC 9162 order)',
  proofRoot: "The checkpoint's root hash",
  proofCheckpointText: 'The signed checkpoint (C2SP tlog-checkpoint)',
  proofPublicKey: "The log's public key",
  proofRawJson: 'The proof as JSON, for tools',
  proofBack: 'Back to who looked at my data',
  historyTitle: 'My rating over the last five years',
  navDisputes: 'My disputes',
  mailboxTitle: 'Demo mailbox',
  mailboxIntro:
    'Every e-mail the demo sent (to subjects and institutions), newest first. In production these go out over SMTP.',
  mailboxEmpty: 'No e-mail yet: file a dispute to see the notices.',
  mailTo: 'To',
  evidenceLabel: 'Evidence (optional): PDF or pictures, up to 5 files of 5 MiB',
  evidenceFile: 'File',
  reviewTitle: 'Dispute review',
  queueIntro:
    'Disputes still without a decision, soonest deadline first. One left past ' +
    "its deadline has already resolved in the person's favour until you decide.",
  queueEmpty: 'No dispute is waiting for a decision.',
  groundsShort: 'Grounds',
  reviewConflict: 'You may not decide this dispute',
  decision: 'Decision',
  reasonsForSubject: 'Reasons (the person reads them)',
  decide: 'Record the decision',
  staffOnlyPage: 'This page is for staff with the reviewer role.',
  transparencyTitle: 'How institutions answer disputes',
  transparencyIntro:
    'For every institution that submits records: the disputes it received, how they ended, ' +
    'and how fast it answered. An institution whose records are often wrong shows here.',
  transparencyChart: 'Disputes per institution by outcome',
  noDisputesYet: 'No disputes have been filed yet.',
  disputesReceived: '{count, plural, one {# dispute received} other {# disputes received}}',
  figureOf: '{label}: {count}',
  received: 'Received',
  autoResolved: 'Resolved at the deadline',
  pending: 'Pending',
  medianDaysToAnswer: 'Median days to answer',
  disputeTitle: 'Dispute this',
  disputeIntro:
    'Say why this is wrong. The institution that recorded it must answer; if your ' +
    'dispute is not decided in time, the record stops counting. Time to answer: ' +
    '{count, plural, one {# {dayCount, select, working {working day} other {day}}} ' +
    'other {# {dayCount, select, working {working days} other {days}}}}.',
  groundsLabel: 'Why it is wrong (up to 2,000 characters)',
  statementLabel: 'A statement to show beside the record while it stands (optional, up to 100 words)',
  fileDispute: 'File the dispute',
  disputeReceipt: 'Your dispute is filed.',
  answerDue: 'Answer due',
  suspendedWhileOpen: 'While it is open, the record does not count.',
  inForceWhileOpen: 'While it is open, the record stays in force, marked as disputed.',
  disputesIntro: 'Every dispute you filed, where it stands, and what the institution and the reviewer said.',
  noDisputes: 'You have not disputed anything.',
  filed: 'Filed',
  outcome: 'Answer and decision',
  sourceAnswered: 'The institution answered',
  disputeLink: 'Dispute',
  disputedMark: 'disputed',
  yourStatement: 'Your statement',
  // The reviewer's console and the outcome of a dispute, said from the person's side.
  personsStatement: "The person's statement",
  disputeAbout: 'Who it is about',
  recordReference: "The institution's reference",
  recordSays: 'What the record says',
  decidedForYou:
    '{outcome, select, upheld {Decided in your favour} rejected {Decided against you} ' +
    'partially_upheld {Decided partly in your favour} other {Decided}}',
  outcomeChoice:
    "{outcome, select, upheld {In the person's favour: the record stops counting (it is withdrawn unless the " +
    'institution already corrected it)} rejected {Against the person: the record stands and counts} ' +
    "partially_upheld {Partly in the person's favour: the institution's correction stands} other {{outcome}}}",
  decisionRecorded: 'Your decision is recorded: {outcome}.',
  decisionNext:
    '{outcome, select, upheld {The record no longer counts against the person.} ' +
    'rejected {The record counts again.} partially_upheld {The corrected record counts.} other {}} ' +
    'The person and the institution are told by e-mail, and the person sees your reasons with the dispute.',
  decisionMade: 'Decided on {date}: {outcome}.',
  backToQueue: 'Back to the disputes waiting for a decision',
  valueYes: 'yes',
  valueNo: 'no',
  navStaffApi: 'API documentation',
  historyTooShort:
    'There is not enough history for a chart yet: a rating is shown from the day a published rulebook first rated you.',
  historyFrom: 'From',
  historyTo: 'to',
  historyTable: 'The same figures as a table',
  rulebooksTitle: 'Published rulebooks',
  publicNav: 'Public information',
  lookupTitle: 'Look up an organization',
  lookupIntro:
    'Find a company or a government body by its name or its unified social credit code, and see its rating with ' +
    "the reasons and its public records. Persons cannot be looked up: a person's rating is shown only to them.",
  lookupLabel: 'Name or unified social credit code',
  search: 'Search',
  noResults: 'Nothing found.',
  listsSearchTitle: 'Search the published lists',
  listSearchLabel: 'Name or identifier',
  publicRecords: 'Public records',
  kind: 'Kind',
  identifiersLabel: 'Identifiers',
  decidingBody: 'Deciding body',
  caseReference: 'Case',
  obligation: 'Obligation',
  name: 'Name',
  listSeparator: '; ',
  listAddedBy: 'Put on the list by',
  listRemovedBy: 'Taken off the list by',
  listWhileListed: 'While listed, a person or organization may not',
  listHowLong: 'How long',
  listTerm:
    '{notice, plural, =0 {From the decision} one {From # day after the decision} other {From # days after the decision}}' +
    ' for {days, plural, one {# day} other {# days}}{fromPayload, select, yes {, unless the decision sets another term} other {}}.',
  tooManyTitle: 'Too many searches',
  tooManyText:
    'You have searched too often in a short time. Please wait {seconds, plural, one {# second} other {# seconds}} ' +
    'and try again.',
  rulebooksIntro:
    'Every rating names the rulebook version that produced it. These are the rules, exactly as they are applied.',
  rulebookLink: 'Read this rulebook',
  version: 'Version',
  contentHash: 'Content hash',
  baseScore: 'Base score',
  rangeLabel: 'range',
  bandsLabel: 'Bands',
  arithmetic:
    "A score is the base score plus the points of every rule a record meets, each rule's total limited " +
    'to its cap, kept within the range. Points fade as the record ages, as each rule says.',
  recordTypesLabel: 'Records that count',
  rulePoints:
    '{points, plural, =1 {+1 point} =-1 {−1 point} other {{points, number, ::sign-always} points}} for each record.',
  ruleFades:
    '{decay, select, half {The points halve every {days, plural, one {# day} other {# days}}.} ' +
    "linear {The points fade to nothing when the record's retention ends.} other {The points do not fade.}}",
  ruleCap: 'At most {cap, plural, one {# point} other {# points}} from all such records together.',
  rulePointsVary: 'The points depend on the record: see the rule as published.',
  sentenceGap: ' ',
  rulePublished: 'The rule as published',
  rulePointsCel: 'Points (CEL expression)',
  ruleWhenCel: 'Applies when (CEL expression)',
  reasonCode: 'Reason code',
  rulebookForExperts: 'For experts',
  catalogTitle: 'Catalog of record types',
  catalogIntro:
    'Every kind of record an institution may submit, with its legal basis, how long it is kept and who may see it.',
  retentionLabel: 'Kept for',
  publicationLabel: 'Who sees it',
  submittedBy: 'Submitted by',
  retentionYears: '{years, plural, one {# year} other {# years}}',
  disputeSuspends: 'a dispute suspends it',
  // Error pages, and a refused form shown again with what was typed.
  pageNotFoundTitle: 'Page not found',
  notFoundText:
    'There is no page at this address. If you typed it, check it; if you followed a link, it may be out of date.',
  notFoundWhereTo: 'You can go to:',
  notFoundHome: 'The start page',
  unavailableTitle: 'The registry is briefly unavailable',
  unavailableText:
    'The registry cannot reach its records for a moment. ' +
    '{seconds, plural, one {Try again in # second.} other {Try again in # seconds.}}',
  internalTitle: 'Something went wrong on our side',
  internalText: 'This is not your fault, and it has been recorded. Try again in a few minutes.',
  internalReference: 'If it keeps happening, contact the registry and quote this reference:',
  requestProblemTitle: 'This request could not be completed',
  requestProblemText: 'The registry could not do what was asked. Go back and try again. The reason given was:',
  signOutTitle: 'Sign out',
  signOutConfirm: 'To sign out of Probity on this device, press the button.',
  signedOutAlready: 'You are not signed in.',
  errorTitle: 'Error: {title}',
  errorSummaryTitle: 'There is a problem',
  groundsMissing: 'Write why you think this is wrong.',
  groundsTooLong: 'Shorten your reasons to {max, number} characters or fewer. They have {count, number}.',
  statementTooLong: 'Shorten your statement to {max} words or fewer. It has {count} words.',
  evidenceNotAccepted:
    'A file you chose is not a PDF or a picture: only PDF, PNG, JPEG or WebP files are accepted. ' +
    'Choose a file of one of these types.',
  evidenceTooLarge:
    'A file you chose is larger than {megabytes} MiB. Choose a smaller file, for example a scan at a lower resolution.',
  evidenceChooseAgain:
    'Your browser cannot keep files between pages: choose your files again before you send the form.',
  disputeExistsError:
    'You already have a dispute about this that has not been decided. You can file another once it is decided.',
} as const;

type Messages = { readonly [K in keyof typeof EN]: string };

const ZH: Messages = {
  siteName: 'Probity 信用信息',
  skipToContent: '跳到正文',
  languageSwitch: 'English',
  navRating: '我的评级',
  navRecords: '我的记录',
  navLists: '名单与限制',
  navAccess: '谁查看了我的信息',
  signIn: '登录',
  signInWith: '使用国家身份认证服务登录',
  signOut: '退出',
  signedInAs: '当前用户',
  actingFor: '显示的信息主体',
  actingSelf: '本人（{name}）',
  actingOrganization: '代码为{code}的单位',
  switchTo: '查看',
  signInTitle: '登录查看关于您的全部信息',
  homeTitle: '公共信用信息登记系统',
  homeIntro:
    '人民法院、税务机关、监管部门等公共机构在此登记其对自然人、企业和政府机构作出的决定。公开的评分规则据此给出评级并说明理由。每一次变更、每一次查看个人信息都有记录；任何人都可以查看关于自己的全部信息并提出异议。',
  homeYours: '关于您的信息',
  homePublic: '无需登录即可查看',
  navPublishedLists: '公开名单',
  signInIntro:
    '使用国家身份认证服务登录。您可以看到关于您的每一条记录、您的评级及其理由、您所在的名单及如何移出，以及查看过您信息的每一方。',
  signInNotConfigured: '本系统未配置身份认证服务，暂不能登录。',
  noSubject: '本系统没有关于该证件号码的任何记录：没有机构报送过关于您的信息，也没有评级。',
  staffOnly: '您以工作人员身份登录，本系统没有关于您本人的记录。您的角色：',
  noIdentity: '身份认证服务没有提供本系统可识别的证件号码，因此没有可显示的信息。',
  ratingTitle: '我的评级',
  score: '分数',
  scoreOnScale: '{score}分（分值范围{min}–{max}）',
  becauseOf: '依据：',
  record: '记录',
  unpublishedRecords: '{count}条未公开的记录',
  band: '等级',
  asOf: '评级日期',
  rulebook: '评分规则',
  loweredBy: '降低分数的因素',
  raisedBy: '提高分数的因素',
  loweredByPublic: '降低分数的因素',
  raisedByPublic: '提高分数的因素',
  noFactors: '无。',
  ceilingHeld: '仅按记录计算为{uncapped}分；在名单期间，您的分数最高为{score}分。',
  ceilingHeldPublic: '仅按记录计算为{uncapped}分；在名单有效期间，分数最高为{score}分。',
  ceilingOwnEntries: '查看您的名单记录',
  codeLabel: '代码 {code}',
  moreResults: '更多结果',
  listHolds: '本名单目前共有{count}个主体。可按名称或名称的一部分、或按证件号码查询。',
  nextStepsTitle: '您可以做什么',
  nextBand: '再提高{points}分即可达到{band}。',
  topBand: '您已处于最高等级。',
  nextBandAfterList: '只有移出名单后，您的等级才能提高：移出方式见下文。',
  fadingTitle: '降低分数的因素何时消退',
  fading:
    '{reason}（{points, number}分）：{decay, select, half {分值每{days}天减半} linear {分值逐步减少} other {全额计算}}，' +
    '{end, select, outstanding {直至义务履行完毕，此后再计{years}年。履行义务是提高评价最可靠的方式。} other {自{date}起不再计入。}}',
  listingExitsTitle: '如何移出名单',
  listingExit: '{list}：{key, select, none {} other {就{key}}}登记下列任一记录后立即移出：',
  listingOtherwise: '否则该条目于{until}到期。',
  somethingWrongTitle: '如果这里有错误',
  somethingWrong: '请对该记录或名单条目提出异议。报送机构须在{days}天内核实，否则该记录不再计入。',
  startDispute: '提出异议',
  ceilingsTitle: '名单对评价的限制',
  ceilingsIntro: '主体在下列名单期间，无论其记录计分如何，评价等级不高于所列等级，分数以该等级的最高分为限。',
  ceilingAtMost: '被列入{list}期间，评价等级最高为{band}。',
  points: '分',
  notRated: '没有已发布的评分规则适用于此类主体，因此没有评级。',
  recordsTitle: '我的记录',
  recordsIntro: '各机构报送的关于您的每一条记录，以及其来源和法律依据。',
  noRecords: '没有记录。',
  type: '类型',
  source: '来源机构',
  legalBasis: '法律依据',
  effective: '生效日期',
  status: '状态',
  versions: '版本',
  category: '类别',
  all: '全部',
  filter: '筛选',
  listsTitle: '名单与限制',
  listsIntro: '您现在或曾经所在的执行名单、每个条目禁止的行为，以及如何移出。',
  noEntries: '您不在任何执行名单上。监管部门在其自身名录中的认定记录见“我的记录”页面，在本系统中不产生限制。',
  list: '名单',
  since: '起始',
  until: '截止',
  basisRecord: '依据记录',
  basisRecordLink: '将您列入名单的决定',
  listedOn: '列入日期',
  appliesFrom: '限制措施起始日期',
  takenOffOn: '移出名单日期',
  restrictions: '限制措施',
  howToBeRemoved: '如何移出',
  removedBy: '来源机构记录以下任一情形时即移出',
  accessTitle: '谁查看了我的信息',
  accessIntro: '对您信息的每一次筛查、工作人员查看和导出，最新的在前。每一条都链接到防篡改审计日志中的证明。',
  noAccess: '没有人查看过您的信息。',
  when: '时间',
  what: '内容',
  whatHappened: '经过',
  proof: '证明',
  timesIn: '时间均为{zone}。',
  whoYou: '您本人（或您的代表）',
  whoAnyoneWithLink: '持有链接的任何人',
  whoSomeone: '有人',
  whoStaff: 'Probity 工作人员',
  whoOperator: '登记系统运营方',
  lookedCheck: '{who}查询了您能否{asked}：{decision, select, allow {可以} other {不可以}}。',
  lookedCheckRefused: '{who}询问您能否{asked}，但其未登记此项查询，未获答复。',
  lookedRecords: '{who}查看了您的记录。',
  lookedRating: '{who}查看了您的信用评级。',
  lookedAudit: '{who}查看了与您有关的审计日志条目。',
  lookedFeed: '{who}通过变更推送收到了您数据的一项变更。',
  lookedListSearch: '{who}检索了公开名单，结果中有您的条目。',
  lookedSignIn: '{who}登录了本门户。',
  lookedReportIssued: '{who}签发了一份关于您的签名报告。',
  lookedReportVerified: '{who}打开了您的签名报告进行核验。',
  lookedDispute: '{who}查看了您的异议。',
  lookedEvidence: '{who}打开了您异议所附的一份材料。',
  lookedOther: '{who}：{action}。',
  proofLink: '证明：日志条目 {index}',
  notFoundTitle: '未找到',
  attestTitle: '可分享的签名报告',
  attestIntro:
    '获取一份由本系统签名的报告，房东或雇主无需询问任何人即可核验。内容由您选择；有效期30天，签发记录会显示在"谁查看了我的信息"中。',
  disclosureLabel: '报告内容',
  disclosureRating: '仅我的评级等级及日期',
  disclosureFull: '我的评级、全部记录和全部名单条目',
  attestButton: '签发报告',
  attestIssuedTitle: '您的签名报告',
  attestScan: '扫码在线核验此报告',
  attestScanToken: '签名报告本身，可扫码后使用本系统公布的公钥离线核验',
  attestCheckAt: '也可在线核验：',
  attestToken: '签名报告（JWS），可使用本系统公布的公钥离线核验',
  attestDownload: '下载报告文件',
  verifyTitle: '核验签名报告',
  problemStatus: 'HTTP 状态码',
  problemIntro: 'Probity 接口返回此问题类型时，其含义如下（说明文字为英文）：',
  verifyIntro: '粘贴本系统签发的报告，核验签名并查看其内容。',
  verifyButton: '核验',
  verifyValid: '有效：此报告由本系统签名，且未被改动。',
  verifyInvalid: '无效',
  subjectLabel: '主体',
  issuedLabel: '签发时间',
  expiresLabel: '有效期至',
  recordsLabel: '记录',
  entriesLabel: '名单条目',
  notRatedShort: '未评级',
  attestPaperIntro:
    '由 {issuer} 的登记系统签名。任何人都可以核验其真实且未被改动：扫描下方二维码，或打开二维码下的链接。',
  attestNameLabel: '姓名/名称',
  attestIdLabel: '证件号码',
  attestNoName: '未提供',
  attestAsOf: '（评级日期 {date}）',
  attestScoreAsOf: '{score} 分（评级日期 {date}）',
  attestNoRecords: '没有仍然有效的记录。',
  attestNoEntries: '不在任何名单上。',
  attestStandingNote: '已撤回或已过期的记录、已被移出的名单不在此列：它们不再计入。',
  attestRecordLine: '{title}，{source}，{date} 生效：{status}{disputed, select, yes {（有异议，尚未决定）} other {}}',
  attestSomeSource: '某报送机构',
  attestSomeList: '某名单',
  attestEntryLine: '{title}：{status}，自 {since} 至 {until}',
  proofTitle: '本次查看已记入日志的证明',
  proofWhat: '这次对您信息的查看已作为第 {index} 条写入公开的防篡改日志。',
  proofCheckpoint: '日志已签名的检查点（共 {size} 条）包含这一条：事后删除或改动它都会被发现。',
  proofVerified: '核验结果：通过。服务器已使用日志公钥，对照签名检查点核验了这份证明。',
  proofNotVerified: '核验结果：未通过。服务器使用日志公钥对照签名检查点核验这份证明，结果不成立。请告知登记机构。',
  proofAnyone: '任何人都可以用日志公钥和下面的哈希值再次核验。',
  proofExperts: '供专业人员：哈希值',
  proofReason: '未通过的原因',
  proofEntryText: '日志条目（RFC 8785 规范 JSON）',
  proofLeafHash: '叶哈希（RFC 6962）',
  proofPath: '包含证明（RFC 9162 顺序）',
  proofRoot: '检查点根哈希',
  proofCheckpointText: '签名检查点（C2SP tlog-checkpoint）',
  proofPublicKey: '日志公钥',
  proofRawJson: '证明的 JSON 格式，供工具使用',
  proofBack: '返回“谁查看了我的信息”',
  historyTitle: '近五年评级变化',
  navDisputes: '我的异议',
  mailboxTitle: '演示邮箱',
  mailboxIntro: '演示系统发出的全部邮件（发给当事人和机构），最新的在前。正式运行时通过 SMTP 发送。',
  mailboxEmpty: '尚无邮件：提出一项异议即可看到通知。',
  mailTo: '收件人',
  evidenceLabel: '证据（可选）：PDF 或图片，最多5个文件，每个不超过5 MiB',
  evidenceFile: '文件',
  reviewTitle: '异议复核',
  queueIntro: '尚未作出决定的异议，按答复期限排列。已逾期的异议在您作出决定前按有利于当事人的方式处理。',
  queueEmpty: '没有待决定的异议。',
  groundsShort: '异议理由',
  reviewConflict: '您不能对此异议作出决定',
  decision: '决定',
  reasonsForSubject: '理由（当事人可见）',
  decide: '记录决定',
  staffOnlyPage: '本页面仅供具有复核角色的工作人员使用。',
  transparencyTitle: '各机构异议处理情况',
  transparencyIntro: '每个报送机构收到的异议、处理结果及答复速度。记录经常出错的机构会在此显示。',
  transparencyChart: '各机构异议处理结果',
  noDisputesYet: '尚无异议。',
  disputesReceived: '收到异议{count}件',
  figureOf: '{label}{count}件',
  received: '收到',
  autoResolved: '逾期自动处理',
  pending: '处理中',
  medianDaysToAnswer: '答复天数中位数',
  disputeTitle: '提出异议',
  disputeIntro:
    '请说明错误之处。报送机构必须答复；若异议未能按时作出决定，该记录即不再计入。答复期限：{count}{dayCount, select, working {个工作日} other {天}}。',
  groundsLabel: '异议理由（不超过2000字）',
  statementLabel: '记录存续期间在其旁显示的说明（可选，不超过100字）',
  fileDispute: '提交异议',
  disputeReceipt: '您的异议已提交。',
  answerDue: '答复期限',
  suspendedWhileOpen: '异议处理期间，该记录暂不计入。',
  inForceWhileOpen: '异议处理期间，该记录继续有效，并标注"有异议"。',
  disputesIntro: '您提出的每一项异议、处理进展，以及报送机构和复核人员的意见。',
  noDisputes: '您没有提出过异议。',
  filed: '提出日期',
  outcome: '答复与决定',
  sourceAnswered: '报送机构答复',
  disputeLink: '提出异议',
  disputedMark: '有异议',
  yourStatement: '您的说明',
  // 复核人员控制台；异议结果从当事人的角度表述。
  personsStatement: '当事人的说明',
  disputeAbout: '异议当事人',
  recordReference: '机构的编号',
  recordSays: '记录内容',
  decidedForYou:
    '{outcome, select, upheld {已作出有利于您的决定（异议成立）} rejected {已作出不利于您的决定（异议不成立）} ' +
    'partially_upheld {已作出部分有利于您的决定（异议部分成立）} other {已作出决定}}',
  outcomeChoice:
    '{outcome, select, upheld {有利于当事人：该记录不再计入（机构已更正的除外，否则予以撤回）} ' +
    'rejected {不利于当事人：该记录维持并计入} partially_upheld {部分有利于当事人：以机构更正后的记录为准} other {{outcome}}}',
  decisionRecorded: '您的决定已记录：{outcome}。',
  decisionNext:
    '{outcome, select, upheld {该记录不再对当事人计入。} rejected {该记录重新计入。} ' +
    'partially_upheld {以更正后的记录计入。} other {}}当事人和机构将收到电子邮件通知，当事人可在异议中看到您的理由。',
  decisionMade: '{date}作出决定：{outcome}。',
  backToQueue: '返回待决定的异议',
  valueYes: '是',
  valueNo: '否',
  navStaffApi: 'API 文档',
  historyTooShort: '历史数据不足，暂无图表：自评分规则首次对您评级之日起显示评级。',
  historyFrom: '从',
  historyTo: '至',
  historyTable: '以表格显示相同数据',
  rulebooksTitle: '已发布的评分规则',
  publicNav: '公开信息',
  lookupTitle: '查询机构信用',
  lookupIntro:
    '按名称或统一社会信用代码查询企业或机关，查看其评级、理由及公开记录。不能查询自然人：个人评级只向本人显示。',
  lookupLabel: '名称或统一社会信用代码',
  search: '查询',
  noResults: '未找到。',
  listsSearchTitle: '查询公开名单',
  listSearchLabel: '姓名/名称或证件号码',
  publicRecords: '公开记录',
  kind: '类别',
  identifiersLabel: '代码',
  decidingBody: '决定机关',
  caseReference: '案号',
  obligation: '义务',
  name: '名称',
  listSeparator: '；',
  listAddedBy: '列入依据',
  listRemovedBy: '移出情形',
  listWhileListed: '列入期间不得',
  listHowLong: '期限',
  listTerm:
    '{notice, plural, =0 {自决定之日起} other {自决定之日起第{notice}日起}}{days}日{fromPayload, select, yes {，决定另有期限的除外} other {}}。',
  tooManyTitle: '查询过于频繁',
  tooManyText: '您在短时间内查询次数过多，请等待{seconds}秒后再试。',
  rulebooksIntro: '每个评级都注明产生它的评分规则版本。以下即为实际适用的规则。',
  rulebookLink: '查看此评分规则',
  version: '版本',
  contentHash: '内容哈希',
  baseScore: '基础分',
  rangeLabel: '范围',
  bandsLabel: '等级',
  arithmetic:
    '分数 = 基础分 + 记录满足的每条规则的分值（每条规则合计不超过其上限），并保持在范围之内。分值随记录时间按各规则所述递减。',
  recordTypesLabel: '计入的记录',
  rulePoints: '每条记录计{points, number, ::sign-always}分。',
  ruleFades:
    '{decay, select, half {分值每{days}天减半。} linear {分值至记录保存期届满时降为零。} other {分值不随时间递减。}}',
  ruleCap: '此类记录合计最多计{cap}分。',
  rulePointsVary: '分值视记录内容而定，见公布的规则原文。',
  sentenceGap: '',
  rulePublished: '公布的规则原文',
  rulePointsCel: '分值（CEL 表达式）',
  ruleWhenCel: '适用条件（CEL 表达式）',
  reasonCode: '理由代码',
  rulebookForExperts: '供专业人士核对',
  catalogTitle: '记录类型目录',
  catalogIntro: '机构可报送的每一类记录，及其法律依据、保存期限和可查看范围。',
  retentionLabel: '保存期限',
  publicationLabel: '可查看范围',
  submittedBy: '报送机构',
  retentionYears: '{years}年',
  disputeSuspends: '异议期间暂停适用',
  // 错误页面，以及保留已填写内容重新显示的表单。
  pageNotFoundTitle: '找不到此页面',
  notFoundText: '此地址没有页面。如果地址是您输入的，请检查是否有误；如果您是点击链接来到这里的，该链接可能已经失效。',
  notFoundWhereTo: '您可以前往：',
  notFoundHome: '首页',
  unavailableTitle: '登记系统暂时无法使用',
  unavailableText: '系统暂时无法读取记录，请在{seconds}秒后重试。',
  internalTitle: '我们这边出了问题',
  internalText: '这不是您的过错，问题已被记录。请过几分钟再试。',
  internalReference: '如果问题一再出现，请联系登记机构并提供此编号：',
  requestProblemTitle: '无法完成此请求',
  requestProblemText: '系统无法完成所请求的操作，请返回后重试。系统给出的原因（英文）：',
  signOutTitle: '退出登录',
  signOutConfirm: '点击下方按钮，即可在此设备上退出 Probity。',
  signedOutAlready: '您尚未登录。',
  errorTitle: '错误：{title}',
  errorSummaryTitle: '请更正以下问题',
  groundsMissing: '请写明您认为此记录有误的理由。',
  groundsTooLong: '理由最多{max}字，现有{count}字，请删减。',
  statementTooLong: '说明最多{max}字，现有{count}字，请删减。',
  evidenceNotAccepted: '您选择的文件不是 PDF 或图片：只接受 PDF、PNG、JPEG 或 WebP 文件。请选择上述类型的文件。',
  evidenceTooLarge: '您选择的文件超过{megabytes} MiB。请选择较小的文件，例如以较低分辨率扫描。',
  evidenceChooseAgain: '浏览器无法在页面之间保留文件：提交前请重新选择文件。',
  disputeExistsError: '您对此已有一项尚未作出决定的异议。该异议作出决定后，方可再次提出。',
};

export type MessageKey = keyof typeof EN;

const MESSAGES: Readonly<Record<PortalLanguage, Messages>> = { en: EN, zh: ZH };

/** Values put into a message's placeholders (ICU MessageFormat: `{who}`, `{decision, select, …}`). */
export type MessageValues = Readonly<Record<string, string | number>>;

/** The portal's words in one language, the pack's texts in the same, and times on the jurisdiction's clocks. */
export interface Words {
  readonly language: PortalLanguage;
  readonly t: (key: MessageKey, values?: MessageValues) => string;
  readonly local: (text: LocalisedText | undefined) => string;
  /** A legal basis cited in this language (the pack's own citation when it has no translation). */
  readonly citation: (legalBasis: LegalBasis | undefined) => string;
  /** Words for a code (a status, a kind, a category, an audit action); the code itself when there are none. */
  readonly code: (code: string) => string;
  /** The local date of an instant in the jurisdiction's time zone. */
  readonly day: (instant: string) => string;
  /** The local date and time to the minute. */
  readonly minute: (instant: string) => string;
  /** The jurisdiction's time zone as people call it in this language ("China Standard Time"). */
  readonly zoneName: string;
}

/** The locale each language formats in (plural rules, numbers). */
const LOCALES: Readonly<Record<PortalLanguage, string>> = { en: 'en', zh: 'zh-Hans' };

function formatted(language: PortalLanguage, key: MessageKey, values: MessageValues | undefined): string {
  return formatIcu(MESSAGES[language][key], LOCALES[language], values);
}

/** `timeZone`: the pack's (Catalog.timeZone), an IANA name. */
export function wordsFor(language: PortalLanguage, timeZone: string): Words {
  return {
    language,
    t: (key, values) => formatted(language, key, values),
    local: (text) => (text ? text[language] : ''),
    citation: (legalBasis) => (legalBasis ? citationIn(legalBasis, language) : ''),
    code: (code) => labelOf(code, language),
    day: (instant) => (instant ? localDate(instant, timeZone) : ''),
    minute: (instant) => (instant ? localMinute(instant, timeZone) : ''),
    zoneName: timeZoneName(timeZone, LOCALES[language]),
  };
}

/**
 * The language of a request: `?lang=`, then the `lang` cookie the switch sets, then
 * Accept-Language (negotiated by `negotiator`; any zh tag means Chinese), then English.
 */
export function languageOf(
  query: string | undefined,
  cookie: string | undefined,
  acceptLanguage: string | undefined,
): PortalLanguage {
  for (const choice of [query, cookie]) if (choice === 'en' || choice === 'zh') return choice;
  const negotiated = new Negotiator({ headers: { 'accept-language': acceptLanguage ?? '' } }).language([
    ...PORTAL_LANGUAGES,
  ]);
  return negotiated === 'zh' ? 'zh' : 'en';
}
