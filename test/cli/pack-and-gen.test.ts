import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';
import { DEMO_PACK, editedPack, lineOf } from '../support/pack-fixture.js';
import { testTempDir } from '../support/temp-dir.js';

describe('probity pack check', () => {
  it('exits 0 on the demo pack and says what it holds', async () => {
    const result = await runCli(['pack', 'check', DEMO_PACK]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/pack cn-demo .* is valid: \d+ institutions, \d+ record types/);
  });

  it('prints the same as one JSON object with --json', async () => {
    const valid = await runCli(['pack', 'check', DEMO_PACK, '--json']);
    expect(valid.code).toBe(0);
    expect(JSON.parse(valid.stdout)).toMatchObject({
      ok: true,
      pack: { id: 'cn-demo', counts: { institutions: expect.any(Number), rulebooks: 3 } },
    });
    const dir = editedPack('lists.yaml', (text) =>
      text.replace('    - court.dishonest_debtor_listing', '    - court.unknown'),
    );
    const broken = await runCli(['pack', 'check', dir, '--json']);
    expect(broken.code).toBe(1);
    expect(JSON.parse(broken.stdout)).toEqual({
      ok: false,
      problems: [
        {
          file: join(dir, 'lists.yaml'),
          line: lineOf('lists.yaml', '    - court.dishonest_debtor_listing'),
          message: 'unknown record type "court.unknown"',
        },
      ],
    });
  });

  it('exits 1 with file:line: message lines for a broken pack', async () => {
    const dir = editedPack('lists.yaml', (text) =>
      text.replace('    - court.dishonest_debtor_listing', '    - court.unknown'),
    );
    const result = await runCli(['pack', 'check', dir]);
    expect(result.code).toBe(1);
    const line = lineOf('lists.yaml', '    - court.dishonest_debtor_listing');
    expect(result.stdout.trim().split('\n')).toContain(
      `${join(dir, 'lists.yaml')}:${line}: unknown record type "court.unknown"`,
    );
  });

  it('makes the server refuse to start on an invalid pack', async () => {
    const dir = editedPack('record-types/judicial.yaml', (text) =>
      text.replace('category: judicial', 'category: lifestyle'),
    );
    const key = join(testTempDir('probity-key-'), 'log.key');
    await runCli(['audit', 'keygen', '--out', key]);
    const result = await runCli(['serve', '--pack', dir, '--db', 'sqlite::memory:', '--port', '0', '--audit-key', key]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('probity: invalid_pack:');
    expect(result.stderr).toContain('refused by policy');
  });
});

describe('probity --version', () => {
  it('prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    for (const flag of ['--version', '-V']) {
      const result = await runCli([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${version}\n`);
    }
  });
});

describe('probity gen', () => {
  const dir = testTempDir('probity-gen-');
  const gen = (seed: number, out: string) =>
    runCli([
      'gen',
      '--persons',
      '300',
      '--orgs',
      '40',
      '--gov',
      '5',
      '--seed',
      String(seed),
      '--as-of',
      '2026-01-01',
      '--out',
      out,
    ]);

  it('writes the same population for the same seed, and another for another seed', async () => {
    await gen(1, join(dir, 'a.ndjson'));
    await gen(1, join(dir, 'b.ndjson'));
    await gen(2, join(dir, 'c.ndjson'));
    const a = readFileSync(join(dir, 'a.ndjson'), 'utf8');
    expect(a.length).toBeGreaterThan(1000);
    expect(readFileSync(join(dir, 'b.ndjson'), 'utf8')).toBe(a);
    expect(readFileSync(join(dir, 'c.ndjson'), 'utf8')).not.toBe(a);
  });

  it('writes lines that all ingest cleanly, with a realistic skew', async () => {
    const file = join(dir, 'pop.ndjson');
    await gen(3, file);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const perSubject = new Map<string, number>();
    for (const line of lines) perSubject.set(line.subject.value, (perSubject.get(line.subject.value) ?? 0) + 1);
    expect(lines.every((l) => typeof l.institution === 'string' && l.effectiveAt < '2026-01-01')).toBe(true);
    expect(lines.some((l) => l.subject.value.startsWith('11'))).toBe(true); // government bodies

    const result = await runCli(['ingest', file, '--db', `sqlite:${join(dir, 'pop.db')}`]);
    expect(result.stdout).toContain(`${lines.length} accepted, 0 duplicates, 0 rejected`);
    expect(result.code).toBe(0);
  });
});

describe('probity usage errors', () => {
  it('exit 2, keeping 1 for "some records were rejected"', async () => {
    expect((await runCli(['no-such-command'])).code).toBe(2);
    expect((await runCli(['ingest'])).code).toBe(2);
    expect((await runCli(['--help'])).code).toBe(0);
  });
});
