import { describe, expect, it } from 'vitest';
import type { ListEntry } from '../../../src/domain/lists/list-entry.js';
import type { RecordVersion, StoredRecord } from '../../../src/domain/records/record.js';
import { assess } from '../../../src/domain/rulebooks/assess.js';
import { compileRulebook } from '../../../src/domain/rulebooks/compiled-rulebook.js';
import { demoCatalog } from '../../support/catalog.js';

const catalog = demoCatalog();
const persons = compileRulebook(catalog.pack.rulebooks.find((r) => r.code === 'persons')!);
const NOW = '2026-06-01T00:00:00.000Z';
let next = 0;

/** A record of a person, submitted (version 1) `effective` and recorded the same moment unless told. */
function record(
  type: string,
  payload: Record<string, unknown>,
  effective: string,
  more: Partial<RecordVersion>[] = [],
): StoredRecord {
  const first: RecordVersion = {
    version: 1,
    action: 'submitted',
    effectiveAt: effective,
    recordedAt: effective,
    payload,
  };
  return {
    id: `rec-${++next}`,
    subjectId: 'subject-1',
    subjectKind: 'person',
    institution: 'sh-pudong-court',
    sourceRef: `ref-${next}`,
    type,
    versions: [first, ...more.map((m, i) => ({ ...first, action: 'corrected' as const, ...m, version: i + 2 }))],
  };
}

const rate = (records: StoredRecord[], options: { asOf?: string; knownAt?: string; suspended?: Set<string> } = {}) =>
  assess({
    rulebook: persons,
    recordType: (code) => catalog.recordType(code),
    records,
    asOf: options.asOf ?? NOW,
    knownAt: options.knownAt ?? NOW,
    ...(options.suspended ? { suspended: options.suspended } : {}),
  });

const judgment = (amount: number, at = '2026-05-01T00:00:00.000Z') =>
  record('court.judgment_unperformed', { caseNumber: '(2026)沪0115执1号', amount, currency: 'CNY' }, at);
const listing = (at = '2026-05-01T00:00:00.000Z') =>
  record(
    'court.dishonest_debtor_listing',
    { caseNumber: 'c', decisionReference: 'd', obligation: 'o', ground: 'g', termDays: 730 },
    at,
  );
const commendation = (at = '2026-05-01T00:00:00.000Z') =>
  record('commendation.integrity_model', { awardReference: 'a', awardYear: 2026, awardTitle: 't' }, at);

