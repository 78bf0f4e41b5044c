import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkPack, formatPackProblems, type PackProblem } from '../../src/pack/load-pack.js';
import { DEMO_PACK, editedPack, lineOf } from '../support/pack-fixture.js';

function problemsOf(dir: string): readonly PackProblem[] {
  const check = checkPack(dir);
  if (check.ok) throw new Error('expected the pack to be invalid');
  return check.problems;
}

describe('checkPack', () => {
  describe('the bundled demo pack', () => {
    const check = checkPack(DEMO_PACK);

    it('is valid', () => {
      expect(check.ok ? [] : formatPackProblems(check.problems)).toEqual([]);
    });

    it('is as large as the issue asks: at least 20 institutions and 60 record types', () => {
      if (!check.ok) throw new Error('invalid');
      expect(check.pack.institutions.length).toBeGreaterThanOrEqual(20);
      expect(check.pack.recordTypes.length).toBeGreaterThanOrEqual(60);
    });

    it('covers every allowed category, every subject kind, and both polarities', () => {
      if (!check.ok) throw new Error('invalid');
      const types = check.pack.recordTypes;
      expect(new Set(types.map((t) => t.category)).size).toBe(7);
      for (const kind of ['person', 'organization', 'government'] as const) {
        for (const polarity of ['negative', 'positive'] as const) {
          expect(
            types.some((t) => t.subjectKinds.includes(kind) && t.polarity === polarity),
            `${kind} ${polarity}`,
          ).toBe(true);
        }
      }
    });

    it('expresses the nine bans of Fa Shi [2015] No. 17 and the 2016 joint measures as action codes', () => {
      if (!check.ok) throw new Error('invalid');
      const actions = new Set(check.pack.restrictions.flatMap((r) => r.actions));
      for (const action of [
        'air.ticket.any',
        'rail.g_train.any',
        'securities.issue.shares',
        'securities.issue.bonds',
      ]) {
        expect(actions).toContain(action);
      }
      const bans = check.pack.restrictions.filter((r) => r.legalBasis.citation.includes('[2015] No. 17'));
      expect(bans.length).toBeGreaterThanOrEqual(9);
    });
  });

  describe('cross-references', () => {
    it('reports a list naming an unknown record type with file and line', () => {
      const needle = '    - court.dishonest_debtor_listing';
      const dir = editedPack('lists.yaml', (text) => text.replace(needle, '    - court.no_such_type'));
      expect(problemsOf(dir)).toContainEqual({
        file: expect.stringMatching(/lists\.yaml$/),
        line: lineOf('lists.yaml', needle),
        message: 'unknown record type "court.no_such_type"',
      });
    });

    it('reports an institution authorised for an unknown record type', () => {
      const dir = editedPack('institutions.yaml', (text) =>
        text.replace(/recordTypes:\n(\s+)- /, 'recordTypes:\n$1- made.up_type\n$1- '),
      );
      expect(problemsOf(dir).map((p) => p.message)).toContain('unknown record type "made.up_type"');
    });

    it('reports a time zone Intl does not know, at its line', () => {
      const dir = editedPack('pack.yaml', (text) =>
        text.replace('timeZone: Asia/Shanghai', 'timeZone: Asia/Shangri-La'),
      );
      expect(problemsOf(dir)).toContainEqual({
        file: expect.stringMatching(/pack\.yaml$/),
        line: lineOf('pack.yaml', '  timeZone: Asia/Shanghai'),
        message: 'unknown time zone "Asia/Shangri-La" (an IANA name such as Asia/Shanghai)',
      });
    });

    it('reports a restriction naming an unknown action', () => {
      const dir = editedPack('restrictions.yaml', (text) => text.replace('- air.ticket.any', '- air.ticket.anything'));
      expect(problemsOf(dir).map((p) => p.message)).toContain('unknown action "air.ticket.anything"');
    });

    it('reports retention from the obligation end without the records that end it', () => {
      const needle = '      matchOn: caseNumber\n';
      const dir = editedPack('record-types/judicial.yaml', (text) =>
        text.replace(
          '    from: obligation_end\n    endedBy:\n      recordTypes:\n        - court.judgment_performed\n        - court.settlement_agreement_performed\n' +
            needle,
          '    from: obligation_end\n',
        ),
      );
      expect(problemsOf(dir)).toContainEqual({
        file: expect.stringMatching(/judicial\.yaml$/),
        line: lineOf('record-types/judicial.yaml', 'from: obligation_end'),
        message: 'retention from obligation_end needs endedBy: the record types that end the obligation',
      });
    });

    it('reports an obligation end matched on a field the ending record type lacks', () => {
      const dir = editedPack('record-types/tax.yaml', (text) =>
        text.replace('        - tax.arrears_cleared\n', '        - tax.arrears_cleared\n      matchOn: taxType\n'),
      );
      expect(problemsOf(dir).map((p) => p.message)).toContain(
        'record type "tax.arrears_cleared" has no payload field "taxType" to match on',
      );
    });

    it('reports a code defined twice', () => {
      const dir = editedPack('actions.yaml', (text) => text.replace('code: rail.g_train.any', 'code: air.ticket.any'));
      expect(problemsOf(dir).map((p) => p.message)).toContain('"air.ticket.any" is defined more than once');
    });
  });

  describe('file schemas', () => {
    it('reports a YAML syntax error with its line', () => {
      const dir = editedPack('actions.yaml', (text) =>
        text.replace('- code: air.ticket.any', '- code: [air.ticket.any'),
      );
      const problems = problemsOf(dir);
      expect(problems[0]?.file).toMatch(/actions\.yaml$/);
      expect(problems[0]?.line).toBeGreaterThan(0);
    });

    it('reports a missing required field at the item that lacks it', () => {
      const dir = editedPack('record-types/judicial.yaml', (text) => text.replace('  disputeSuspends: false\n', ''));
      const problem = problemsOf(dir).find((p) => p.message === 'disputeSuspends is required');
      expect(problem?.file).toMatch(/judicial\.yaml$/);
      expect(problem?.line).toBe(lineOf('record-types/judicial.yaml', '- code: court.judgment_unperformed'));
    });

    it('reports a field the schema does not know, on its own line', () => {
      const needle = '  noticeDays: 0';
      const dir = editedPack('lists.yaml', (text) => text.replace(needle, `${needle}\n  appliesTo: everyone`));
      expect(problemsOf(dir)).toContainEqual({
        file: expect.stringMatching(/lists\.yaml$/),
        line: lineOf('lists.yaml', needle) + 1,
        message: 'appliesTo is not an allowed field',
      });
    });

    it('rejects a payload schema that leaves the object open', () => {
      const dir = editedPack('record-types/judicial.yaml', (text) =>
        text.replace('additionalProperties: false', 'additionalProperties: true'),
      );
      expect(problemsOf(dir).some((p) => p.message.startsWith('additionalProperties must be equal to constant'))).toBe(
        true,
      );
    });

    it('reports a missing file', () => {
      const dir = editedPack('lists.yaml', () => '');
      rmSync(join(dir, 'lists.yaml'));
      expect(problemsOf(dir)).toContainEqual({
        file: expect.stringMatching(/lists\.yaml$/),
        line: 1,
        message: 'is missing',
      });
    });
  });

  describe('policy: what Probity refuses to do', () => {
    it.each([
      ['faceImage', 'no biometric identification'],
      ['dnaSample', 'no DNA or other genetic data'],
      ['spouseName', 'no sanctions or ratings that reach family members, relatives or associates'],
      ['ethnicity', 'no ethnicity as an input'],
      ['religiousAffiliation', 'no religion as an input'],
      ['politicalOpinion', 'no political opinion as an input'],
      ['healthCondition', 'no health data as an input'],
      ['gpsLocation', 'no location tracking as an input'],
      ['videoGameHours', 'no scoring of lifestyle, consumption, leisure or social networks'],
      ['socialMediaPosts', 'no scoring of lifestyle, consumption, leisure or social networks'],
      ['sexualOrientation', 'no sexual orientation as an input'],
      ['tradeUnion', 'no union membership as an input'],
      ['crimePrediction', 'no prediction of crimes or intent before any act'],
    ])('rejects a payload field %s, naming the principle', (field, principle) => {
      const dir = editedPack('record-types/judicial.yaml', (text) =>
        text.replace(
          '    properties:\n      caseNumber:',
          `    properties:\n      ${field}:\n        type: string\n      caseNumber:`,
        ),
      );
      const problems = problemsOf(dir);
      expect(problems.some((p) => p.message.includes(`refused by policy (${principle})`))).toBe(true);
      const problem = problems.find((p) => p.message.includes(principle))!;
      expect(problem.line).toBe(lineOf('record-types/judicial.yaml', '      caseNumber:'));
    });

    it('rejects a record type about relatives by its Chinese title', () => {
      const dir = editedPack('record-types/judicial.yaml', (text) =>
        text.replace('zh: 未履行生效法律文书确定的义务', 'zh: 被执行人亲属名单'),
      );
      expect(
        problemsOf(dir)
          .map((p) => p.message)
          .join('\n'),
      ).toContain(
        'refused by policy (no sanctions or ratings that reach family members, relatives or associates): "亲属"',
      );
    });

    it('rejects a record type outside the allowed categories', () => {
      const dir = editedPack('record-types/judicial.yaml', (text) =>
        text.replace('category: judicial', 'category: lifestyle'),
      );
      expect(
        problemsOf(dir)
          .map((p) => p.message)
          .join('\n'),
      ).toContain(
        'refused by policy (record types belong to an allowed category): "lifestyle" is not one of judicial, tax, regulatory',
      );
    });

    it('rejects a list that would reach family members', () => {
      const dir = editedPack('lists.yaml', (text) =>
        text.replace('en: List of dishonest judgment debtors', 'en: Family members of dishonest judgment debtors'),
      );
      expect(
        problemsOf(dir)
          .map((p) => p.message)
          .join('\n'),
      ).toContain('"family"');
    });

    it('rejects a relying-party purpose that scores leisure', () => {
      const dir = editedPack('relying-parties.yaml', (text) =>
        text.replace(/purposes:\n(\s+)- /, 'purposes:\n$1- leisure_profiling\n$1- '),
      );
      expect(
        problemsOf(dir)
          .map((p) => p.message)
          .join('\n'),
      ).toContain('"leisure"');
    });
  });
});
