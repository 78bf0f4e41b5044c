import type { PortalLanguage } from './portal-messages.js';

/**
 * Words for the codes pages show (statuses, kinds, categories, audit actions), in both
 * languages. A code without a label is shown as itself, so a new one is never hidden.
 */
const LABELS: Readonly<Record<string, readonly [en: string, zh: string]>> = {
  // Record and list-entry states
  active: ['in force', '有效'],
  corrected: ['corrected', '已更正'],
  withdrawn: ['withdrawn', '已撤回'],
  expired: ['expired', '已过期'],
  pending: ['notice period', '公示期'],
  suspended: ['suspended', '已暂停'],
  removed: ['removed', '已移出'],
  // Record versions
  submitted: ['submitted', '报送'],
  // Subject kinds
  person: ['person', '自然人'],
  organization: ['organization', '法人和非法人组织'],
  government: ['government body', '政府机构'],
  // Record categories
  judicial: ['judicial', '司法'],
  tax: ['tax', '税务'],
  regulatory: ['regulatory', '行政监管'],
  financial_obligation: ['financial obligation', '金融债务'],
  contract_performance: ['contract performance', '合同履约'],
  public_service_performance: ['public service performance', '公共服务履约'],
  commendation: ['commendation', '表彰'],
  // Polarity, publication, retention
  negative: ['negative', '失信'],
  positive: ['positive', '守信'],
  public: ['everyone', '公开'],
  relying_parties: ['relying parties', '依法查询方'],
  subject_only: ['the subject only', '仅本人'],
  effective: ['from the effective date', '自生效之日起'],
  obligation_end: ['from the end of the obligation', '自义务履行完毕之日起'],
  // Who looked: audit actions
  'check.performed': ['screening check', '筛查'],
  'check.refused': ['refused screening check', '被拒绝的筛查'],
  'record.read': ['record viewed by staff', '工作人员查看记录'],
  'assessment.read': ['rating viewed by staff', '工作人员查看评级'],
  'audit.subject_viewed': ['audit log viewed by an auditor', '审计员查看日志'],
  'feed.read': ['change delivered to a relying party', '变更推送给查询方'],
  'list.searched': ['shown in a public list search', '公开名单查询中显示'],
  'portal.signed_in': ['signed in to the portal', '登录门户'],
  'attestation.issued': ['signed report issued', '签发签名报告'],
  'attestation.verified': ['signed report opened for checking', '签名报告被核验'],
  'dispute.read': ['dispute viewed by the source or a reviewer', '机构或复核人员查看异议'],
  'evidence.read': ['dispute file opened by the source or a reviewer', '机构或复核人员打开异议材料'],
  // Disputes
  open: ['open', '处理中'],
  answered: ['answered by the source', '机构已答复'],
  lapsed: ['not decided in time: the record no longer counts', '逾期未决：记录不再计入'],
  decided: ['decided', '已决定'],
  verify: ['it stands by the record', '维持记录'],
  correct: ['it corrected the record', '更正记录'],
  withdraw: ['it withdrew the record', '撤回记录'],
  // Outcomes, said from the side of the person who disputed
  upheld: ["in the person's favour", '有利于当事人（异议成立）'],
  rejected: ['against the person', '不利于当事人（异议不成立）'],
  partially_upheld: ["partly in the person's favour", '部分有利于当事人（异议部分成立）'],
  'dispute.filed': ['dispute filed', '提出异议'],
  'dispute.answered': ['dispute answered', '答复异议'],
  'dispute.decided': ['dispute decided', '决定异议'],
  'dispute.lapsed': ['dispute not decided in time', '异议逾期未决'],
  'dispute.evidence_added': ['evidence added to a dispute', '异议补充证据'],
  // Decisions
  allow: ['allowed', '允许'],
  deny: ['denied', '拒绝'],
};

export function labelOf(code: string, language: PortalLanguage): string {
  const label = LABELS[code];
  return label ? label[language === 'en' ? 0 : 1] : code;
}
