import { describe, expect, it } from 'vitest';
import type { Rulebook, RulebookRule } from '../../src/domain/catalog/pack.js';
import { checkPack, type PackProblem } from '../../src/pack/load-pack.js';
import { DEMO_PACK, editedPack, lineOf } from '../support/pack-fixture.js';

const PERSONS = 'rulebooks/persons.yaml';

function demoRulebooks(): readonly Rulebook[] {
  const check = checkPack(DEMO_PACK);
  if (!check.ok) throw new Error('demo pack invalid');
  return check.pack.rulebooks;
}

/** Every rule of every demo rulebook, named `rulebook/rule` for readable failures. */
function demoRules(): readonly { name: string; rule: RulebookRule }[] {
  return demoRulebooks().flatMap((rulebook) =>
    rulebook.rules.map((rule) => ({ name: `${rulebook.code}/${rule.id}`, rule })),
  );
}

/** The number written alone (not part of a larger number), with its sign: "−60" or "-60" when adverse, "+60" when not. */
function signedPoints(points: number): RegExp {
  const sign = points < 0 ? '[−-]' : '\\+';
  return new RegExp(`(?<![\\d.,])${sign}${Math.abs(points)}(?![\\d.,])`);
}

describe('descriptions of the demo rulebooks’ rules', () => {
  const rules = demoRules();

  it('covers the 51 rules of the three rulebooks', () => {
    expect(rules).toHaveLength(51);
  });

  it('gives every rule a description in English and Chinese', () => {
    const missing = rules.filter(({ rule }) => !rule.description?.en.trim() || !rule.description.zh.trim());
    expect(missing.map((r) => r.name)).toEqual([]);
  });

  it('states a rule’s fixed points with their sign in English, and as 扣/加 N 分 in Chinese', () => {
    const drifted = rules.filter(({ rule }) => {
      if (typeof rule.points !== 'number') return false;
      const zh = `${rule.points < 0 ? '扣' : '加'}${Math.abs(rule.points)}分`;
      return !signedPoints(rule.points).test(rule.description?.en ?? '') || !rule.description?.zh.includes(zh);
    });
    expect(drifted.map((r) => r.name)).toEqual([]);
  });

  it('states a rule’s cap as the most points it can give or take in all', () => {
    const drifted = rules.filter(
      ({ rule }) =>
        rule.cap !== undefined &&
        (!rule.description?.en.includes(`At most ${rule.cap} points in all`) ||
          !new RegExp(`合计(?:最多[扣加]|加减均不超过)${rule.cap}分`).test(rule.description.zh)),
    );
    expect(drifted.map((r) => r.name)).toEqual([]);
  });

  it('reads without record type codes or payload field names', () => {
    const code = /\b[a-z]+(?:[._][a-z0-9]+)+\b|\b[a-z]+[A-Z]\w*/;
    const coded = rules.filter(
      ({ rule }) => code.test(rule.description?.en ?? '') || code.test(rule.description?.zh ?? ''),
    );
    expect(coded.map((r) => r.name)).toEqual([]);
  });
});

describe('a rule description in the pack', () => {
  it('is refused at its line when a language is missing', () => {
    const needle = '      zh: 每次被纳入失信被执行人名单扣150分';
    const dir = editedPack(PERSONS, (text) => text.replace(new RegExp(`${needle}.*\\n`), ''));
    const check = checkPack(dir);
    const problems: readonly PackProblem[] = check.ok ? [] : check.problems;
    const line = lineOf(PERSONS, '  - id: dishonest-debtor-listed') + 1;
    expect(problems.filter((p) => p.file.endsWith(PERSONS)).map((p) => [p.line, p.message])).toEqual([
      [line, expect.stringMatching(/zh/)],
    ]);
  });
});
