import { describe, expect, it } from 'vitest';
import { rulebookId } from '../../src/domain/rulebooks/rulebook-id.js';
import { checkPack, type PackProblem } from '../../src/pack/load-pack.js';
import { DEMO_PACK, editedPack, lineOf } from '../support/pack-fixture.js';

const PERSONS = 'rulebooks/persons.yaml';

function problemsOf(dir: string): readonly PackProblem[] {
  const check = checkPack(dir);
  if (check.ok) throw new Error('expected the pack to be invalid');
  return check.problems;
}

/** The problem reported for an edit of the persons rulebook, at the line of `needle` (as it reads before the edit). */
function problemAt(needle: string, replacement: string): { line: number; messages: string[] } {
  const dir = editedPack(PERSONS, (text) => text.replace(needle, replacement));
  const line = lineOf(PERSONS, needle);
  return {
    line,
    messages: problemsOf(dir)
      .filter((p) => p.file.endsWith(PERSONS) && p.line === line)
      .map((p) => p.message),
  };
}

describe('rulebooks in the pack', () => {
  it('loads the three demo rulebooks, one per kind of subject', () => {
    const check = checkPack(DEMO_PACK);
    if (!check.ok) throw new Error('demo pack invalid');
    expect(check.pack.rulebooks.map((r) => [r.code, r.subjectKind, r.bands.map((b) => b.code)])).toEqual([
      ['government', 'government', ['a', 'b', 'c', 'd']],
      ['organizations', 'organization', ['a', 'b', 'c', 'd']],
      ['persons', 'person', ['very_good', 'good', 'bad']],
    ]);
    const persons = check.pack.rulebooks.find((r) => r.code === 'persons')!;
    expect(persons.range).toEqual({ min: 350, max: 950 });
    // Performing a judgment must visibly repair the rating.
    expect(persons.rules.find((r) => r.id === 'judgment-performed')?.points).toBeGreaterThan(0);
  });

  it('reports a band ceiling on a list that does not exist, on a list that cannot hold the subjects, or to an unknown band', () => {
    expect(problemAt('  - list: dishonest-judgment-debtors\n', '  - list: dishonest-debtors\n').messages).toEqual([
      'ceiling: unknown list "dishonest-debtors"',
    ]);
    expect(
      problemAt('  - list: procurement-debarred\n', '  - list: government-unperformed-judgments\n').messages,
    ).toEqual(['ceiling: list government-unperformed-judgments does not hold person subjects']);
    expect(problemAt('  - list: consumption-restriction\n', '  - list: major-tax-violators\n').messages).toEqual([
      'ceiling: list major-tax-violators has two ceilings',
    ]);
    const band = problemsOf(editedPack(PERSONS, (text) => text.replace('    band: good\n', '    band: fair\n')));
    expect(band.map((p) => p.message)).toContain('ceiling: unknown band "fair"');
  });

  it('reports CEL that does not compile, with the rule id and the compiler message', () => {
    const { messages } = problemAt('when: "payload.daysOverdue >= 90"', 'when: "payload.daysOverdue >= "');
    expect(messages).toEqual([
      expect.stringMatching(/^rule loan-seriously-overdue: when does not compile: .*expecting/),
    ]);
  });

  it('reports a payload field the record type schema does not have', () => {
    const { messages } = problemAt('when: "payload.daysOverdue >= 90"', 'when: "payload.daysLate >= 90"');
    expect(messages).toEqual([
      'rule loan-seriously-overdue: payload field "daysLate" is not in the schema of loan.overdue',
    ]);
  });

  it('reports a variable a rule cannot see', () => {
    const { messages } = problemAt('when: "payload.daysOverdue >= 90"', 'when: "subject.age >= 90"');
    expect(messages).toEqual([
      expect.stringContaining('uses unknown variable "subject" (a rule sees type, payload, ageDays, status)'),
    ]);
  });

  it('allows variables bound inside a comprehension', () => {
    const dir = editedPack(PERSONS, (text) =>
      text.replace('when: "payload.daysOverdue >= 90"', 'when: "[1, 2].all(x, x < payload.daysOverdue)"'),
    );
    expect(checkPack(dir).ok).toBe(true);
  });

  it('reports an unknown record type and one that does not apply to the subjects', () => {
    const needle = '    recordTypes: [court.dishonest_debtor_listing]';
    expect(problemAt(needle, '    recordTypes: [court.no_such_type]').messages).toEqual([
      'rule dishonest-debtor-listed: unknown record type "court.no_such_type"',
    ]);
    expect(problemAt(needle, '    recordTypes: [gov.supplier_payment_overdue]').messages).toEqual([
      'rule dishonest-debtor-listed: record type gov.supplier_payment_overdue does not apply to person subjects',
    ]);
  });

  it('reports overlapping bands', () => {
    const { messages } = problemAt('    min: 550', '    min: 800');
    expect(messages).toEqual(['band good (from 800) overlaps band very_good (from 750): list bands highest first']);
  });

  it('reports a lowest band that leaves scores without a band', () => {
    expect(problemAt('    min: 350', '    min: 400').messages).toEqual([
      'the lowest band must start at the range minimum 350, so every score has a band',
    ]);
  });

  it('refuses a rule that scores what the policy forbids', () => {
    const { messages } = problemAt('  - id: benefit-fraud', '  - id: religion-bonus');
    expect(messages).toEqual([
      expect.stringMatching(/^rule religion-bonus: refused by policy \(.*religion.*\): "religion"/),
    ]);
  });

  it('reports a points expression that does not compile', () => {
    const needle = 'points: "payload.monthsOverdue >= 3 ? -40 : -15"';
    expect(problemAt(needle, 'points: "payload.monthsOverdue >= 3 ? -40"').messages).toEqual([
      expect.stringMatching(/^rule card-or-housing-loan-overdue: points does not compile: /),
    ]);
  });
});

describe('rulebookId', () => {
  const persons = () => {
    const check = checkPack(DEMO_PACK);
    if (!check.ok) throw new Error('demo pack invalid');
    return check.pack.rulebooks.find((r) => r.code === 'persons')!;
  };

  it('is the SHA-256 of the canonical JSON, whatever the key order', () => {
    const rulebook = persons();
    const reordered = Object.fromEntries(Object.entries(rulebook).reverse()) as typeof rulebook;
    expect(rulebookId(rulebook)).toMatch(/^[0-9a-f]{64}$/);
    expect(rulebookId(reordered)).toBe(rulebookId(rulebook));
  });

  it('changes when any rule changes', () => {
    const rulebook = persons();
    const changed = {
      ...rulebook,
      rules: rulebook.rules.map((r, i) => (i === 0 ? { ...r, cap: (r.cap ?? 0) + 1 } : r)),
    };
    expect(rulebookId(changed)).not.toBe(rulebookId(rulebook));
  });
});
