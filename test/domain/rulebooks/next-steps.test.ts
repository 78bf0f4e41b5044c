import { describe, expect, it } from 'vitest';
import type { ListEntry } from '../../../src/domain/lists/list-entry.js';
import type { StoredRecord } from '../../../src/domain/records/record.js';
import { assess } from '../../../src/domain/rulebooks/assess.js';
import { compileRulebook } from '../../../src/domain/rulebooks/compiled-rulebook.js';
import { nextSteps } from '../../../src/domain/rulebooks/next-steps.js';
import { demoCatalog } from '../../support/catalog.js';

const catalog = demoCatalog();
const rulebook = catalog.pack.rulebooks.find((r) => r.code === 'persons')!;
const compiled = compileRulebook(rulebook);
const NOW = '2026-06-01T00:00:00.000Z';
const CASE = '(2025)沪0115执123号';

const record = (id: string, type: string, payload: Record<string, unknown>, at: string): StoredRecord => ({
  id,
  subjectId: 's',
  subjectKind: 'person',
  institution: 'sh-pudong-court',
  sourceRef: id,
  type,
  versions: [{ version: 1, action: 'submitted', effectiveAt: at, recordedAt: at, payload }],
});
const judgment = record(
  'j',
  'court.judgment_unperformed',
  { caseNumber: CASE, amount: 200_000, currency: 'CNY' },
  '2025-06-01T00:00:00.000Z',
);
const listing = record(
  'l',
  'court.dishonest_debtor_listing',
  { caseNumber: CASE, decisionReference: 'd', obligation: 'o', ground: 'able_but_refuses' },
  '2025-06-01T00:00:00.000Z',
);
const entry: ListEntry = {
  id: 'e',
  listCode: 'dishonest-judgment-debtors',
  subjectId: 's',
  basisRecordId: 'l',
  listedAt: '2025-06-01T00:00:00.000Z',
  activeFrom: '2025-06-01T00:00:00.000Z',
  until: '2027-06-01T00:00:00.000Z',
  matchKey: CASE,
  recordedAt: '2025-06-01T00:00:00.000Z',
  removedAt: null,
  removedBy: null,
};

function stepsFor(records: StoredRecord[], entries: ListEntry[]) {
  const recordType = (code: string) => catalog.recordType(code);
  const assessment = assess({ rulebook: compiled, recordType, records, entries, asOf: NOW, knownAt: NOW });
  return nextSteps({ assessment, rulebook, records, entries, recordType, list: (code) => catalog.list(code) });
}

describe('nextSteps: what a person can do about the rating', () => {
  it('gives the points still missing to the band above', () => {
    expect(stepsFor([], [])).toEqual({
      nextBand: { band: rulebook.bands[0], points: 750 - 650 },
      fading: [],
      listings: [],
    });
  });

  it('for a listed debtor: no next band while the ceiling holds, the act that ends the listing, and when each reason fades', () => {
    const steps = stepsFor([judgment, listing], [entry]);
    expect(steps.nextBand).toBeUndefined();
    expect(steps.listings).toEqual([
      {
        entryId: 'e',
        listCode: 'dishonest-judgment-debtors',
        removedBy: ['court.judgment_performed', 'court.settlement_agreement_performed', 'court.listing_revoked'],
        matchKey: CASE,
        until: '2027-06-01T00:00:00.000Z',
      },
    ]);
    expect(steps.fading).toEqual([
      // The listing is kept five years from its date and fades to nothing by then.
      expect.objectContaining({
        reasonText: expect.objectContaining({ en: 'You were listed as a dishonest judgment debtor' }),
        decay: 'linear',
        stopsCountingAt: '2030-06-01T00:00:00.000Z',
      }),
      // The unpaid judgment counts until it is performed, then five more years.
      expect.objectContaining({ decay: 'half_life', halfLifeDays: 730, outstanding: { yearsAfter: 5 } }),
    ]);
  });

  it('dates the end of an obligation’s record from its performance once it is performed', () => {
    const performed = record(
      'p',
      'court.judgment_performed',
      { caseNumber: CASE, performedDate: '2026-01-10', performance: 'performed_by_debtor' },
      '2026-01-10T00:00:00.000Z',
    );
    const steps = stepsFor([judgment, performed], []);
    expect(steps.listings).toEqual([]);
    expect(steps.fading).toEqual([
      expect.objectContaining({ decay: 'half_life', stopsCountingAt: '2031-01-10T00:00:00.000Z' }),
    ]);
  });
});
