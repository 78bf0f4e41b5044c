import { describe, expect, it } from 'vitest';
import type { Rulebook } from '../../../src/domain/catalog/pack.js';
import type { RecordVersion, StoredRecord } from '../../../src/domain/records/record.js';
import { assess } from '../../../src/domain/rulebooks/assess.js';
import { compileRulebook } from '../../../src/domain/rulebooks/compiled-rulebook.js';
import { RulebookImpact } from '../../../src/domain/rulebooks/rulebook-impact.js';
import { demoCatalog } from '../../support/catalog.js';

const catalog = demoCatalog();
const current = catalog.pack.rulebooks.find((r) => r.code === 'persons')!;
/** The persons rulebook with an unperformed judgment costing three times as much, and commendations worth nothing. */
const stricter: Rulebook = {
  ...current,
  version: '2.0.0',
  rules: current.rules.flatMap((rule) => {
    if (rule.id === 'judgment-unperformed') return [{ ...rule, points: -180 }];
    if (rule.recordTypes.includes('commendation.integrity_model')) return [];
    return [rule];
  }),
};
const NOW = '2026-06-01T00:00:00.000Z';

function record(type: string, payload: Record<string, unknown>): StoredRecord {
  const version: RecordVersion = { version: 1, action: 'submitted', effectiveAt: NOW, recordedAt: NOW, payload };
  return {
    id: `rec-${type}`,
    subjectId: 's',
    subjectKind: 'person',
    institution: 'i',
    sourceRef: type,
    type,
    versions: [version],
  };
}
const judgment = record('court.judgment_unperformed', { caseNumber: 'c', amount: 1, currency: 'CNY' });
const commendation = record('commendation.integrity_model', { awardReference: 'a', awardYear: 2026, awardTitle: 't' });

const under = (rulebook: Rulebook, records: StoredRecord[]) =>
  assess({
    rulebook: compileRulebook(rulebook),
    recordType: (code) => catalog.recordType(code),
    records,
    asOf: NOW,
    knownAt: NOW,
  });

describe('RulebookImpact', () => {
  const impact = new RulebookImpact({ before: current, after: stricter }, 2);
  // 650 - 60 = 590 (good) under the current rulebook; 650 - 180 = 470 (bad) under the stricter one.
  for (const id of ['s1', 's2', 's3']) impact.add(id, under(current, [judgment]), under(stricter, [judgment]));
  impact.add('s4', under(current, []), under(stricter, [])); // no records: 650 under both
  const report = impact.report();

  it('counts subjects, band changes and their direction', () => {
    expect(report).toMatchObject({ subjects: 4, bandChanges: 3, up: 0, down: 3 });
    expect(report.transitions).toHaveLength(1);
    expect(report.transitions[0]).toMatchObject({ from: 'good', to: 'bad', direction: 'down', subjects: 3 });
  });

  it('keeps only the asked number of examples, with the rules that moved them', () => {
    const examples = report.transitions[0]!.examples;
    expect(examples.map((e) => e.subjectId)).toEqual(['s1', 's2']);
    expect(examples[0]).toEqual({
      subjectId: 's1',
      before: { score: 590, band: 'good' },
      after: { score: 470, band: 'bad' },
      changedRules: [{ ruleId: 'judgment-unperformed', before: -60, after: -180 }],
    });
  });

  it('summarises the score change', () => {
    expect(report.scoreChange).toEqual({ mean: -90, min: -120, max: 0, unchanged: 1 });
  });

  it('calls a move to a better band up', () => {
    const lenient = new RulebookImpact({ before: stricter, after: current }, 1);
    lenient.add('s1', under(stricter, [judgment, commendation]), under(current, [judgment, commendation]));
    expect(lenient.report()).toMatchObject({
      up: 1,
      down: 0,
      transitions: [{ from: 'bad', to: 'good', direction: 'up' }],
    });
  });
});
