import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { runCli } from '../support/cli.js';
import { testTempDir } from '../support/temp-dir.js';

describe('probity assess', () => {
  const dir = testTempDir('probity-assess-');
  const db = `sqlite:${join(dir, 'assess.db')}`;

  it('prints the score, band, rulebook and factors, and with --explain what was left out', async () => {
    const file = join(dir, 'records.ndjson');
    const judgment = validSubmission({
      sourceRef: 'a-1',
      effectiveAt: '2026-01-01T00:00:00Z',
      payload: { caseNumber: 'a-1', amount: 200000, currency: 'CNY' },
    });
    writeFileSync(file, `${JSON.stringify(judgment)}\n`);
    expect((await runCli(['ingest', file, '--institution', 'sh-pudong-court', '--db', db])).code).toBe(0);

    const result = await runCli([
      'assess',
      'CN-RIC:110105 19491231002x',
      '--as-of',
      '2026-01-01T00:00:00Z',
      '--explain',
      '--db',
      db,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('score 570, band good (Good / 良好)');
    expect(result.stdout).toMatch(/rulebook persons 1\.0\.0 \([0-9a-f]{64}\); as of 2026-01-01T00:00:00\.000Z/);
    expect(result.stdout).toMatch(
      /-80 {2}JUDGMENT_UNPERFORMED: A court judgment against you has not been performed \(rule judgment-unperformed; 1 record: \w+\)/,
    );
    expect(result.stdout).toContain('no record was left out');
  });

  it('prints JSON with --json, and exits 2 for an unknown subject', async () => {
    const json = await runCli(['assess', 'CN-RIC:11010519491231002X', '--json', '--db', db]);
    expect(JSON.parse(json.stdout)).toMatchObject({ rulebookCode: 'persons', band: { code: expect.any(String) } });
    const unknown = await runCli(['assess', 'CN-RIC:110105194912310029', '--db', db]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('probity: not_found: no subject with CN-RIC identifier 110105194912310029');
  });

  it('recomputes every stored rating with --all and reports the band changes', async () => {
    const all = await runCli(['assess', '--all', '--db', db]);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^rated 1 subject\(s\) in \d+\.\d s; 1 changed band\n$/);
    const again = await runCli(['assess', '--all', '--json', '--db', db]);
    expect(JSON.parse(again.stdout)).toMatchObject({ subjects: 1, bandChanges: 0 });
    const both = await runCli(['assess', 'CN-RIC:11010519491231002X', '--all', '--db', db]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--all rates every subject as of now');
  });
});