describe('assess (persons rulebook)', () => {
  it('gives the base score, in the good band, to a subject with no records', () => {
    const result = rate([]);
    expect(result).toMatchObject({
      score: 650,
      band: { code: 'good' },
      rulebookCode: 'persons',
      rulebookVersion: '1.0.0',
      asOf: NOW,
      knownAt: NOW,
    });
    expect(result.rulebookId).toBe(persons.id);
  });

  it('lands an unpaid, listed debtor in the bad band and names the adverse factors, largest first', () => {
    const j = judgment(500_000, NOW);
    const l = listing(NOW);
    const result = rate([j, l]);
    // -60 - 50 for the judgment, -150 for the listing, no decay at age 0.
    expect(result.score).toBe(650 - 110 - 150);
    expect(result.band.code).toBe('bad');
    expect(result.adverse.map((f) => [f.ruleId, f.reasonCode, f.points, f.recordIds])).toEqual([
      ['dishonest-debtor-listed', 'DISHONEST_DEBTOR_LISTED', -150, [l.id]],
      ['judgment-unperformed', 'JUDGMENT_UNPERFORMED', -110, [j.id]],
    ]);
    expect(result.adverse[0]!.reasonText.zh).toBe('被纳入失信被执行人名单');
  });

  it('lands a commended subject in the very good band, the commendation capped at 100', () => {
    const result = rate([commendation(NOW), commendation(NOW), commendation(NOW)]);
    expect(result.positive).toEqual([expect.objectContaining({ ruleId: 'commended', points: 100 })]);
    expect(result.score).toBe(750);
    expect(result.band.code).toBe('very_good');
  });

  it('repairs the rating visibly when the judgment is performed', () => {
    const unpaid = rate([judgment(100_000, NOW)]);
    const performed = record(
      'court.judgment_performed',
      { caseNumber: 'c', performedDate: '2026-06-01', performance: 'full' },
      NOW,
    );
    const paid = rate([judgment(100_000, NOW), performed]);
    expect(paid.score).toBe(unpaid.score + 60);
    expect(paid.positive[0]).toMatchObject({ ruleId: 'judgment-performed', points: 60 });
  });

  it('halves a rule with a one-year half-life after a year', () => {
    const overdue = record(
      'loan.overdue',
      { contractReference: 'l', amountOverdue: 1, currency: 'CNY', daysOverdue: 120 },
      '2025-06-01T00:00:00.000Z',
    );
    expect(rate([overdue]).adverse[0]).toMatchObject({ ruleId: 'loan-seriously-overdue', points: -30 });
  });

  it('decays linearly to zero at the end of retention: half way through five years, half the points', () => {
    const halfWay = new Date(
      Date.parse('2021-06-01T00:00:00.000Z') + (Date.parse(NOW) - Date.parse('2021-06-01T00:00:00.000Z')) / 2,
    );
    const l = listing('2021-06-01T00:00:00.000Z');
    expect(rate([l], { asOf: halfWay.toISOString() }).adverse[0]!.points).toBeCloseTo(-75, 0);
  });

  it('caps a rule’s total over many records', () => {
    const result = rate([judgment(1_000_000, NOW), judgment(1_000_000, NOW), judgment(1_000_000, NOW)]);
    expect(result.adverse[0]).toMatchObject({ ruleId: 'judgment-unperformed', points: -300 });
    expect(result.adverse[0]!.recordIds).toHaveLength(3);
  });

  it('clamps the score to the range', () => {
    const records = [judgment(1e7, NOW), judgment(1e7, NOW), judgment(1e7, NOW), listing(NOW), listing(NOW)];
    records.push(
      record(
        'court.refusal_to_perform_conviction',
        { caseNumber: 'c', judgmentDate: '2026-01-01', penalty: 'p', enforcementCaseNumber: 'e' },
        NOW,
      ),
    );
    expect(rate(records).score).toBe(350);
  });

  it('excludes withdrawn, expired, not yet effective and suspended records, and says why', () => {
    const withdrawn = record('court.dishonest_debtor_listing', {}, NOW, [{ action: 'withdrawn', recordedAt: NOW }]);
    const expired = listing('2020-01-01T00:00:00.000Z');
    // Recorded now, in effect only from July: a decision announced ahead of its date.
    const announced = listing('2026-07-01T00:00:00.000Z');
    const future = { ...announced, versions: [{ ...announced.versions[0]!, recordedAt: NOW }] };
    const suspended = listing(NOW);
    const result = rate([withdrawn, expired, future, suspended], { suspended: new Set([suspended.id]) });
    expect(result.score).toBe(650);
    expect(result.excluded).toEqual([
      { recordId: withdrawn.id, reason: 'withdrawn' },
      { recordId: expired.id, reason: 'expired' },
      { recordId: future.id, reason: 'not_yet_effective' },
      { recordId: suspended.id, reason: 'suspended' },
    ]);
  });

  describe('retention from the end of the obligation', () => {
    // A judgment unperformed is kept five years after it is performed (same case number).
    const unpaid = (caseNumber: string) =>
      record('court.judgment_unperformed', { caseNumber, amount: 0, currency: 'CNY' }, '2019-01-01T00:00:00.000Z');
    const performed = (caseNumber: string, at: string) =>
      record(
        'court.judgment_performed',
        { caseNumber, performedDate: at.slice(0, 10), performance: 'full', amount: 0, currency: 'CNY' },
        at,
      );

    it('keeps counting an obligation that is still outstanding, however old', () => {
      expect(rate([unpaid('c-1')]).adverse[0]).toMatchObject({
        ruleId: 'judgment-unperformed',
        recordIds: [expect.any(String)],
      });
    });

    it('expires the record five years after the obligation was performed', () => {
      const debt = unpaid('c-1');
      const result = rate([debt, performed('c-1', '2021-01-01T00:00:00.000Z')]);
      expect(result.excluded).toContainEqual({ recordId: debt.id, reason: 'expired' });
      expect(result.adverse).toEqual([]);
      const recent = rate([debt, performed('c-1', '2022-01-01T00:00:00.000Z')], { asOf: '2026-12-31T00:00:00.000Z' });
      expect(recent.adverse[0]?.recordIds).toEqual([debt.id]);
    });

    it('is not ended by performing another case, nor by a performance not yet effective at asOf', () => {
      const debt = unpaid('c-1');
      expect(rate([debt, performed('c-2', '2020-01-01T00:00:00.000Z')]).adverse[0]?.recordIds).toEqual([debt.id]);
      const result = rate([debt, performed('c-1', '2020-01-01T00:00:00.000Z')], { asOf: '2019-12-31T00:00:00.000Z' });
      expect(result.adverse[0]?.recordIds).toEqual([debt.id]);
    });
  });

  it('counts a corrected record as corrected and lists the version it superseded', () => {
    const corrected = record('court.judgment_unperformed', { caseNumber: 'c', amount: 600_000, currency: 'CNY' }, NOW, [
      { payload: { caseNumber: 'c', amount: 0, currency: 'CNY' }, recordedAt: NOW },
    ]);
    const result = rate([corrected]);
    expect(result.adverse[0]!.points).toBe(-60);
    expect(result.excluded).toEqual([{ recordId: corrected.id, version: 1, reason: 'superseded' }]);
  });

  it('uses only what was recorded by knownAt: the rating a relying party could have seen then', () => {
    const early = '2026-05-01T00:00:00.000Z';
    const later = '2026-05-20T00:00:00.000Z';
    const corrected = record(
      'court.judgment_unperformed',
      { caseNumber: 'c', amount: 600_000, currency: 'CNY' },
      early,
      [{ payload: { caseNumber: 'c', amount: 0, currency: 'CNY' }, recordedAt: later }],
    );
    const recordedLate = { ...listing(early), versions: [{ ...listing(early).versions[0]!, recordedAt: later }] };
    const thenKnown = rate([corrected, recordedLate], { knownAt: '2026-05-10T00:00:00.000Z' });
    expect(thenKnown.adverse.map((f) => f.ruleId)).toEqual(['judgment-unperformed']);
    expect(thenKnown.adverse[0]!.points).toBeLessThan(-100);
    const nowKnown = rate([corrected, recordedLate]);
    expect(nowKnown.adverse.map((f) => f.ruleId)).toEqual(['dishonest-debtor-listed', 'judgment-unperformed']);
  });

  it('reports a rule the record cannot be evaluated against, instead of guessing', () => {
    const odd = record('loan.overdue', { contractReference: 'l', amountOverdue: 1, currency: 'CNY' }, NOW);
    const result = rate([odd]);
    expect(result.score).toBe(650);
    expect(result.excluded).toContainEqual({
      recordId: odd.id,
      reason: 'rule_error',
      detail: expect.stringContaining('daysOverdue'),
    });
  });
});

