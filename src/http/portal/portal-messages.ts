import Negotiator from 'negotiator';
import type { LocalisedText } from '../../domain/catalog/pack.js';

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
  switchTo: 'Show',
  signInTitle: 'Sign in to see what is held about you',
  signInIntro: 'Sign in with the national identity service. You will see every record held about you, your rating and why, any list entry with how to get off it, and everyone who looked at your data.',
  signInNotConfigured: 'Sign-in is not available on this deployment: no identity provider is configured.',
  noSubject: 'Probity holds no records about this identifier. Nobody has submitted anything about you, and there is nothing to rate.',
  noIdentity: 'Your identity provider did not send an identifier this registry knows, so there is nothing to show.',
  ratingTitle: 'My rating',
  score: 'Score',
  band: 'Band',
  asOf: 'As of',
  rulebook: 'Rulebook',
  loweredBy: 'What lowered your score',
  raisedBy: 'What raised your score',
  noFactors: 'Nothing.',
  points: 'points',
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
  noEntries: 'You are not on any list.',
  list: 'List',
  since: 'Since',
  until: 'Until',
  basisRecord: 'Basis record',
  restrictions: 'Restrictions',
  howToBeRemoved: 'How to be removed',
  removedBy: 'Removed when the source records one of',
  accessTitle: 'Who looked at my data',
  accessIntro: 'Every screening check, staff view and export of your data, newest first. Each links to its proof in the tamper-evident audit log.',
  noAccess: 'Nobody has looked at your data.',
  when: 'When',
  who: 'Who',
  what: 'What',
  answer: 'Answer',
  proof: 'Proof',
  proofLink: 'entry',
  notFoundTitle: 'Not found',
  attestTitle: 'A signed report to share',
  attestIntro: 'Get a report signed by the registry that a landlord or employer can check without asking anyone. You choose how much it shows; it is valid for 30 days, and issuing it appears in who looked at your data.',
  disclosureLabel: 'What it shows',
  disclosureRating: 'Only my rating band and its date',
  disclosureFull: 'My rating, every record and every list entry',
  attestButton: 'Issue the signed report',
  attestIssuedTitle: 'Your signed report',
  attestScan: 'Scan to check this report online',
  attestToken: 'The signed report (JWS), for checking offline with the registry’s published key',
  attestDownload: 'Download the report file',
  verifyTitle: 'Check a signed report',
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
  switchTo: '查看',
  signInTitle: '登录查看关于您的全部信息',
  signInIntro: '使用国家身份认证服务登录。您可以看到关于您的每一条记录、您的评级及其理由、您所在的名单及如何移出，以及查看过您信息的每一方。',
  signInNotConfigured: '本系统未配置身份认证服务，暂不能登录。',
  noSubject: '本系统没有关于该证件号码的任何记录：没有机构报送过关于您的信息，也没有评级。',
  noIdentity: '身份认证服务没有提供本系统可识别的证件号码，因此没有可显示的信息。',
  ratingTitle: '我的评级',
  score: '分数',
  band: '等级',
  asOf: '评级日期',
  rulebook: '评分规则',
  loweredBy: '降低分数的因素',
  raisedBy: '提高分数的因素',
  noFactors: '无。',
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
  noEntries: '您不在任何名单上。',
  list: '名单',
  since: '起始',
  until: '截止',
  basisRecord: '依据记录',
  restrictions: '限制措施',
  howToBeRemoved: '如何移出',
  removedBy: '来源机构记录以下任一情形时即移出',
  accessTitle: '谁查看了我的信息',
  accessIntro: '对您信息的每一次筛查、工作人员查看和导出，最新的在前。每一条都链接到防篡改审计日志中的证明。',
  noAccess: '没有人查看过您的信息。',
  when: '时间',
  who: '查看方',
  what: '内容',
  answer: '结果',
  proof: '证明',
  proofLink: '条目',
  notFoundTitle: '未找到',
  attestTitle: '可分享的签名报告',
  attestIntro: '获取一份由本系统签名的报告，房东或雇主无需询问任何人即可核验。内容由您选择；有效期30天，签发记录会显示在"谁查看了我的信息"中。',
  disclosureLabel: '报告内容',
  disclosureRating: '仅我的评级等级及日期',
  disclosureFull: '我的评级、全部记录和全部名单条目',
  attestButton: '签发报告',
  attestIssuedTitle: '您的签名报告',
  attestScan: '扫码在线核验此报告',
  attestToken: '签名报告（JWS），可使用本系统公布的公钥离线核验',
  attestDownload: '下载报告文件',
  verifyTitle: '核验签名报告',
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
};

export type MessageKey = keyof typeof EN;

const MESSAGES: Readonly<Record<PortalLanguage, Messages>> = { en: EN, zh: ZH };

/** The portal's words in one language, and the pack's texts in the same. */
export interface Words {
  readonly language: PortalLanguage;
  readonly t: (key: MessageKey) => string;
  readonly local: (text: LocalisedText | undefined) => string;
}

export function wordsFor(language: PortalLanguage): Words {
  const messages = MESSAGES[language];
  return { language, t: (key) => messages[key], local: (text) => (text ? text[language] : '') };
}

/**
 * The language of a request: `?lang=`, then the `lang` cookie the switch sets, then
 * Accept-Language (negotiated by `negotiator`; any zh tag means Chinese), then English.
 */
export function languageOf(query: string | undefined, cookie: string | undefined, acceptLanguage: string | undefined): PortalLanguage {
  for (const choice of [query, cookie]) if (choice === 'en' || choice === 'zh') return choice;
  const negotiated = new Negotiator({ headers: { 'accept-language': acceptLanguage ?? '' } }).language([...PORTAL_LANGUAGES]);
  return negotiated === 'zh' ? 'zh' : 'en';
}
