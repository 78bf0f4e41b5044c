import { describe, expect, it } from 'vitest';
import { listEffectsOf } from '../../../src/domain/lists/list-effects.js';
import { listEntryStatus, type ListEntry } from '../../../src/domain/lists/list-entry.js';
import { demoCatalog } from '../../support/catalog.js';

const catalog = demoCatalog();
const AT = '2026-03-01T00:00:00.000Z';
const listing = {
  caseNumber: '(2026)沪0115执1号',
  decisionReference: 'd-1',
  obligation: 'pay 100,000 yuan',
  ground: 'evading',
};

describe('listEffectsOf', () => {
  it('opens an entry on each list the record type adds to, with the term the record sets', () => {
    const effects = listEffectsOf(catalog, {
      type: 'court.dishonest_debtor_listing',
      subjectKind: 'person',
      effectiveAt: AT,
      payload: { ...listing, termDays: 365 },
    });
    expect(effects).toEqual({
      listings: [
        {
          listCode: 'dishonest-judgment-debtors',
          listedAt: AT,
          activeFrom: AT,
          until: '2027-03-01T00:00:00.000Z',
          matchKey: '(2026)沪0115执1号',
        },
      ],
      removals: [],
    });
  });

  it("uses the list's default term and starts it after the notice period", () => {
    const effects = listEffectsOf(catalog, {
      type: 'tax.major_violation',
      subjectKind: 'organization',
      effectiveAt: AT,
      payload: { decisionReference: 't-1', violationType: 'tax_evasion', amount: 1, currency: 'CNY' },
    });
    // major-tax-violators: 15 days' notice, 1,095 days' term from the end of the notice.
    expect(effects.listings).toEqual([
      {
        listCode: 'major-tax-violators',
        listedAt: AT,
        activeFrom: '2026-03-16T00:00:00.000Z',
        until: '2029-03-15T00:00:00.000Z',
        matchKey: 't-1',
      },
    ]);
  });

  it('removes from every list the record type ends, matched on the case number where the list matches', () => {
    const effects = listEffectsOf(catalog, {
      type: 'court.judgment_performed',
      subjectKind: 'person',
      effectiveAt: AT,
      payload: {
        caseNumber: '(2026)沪0115执1号',
        performedDate: '2026-03-01',
        performance: 'performed_by_debtor',
        amount: 1,
        currency: 'CNY',
      },
    });
    expect(effects.listings).toEqual([]);
    expect(effects.removals).toEqual([
      { listCode: 'dishonest-judgment-debtors', matchKey: '(2026)沪0115执1号', removedAt: AT, representatives: false },
      { listCode: 'consumption-restriction', matchKey: '(2026)沪0115执1号', removedAt: AT, representatives: false },
    ]);
  });

  it("ends a representative's entries too when an organization performs", () => {
    const effects = listEffectsOf(catalog, {
      type: 'court.judgment_performed',
      subjectKind: 'organization',
      effectiveAt: AT,
      payload: {
        caseNumber: 'c',
        performedDate: '2026-03-01',
        performance: 'performed_by_debtor',
        amount: 1,
        currency: 'CNY',
      },
    });
    expect(effects.removals.map((r) => [r.listCode, r.representatives])).toEqual([
      ['dishonest-judgment-debtors', true],
      ['consumption-restriction', true],
    ]);
  });

  it("opens a second entry for the legal representative an organization's listing names", () => {
    const effects = listEffectsOf(catalog, {
      type: 'court.dishonest_debtor_listing',
      subjectKind: 'organization',
      effectiveAt: AT,
      payload: { ...listing, legalRepresentative: { scheme: 'CN-RIC', value: '11010519491231002x', name: '张三' } },
    });
    expect(effects.listings.map((l) => l.representative)).toEqual([
      undefined,
      { scheme: 'CN-RIC', value: '11010519491231002X', name: '张三' },
    ]);
    // A person's own listing never reaches anyone else, whatever its payload says.
    const person = listEffectsOf(catalog, {
      type: 'court.dishonest_debtor_listing',
      subjectKind: 'person',
      effectiveAt: AT,
      payload: { ...listing, legalRepresentative: { scheme: 'CN-RIC', value: '11010519491231002X', name: '张三' } },
    });
    expect(person.listings).toHaveLength(1);
  });

  it('opens nothing for a subject kind the list does not hold, and nothing for other record types', () => {
    const government = listEffectsOf(catalog, {
      type: 'court.judgment_performed',
      subjectKind: 'government',
      effectiveAt: AT,
      payload: { caseNumber: 'c' },
    });
    expect(government.removals.map((r) => r.listCode)).toEqual(['government-unperformed-judgments']);
    expect(
      listEffectsOf(catalog, { type: 'loan.overdue', subjectKind: 'person', effectiveAt: AT, payload: {} }),
    ).toEqual({ listings: [], removals: [] });
  });
});

describe('listEntryStatus', () => {
  const entry: ListEntry = {
    id: 'e',
    listCode: 'major-tax-violators',
    subjectId: 's',
    basisRecordId: 'r',
    listedAt: '2026-03-01T00:00:00.000Z',
    activeFrom: '2026-03-16T00:00:00.000Z',
    until: '2029-03-15T00:00:00.000Z',
    matchKey: null,
    recordedAt: '2026-03-01T00:00:00.000Z',
    removedAt: null,
    removedBy: null,
  };

  it('is pending during the notice period and active from its end', () => {
    expect(listEntryStatus(entry, '2026-03-15T23:59:59.999Z')).toBe('pending');
    expect(listEntryStatus(entry, '2026-03-16T00:00:00.000Z')).toBe('active');
  });

  it('expires when its term ends, with no job having run', () => {
    expect(listEntryStatus(entry, '2029-03-14T23:59:59.999Z')).toBe('active');
    expect(listEntryStatus(entry, '2029-03-15T00:00:00.000Z')).toBe('expired');
  });

  it('is removed from the moment a removing record took effect', () => {
    const removed = { ...entry, removedAt: '2027-01-01T00:00:00.000Z', removedBy: 'r2' };
    expect(listEntryStatus(removed, '2026-12-31T23:59:59.999Z')).toBe('active');
    expect(listEntryStatus(removed, '2027-01-01T00:00:00.000Z')).toBe('removed');
  });

  it('is suspended while a dispute the list allows to suspend it is open', () => {
    expect(listEntryStatus(entry, '2027-01-01T00:00:00.000Z', true)).toBe('suspended');
    expect(listEntryStatus(entry, '2026-03-02T00:00:00.000Z', true)).toBe('pending');
  });
});