describe.each([
  ['organizations', 'organization'],
  ['government', 'government'],
] as const)('assess (%s rulebook): a subject in every band', (code, kind) => {
  const rulebook = compileRulebook(catalog.pack.rulebooks.find((r) => r.code === code)!);
  const of = (type: string, payload: Record<string, unknown>) => ({ ...record(type, payload, NOW), subjectKind: kind });
  const rateOf = (records: StoredRecord[]) =>
    assess({ rulebook, recordType: (c) => catalog.recordType(c), records, asOf: NOW, knownAt: NOW });
  const judgment = () =>
    code === 'government'
      ? of('gov.judgment_unperformed_by_government', {
          caseNumber: 'c',
          obligation: 'o',
          amount: 1,
          currency: 'CNY',
          announcementDate: '2026-01-01',
        })
      : of('court.judgment_unperformed', { caseNumber: 'c', amount: 1, currency: 'CNY' });
  const good = () =>
    code === 'government'
      ? of('court.judgment_performed', { caseNumber: 'c', performedDate: '2026-01-01', performance: 'full' })
      : of('commendation.integrity_model', { awardReference: 'a', awardYear: 2026, awardTitle: 't' });

  it.each([
    ['a', () => [good(), good(), good()]],
    ['b', () => []],
    ['c', () => [judgment(), judgment()]],
    ['d', () => [judgment(), judgment(), judgment(), judgment(), judgment(), judgment(), judgment(), judgment()]],
  ] as const)('band %s', (band, records) => {
    const result = rateOf([...records()]);
    expect(result.band.code, `score ${result.score}`).toBe(band);
    if (band === 'c' || band === 'd') expect(result.adverse[0]!.reasonCode).toBe('JUDGMENT_UNPERFORMED');
  });
});

describe('assess (organizations rulebook): administrative penalties', () => {
  const rulebook = compileRulebook(catalog.pack.rulebooks.find((r) => r.code === 'organizations')!);
  const penalty = (payload: Record<string, unknown>) => ({
    ...record('market.administrative_penalty', { decisionReference: 'd', ...payload }, NOW),
    subjectKind: 'organization' as const,
  });
  const rateOf = (records: StoredRecord[]) =>
    assess({ rulebook, recordType: (c) => catalog.recordType(c), records, asOf: NOW, knownAt: NOW });

  it('counts a penalty without a fine (a warning) as a small one, not as an error that drops it', () => {
    const base = rateOf([]).score;
    const warned = rateOf([penalty({ penaltyType: 'warning' })]);
    expect(warned.excluded).toEqual([]);
    expect(warned.score).toBe(base - 5);
    expect(rateOf([penalty({ penaltyType: 'fine', fineAmount: 2_000_000 })]).score).toBe(base - 12);
  });
});

