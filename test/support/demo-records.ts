import type { personIdentifier } from './checked-submissions.js';

/** Raw submissions of the demo pack's record types, to check with checkedSubmissions. */

/** Who a record is about: an identifier, with the name the record gives. */
export type Party = ReturnType<typeof personIdentifier>;

/** A court's decision to list a dishonest judgment debtor in case `caseNumber` (term: the list's default, or `termDays`). */
export const debtorListing = (subject: Party, caseNumber: string, effectiveAt: string, termDays?: number) => ({
  type: 'court.dishonest_debtor_listing',
  sourceRef: `listing-${caseNumber}`,
  subject,
  effectiveAt,
  payload: {
    caseNumber,
    decisionReference: `${caseNumber}-1`,
    obligation: 'pay 125,000 CNY',
    ground: 'able_but_refuses',
    ...(termDays === undefined ? {} : { termDays }),
  },
});

/** The judgment of case `caseNumber` performed: removes the case's listings. */
export const judgmentPerformed = (subject: Party, caseNumber: string, effectiveAt: string) => ({
  type: 'court.judgment_performed',
  sourceRef: `performed-${caseNumber}`,
  subject,
  effectiveAt,
  payload: { caseNumber, performedDate: effectiveAt.slice(0, 10), performance: 'performed_by_debtor' },
});

/** A judgment of case `caseNumber` not performed: a negative record that lists nobody. */
export const judgmentUnperformed = (subject: Party, caseNumber: string) => ({
  type: 'court.judgment_unperformed',
  sourceRef: `unperformed-${caseNumber}`,
  subject,
  effectiveAt: '2025-01-01T00:00:00Z',
  payload: { caseNumber, amount: 125000, currency: 'CNY' },
});

/** A tax authority's determination: a listing that takes effect after the list's 15-day notice period. */
export const taxListing = (subject: Party, decisionReference: string, effectiveAt: string) => ({
  type: 'tax.major_violation',
  sourceRef: decisionReference,
  subject,
  effectiveAt,
  payload: { decisionReference, violationType: 'tax_evasion', amount: 1_000_000, currency: 'CNY' },
});
