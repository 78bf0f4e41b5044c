import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { runCli } from '../support/cli.js';
import { DEMO_PACK, lineOf } from '../support/pack-fixture.js';
import { testTempDir } from '../support/temp-dir.js';

const PERSONS = join(DEMO_PACK, 'rulebooks', 'persons.yaml');
const RULEBOOK = 'rulebooks/persons.yaml';

describe('probity rulebook diff', () => {
  const dir = testTempDir('probity-diff-');
  const db = `sqlite:${join(dir, 'diff.db')}`;
  const draft = (name: string, edit: (text: string) => string) => {
    const file = join(dir, name);
    writeFileSync(file, edit(readFileSync(PERSONS, 'utf8')));
    return file;
  };

  beforeAll(async () => {
    // Two persons with one unperformed judgment each (650 - 60 - amount/10,000 = 580: good), one organization.
    const now = new Date().toISOString();
    const lines = [
      validSubmission({
        sourceRef: 'p-1',
        effectiveAt: now,
        payload: { caseNumber: 'p-1', amount: 100000, currency: 'CNY' },
      }),
      validSubmission({
        sourceRef: 'p-2',
        effectiveAt: now,
        subject: { scheme: 'CN-RIC', value: '110101199003074477', name: '李四' },
        payload: { caseNumber: 'p-2', amount: 100000, currency: 'CNY' },
      }),
      validSubmission({
        sourceRef: 'o-1',
        effectiveAt: now,
        subject: { scheme: 'CN-USCC', value: '91350100M000100Y43' },
        payload: { caseNumber: 'o-1', amount: 1, currency: 'CNY' },
      }),
    ];
    const file = join(dir, 'records.ndjson');
    writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    expect((await runCli(['ingest', file, '--institution', 'sh-pudong-court', '--db', db])).code).toBe(0);
  });

  it('counts the subjects that change band, with direction and examples', async () => {
    // A judgment costing 200 base points instead of 60: 650 - 200 - 10 = 440, band bad.
    const stricter = draft('stricter.yaml', (t) =>
      t.replace('"-60.0 - (payload.amount', '"-200.0 - (payload.amount').replace('version: 1.0.0', 'version: 1.1.0'),
    );
    const result = await runCli(['rulebook', 'diff', PERSONS, stricter, '--db', db, '--examples', '1']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^persons 1\.0\.0 \([0-9a-f]{12}…\) -> persons 1\.1\.0 \([0-9a-f]{12}…\), as of /);
    expect(lines[1]).toBe('2 subjects compared; 2 (100.0%) change band: 0 up, 2 down');
    expect(lines[2]).toBe('score change: mean -140, from -140 to -140; 0 unchanged');
    expect(lines[3]).toBe('  good -> bad (down): 2');
    expect(lines[4]).toMatch(/^ {6}subject \w+: 580 -> 440 \(judgment-unperformed -70 -> -210\)$/);
    expect(lines[5]).toBe('');

    const json = JSON.parse((await runCli(['rulebook', 'diff', PERSONS, stricter, '--db', db, '--json'])).stdout);
    expect(json).toMatchObject({
      subjects: 2,
      bandChanges: 2,
      down: 2,
      before: { version: '1.0.0' },
      after: { version: '1.1.0' },
    });
    expect(json.transitions[0].examples).toHaveLength(2);
  });

  it('reports a rulebook error with its file, line and rule id, and exits 1', async () => {
    const broken = draft('broken.yaml', (t) =>
      t.replace('when: "payload.daysOverdue >= 90"', 'when: "payload.daysOverdue >= "'),
    );
    const result = await runCli(['rulebook', 'diff', PERSONS, broken, '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      `${broken}:${lineOf(RULEBOOK, 'when: "payload.daysOverdue >= 90"')}: rule loan-seriously-overdue`,
    );
  });

  it('refuses to compare rulebooks of different subject kinds', async () => {
    const result = await runCli([
      'rulebook',
      'diff',
      PERSONS,
      join(DEMO_PACK, 'rulebooks', 'organizations.yaml'),
      '--db',
      db,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('compare two rulebooks of one kind');
  });
});