describe('assess: band ceilings tied to list entries in force', () => {
  /** An entry on `listCode` from `basis`, active from `activeFrom` for two years, removed at `removedAt`. */
  const entry = (
    listCode: string,
    basis: StoredRecord,
    times: { activeFrom?: string; removedAt?: string | null; recordedAt?: string } = {},
  ): ListEntry => {
    const activeFrom = times.activeFrom ?? basis.versions[0]!.effectiveAt;
    return {
      id: `entry-${++next}`,
      listCode,
      subjectId: 'subject-1',
      basisRecordId: basis.id,
      listedAt: activeFrom,
      activeFrom,
      until: new Date(Date.parse(activeFrom) + 730 * 86_400_000).toISOString(),
      matchKey: 'c',
      recordedAt: times.recordedAt ?? activeFrom,
      removedAt: times.removedAt ?? null,
      removedBy: times.removedAt ? 'rec-removing' : null,
    };
  };
  const rateWith = (
    records: StoredRecord[],
    entries: ListEntry[],
    options: { asOf?: string; knownAt?: string; suspendedEntries?: Set<string> } = {},
  ) =>
    assess({
      rulebook: persons,
      recordType: (code) => catalog.recordType(code),
      records,
      entries,
      asOf: options.asOf ?? NOW,
      knownAt: options.knownAt ?? NOW,
      ...(options.suspendedEntries ? { suspendedEntries: options.suspendedEntries } : {}),
    });
  /** A year-old listing and three commendations: the records alone give a Good rating. */
  const listedButCommended = () => {
    const l = listing('2025-06-01T00:00:00.000Z');
    return { l, records: [l, commendation(), commendation(), commendation()] };
  };

  it('holds a listed debtor whose records add up to Good at the top of Bad, and says so as the ceiling', () => {
    const { l, records } = listedButCommended();
    expect(rateWith(records, []).band.code).toBe('good');
    const e = entry('dishonest-judgment-debtors', l);
    const result = rateWith(records, [e]);
    expect(result.band.code).toBe('bad');
    expect(result.score).toBe(549); // the top of Bad: Good starts at 550
    expect(result.ceiling).toMatchObject({
      listCode: 'dishonest-judgment-debtors',
      band: { code: 'bad' },
      reasonCode: 'LISTED_DISHONEST_DEBTOR',
      points: 549 - rateWith(records, []).score,
      entryIds: [e.id],
      recordIds: [l.id],
    });
  });

  it('names the ceiling with no points when the records already put the subject lower', () => {
    const j = judgment(500_000, NOW);
    const l = listing(NOW);
    const result = rateWith([j, l], [entry('dishonest-judgment-debtors', l)]);
    expect(result.score).toBe(650 - 110 - 150);
    expect(result.ceiling).toMatchObject({ band: { code: 'bad' }, points: 0 });
  });

  it('takes the lowest of several ceilings in force', () => {
    const { l, records } = listedButCommended();
    const result = rateWith(records, [entry('consumption-restriction', l), entry('dishonest-judgment-debtors', l)]);
    expect(result.ceiling?.listCode).toBe('dishonest-judgment-debtors');
    expect(result.band.code).toBe('bad');
    const restrictedOnly = rateWith(records, [entry('consumption-restriction', l)]);
    expect(restrictedOnly.band.code).toBe('good');
    expect(restrictedOnly.score).toBeLessThanOrEqual(749);
  });

  it.each([
    ['removed', { removedAt: '2026-05-01T00:00:00.000Z' }, {}],
    ['not yet active (notice running)', { activeFrom: '2026-07-01T00:00:00.000Z' }, {}],
    ['term over', { activeFrom: '2024-01-01T00:00:00.000Z' }, {}],
    [
      'not yet recorded at knownAt',
      { recordedAt: '2026-05-20T00:00:00.000Z' },
      { knownAt: '2026-05-10T00:00:00.000Z' },
    ],
  ] as const)('applies no ceiling from an entry that is %s', (_, times, options) => {
    const { l, records } = listedButCommended();
    const result = rateWith(records, [entry('dishonest-judgment-debtors', l, times)], options);
    expect(result.ceiling).toBeUndefined();
    expect(result.band.code).toBe('good');
  });

  it('applies no ceiling from an entry a dispute suspends, nor from a list the rulebook names no ceiling for', () => {
    const { l, records } = listedButCommended();
    const e = entry('dishonest-judgment-debtors', l);
    expect(rateWith(records, [e], { suspendedEntries: new Set([e.id]) }).ceiling).toBeUndefined();
    expect(rateWith(records, [entry('government-unperformed-judgments', l)]).ceiling).toBeUndefined();
  });

  it('ends with the entry: the rating the day after removal is the records’ own', () => {
    const { l, records } = listedButCommended();
    const e = entry('dishonest-judgment-debtors', l, { removedAt: '2026-06-01T00:00:00.000Z' });
    expect(rateWith(records, [e], { asOf: '2026-05-31T00:00:00.000Z' }).band.code).toBe('bad');
    expect(rateWith(records, [e], { asOf: '2026-06-02T00:00:00.000Z' }).band.code).toBe('good');
  });
});
