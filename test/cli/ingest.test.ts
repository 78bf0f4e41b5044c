import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { validSubmission } from '../support/catalog.js';
import { finished, runCli, startCli } from '../support/cli.js';
import { STORE_KINDS, freshStoreUrl } from '../support/stores.js';
import { testTempDir } from '../support/temp-dir.js';

const dir = testTempDir('probity-ingest-');

describe('probity ingest', () => {
  it('stores good lines, writes bad ones to FILE.rejects.ndjson with line and reasons, and exits 1', async () => {
    const file = join(dir, 'mixed.ndjson');
    writeFileSync(
      file,
      [
        JSON.stringify(validSubmission({ sourceRef: 'm-1' })),
        'not json at all',
        JSON.stringify(validSubmission({ sourceRef: 'm-2', type: 'court.nope' })),
        '',
        JSON.stringify(validSubmission({ sourceRef: 'm-3' })),
      ].join('\n') + '\n',
    );
    const db = `sqlite:${join(dir, 'mixed.db')}`;
    const result = await runCli(['ingest', file, '--institution', 'sh-pudong-court', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('2 accepted, 0 duplicates, 2 rejected');
    const rejects = readFileSync(`${file}.rejects.ndjson`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejects).toEqual([
      { line: 2, text: 'not json at all', errors: [expect.objectContaining({ code: 'malformed_line', path: '' })] },
      {
        line: 3,
        text: expect.stringContaining('court.nope'),
        errors: [expect.objectContaining({ code: 'unknown_record_type', path: '/type' })],
      },
    ]);

    const again = await runCli(['ingest', file, '--institution', 'sh-pudong-court', '--db', db, '--json']);
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout)).toEqual({
      file,
      accepted: 0,
      duplicates: 2,
      rejected: 2,
      seconds: expect.any(Number),
      rejectsFile: `${file}.rejects.ndjson`,
      checkpointSize: null,
    });
  });

  it('exits 0 and leaves no rejects file when every line is accepted or a duplicate', async () => {
    const file = join(dir, 'clean.ndjson');
    writeFileSync(file, JSON.stringify(validSubmission({ sourceRef: 'c-1' })) + '\n');
    const db = `sqlite:${join(dir, 'clean.db')}`;
    expect((await runCli(['ingest', file, '--institution', 'sh-pudong-court', '--db', db])).code).toBe(0);
    expect((await runCli(['ingest', file, '--institution', 'sh-pudong-court', '--db', db])).code).toBe(0);
    expect(existsSync(`${file}.rejects.ndjson`)).toBe(false);
  });

  it('reads CSV with payload.FIELD columns typed by the payload schema', async () => {
    const file = join(dir, 'records.csv');
    writeFileSync(
      file,
      [
        'institution,type,sourceRef,subject.scheme,subject.value,subject.name,effectiveAt,payload.caseNumber,payload.amount,payload.currency',
        'sh-pudong-court,court.judgment_unperformed,csv-1,CN-RIC,11010519491231002X,张三,2025-03-01T00:00:00Z,(2025)沪0115执1号,125000,CNY',
        'sh-pudong-court,court.judgment_unperformed,csv-2,CN-RIC,11010519491231002X,张三,2025-03-01T00:00:00Z,(2025)沪0115执2号,lots,CNY',
      ].join('\n') + '\n',
    );
    const result = await runCli(['ingest', file, '--db', `sqlite:${join(dir, 'csv.db')}`]);
    expect(result.stdout).toContain('1 accepted, 0 duplicates, 1 rejected');
    const [reject] = readFileSync(`${file}.rejects.ndjson`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(reject).toMatchObject({ line: 3, errors: [{ code: 'invalid_payload', path: '/payload/amount' }] });
  });

  it('rejects a line over PROBITY_MAX_LINE_BYTES as line_too_long with its number, goes on, and drops a BOM before the first line (issue 14)', async () => {
    const file = join(dir, 'long.ndjson');
    const long = JSON.stringify(
      validSubmission({
        sourceRef: 'l-2',
        subject: { scheme: 'CN-RIC', value: '11010519491231002X', name: 'x'.repeat(4096) },
      }),
    );
    writeFileSync(
      file,
      `\uFEFF${JSON.stringify(validSubmission({ sourceRef: 'l-1' }))}\n${long}\n${JSON.stringify(validSubmission({ sourceRef: 'l-3' }))}\n`,
    );
    const result = await runCli(
      ['ingest', file, '--institution', 'sh-pudong-court', '--db', `sqlite:${join(dir, 'long.db')}`],
      { PROBITY_MAX_LINE_BYTES: '2048' },
    );
    expect(result.stdout).toContain('2 accepted, 0 duplicates, 1 rejected');
    const rejects = readFileSync(`${file}.rejects.ndjson`, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rejects).toEqual([
      expect.objectContaining({ line: 2, errors: [expect.objectContaining({ code: 'line_too_long' })] }),
    ]);
  });

  it('reads a CSV file that starts with a BOM', async () => {
    const file = join(dir, 'bom.csv');
    writeFileSync(
      file,
      [
        '\uFEFFinstitution,type,sourceRef,subject.scheme,subject.value,effectiveAt,payload.caseNumber,payload.amount,payload.currency',
        'sh-pudong-court,court.judgment_unperformed,bom-1,CN-RIC,11010519491231002X,2025-03-01T00:00:00Z,(2025)沪0115执1号,125000,CNY',
      ].join('\n') + '\n',
    );
    expect((await runCli(['ingest', file, '--db', `sqlite:${join(dir, 'bom.db')}`])).stdout).toContain(
      '1 accepted, 0 duplicates, 0 rejected',
    );
  });

  it('requires an institution per line when --institution is not given', async () => {
    const file = join(dir, 'anonymous.ndjson');
    writeFileSync(file, JSON.stringify(validSubmission({ sourceRef: 'a-1' })) + '\n');
    const result = await runCli(['ingest', file, '--db', `sqlite:${join(dir, 'anon.db')}`]);
    expect(result.code).toBe(1);
    expect(readFileSync(`${file}.rejects.ndjson`, 'utf8')).toContain('"path":"/institution"');
  });

  it('exits 2 on a fatal error', async () => {
    const result = await runCli(['ingest', join(dir, 'missing.ndjson'), '--db', `sqlite:${join(dir, 'x.db')}`]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^probity: /);
  });
});

describe.each(STORE_KINDS)('probity ingest killed with SIGKILL on %s', (kind) => {
  const file = join(dir, `kill-${kind}.ndjson`);
  let url: string;
  let store: Store;
  let total: number;

  beforeAll(async () => {
    const gen = await runCli([
      'gen',
      '--persons',
      '24000',
      '--orgs',
      '2400',
      '--gov',
      '50',
      '--seed',
      '9',
      '--as-of',
      '2026-01-01',
      '--out',
      file,
    ]);
    expect(gen.code).toBe(0);
    total = readFileSync(file, 'utf8').trim().split('\n').length;
    url = await freshStoreUrl(kind);
    store = await openStore(url);
  }, 60_000);
  afterAll(async () => {
    await store.close();
  });

  async function killMidway(atLeast: number): Promise<number> {
    const child = startCli(['ingest', file, '--db', url]);
    const done = finished(child);
    let stored = 0;
    for (let i = 0; i < 2000 && stored < atLeast; i++) {
      await sleep(10);
      stored = (await store.counts()).records;
    }
    child.kill('SIGKILL');
    const result = await done;
    expect(result.signal).toBe('SIGKILL');
    return (await store.counts()).records;
  }

  it('stores every record exactly once when run again', async () => {
    const first = await killMidway(1);
    const second = await killMidway(first + 5000);
    expect(first).toBeGreaterThan(0);
    expect(second).toBeGreaterThan(first);
    expect(second).toBeLessThan(total);

    const rerun = await runCli(['ingest', file, '--db', url]);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain(`${total - second} accepted, ${second} duplicates, 0 rejected`);
    const counts = await store.counts();
    expect(counts.records).toBe(total);
    const feed = await store.feed(0, 1_000_000);
    expect(feed.filter((e) => e.type === 'record.accepted')).toHaveLength(total);
    expect(feed.map((e) => e.seq)).toEqual(feed.map((_, i) => i + 1));
  }, 120_000);
});

describe('probity ingest killed with SIGKILL, its rejects file', () => {
  it('is complete up to the last committed batch', async () => {
    const source = join(dir, 'rejects-source.ndjson');
    const file = join(dir, 'rejects-kill.ndjson');
    expect(
      (
        await runCli([
          'gen',
          '--persons',
          '20000',
          '--orgs',
          '2000',
          '--gov',
          '20',
          '--seed',
          '21',
          '--as-of',
          '2026-01-01',
          '--out',
          source,
        ])
      ).code,
    ).toBe(0);
    // Every tenth line names a record type the catalog lacks: 200 rejects in each batch of 2,000 lines.
    const lines = readFileSync(source, 'utf8')
      .trim()
      .split('\n')
      .map((line, i) => (i % 10 === 9 ? line.replace(/"type":"[^"]+"/, '"type":"court.nope"') : line));
    writeFileSync(file, lines.join('\n') + '\n');
    const url = await freshStoreUrl('sqlite');
    const store = await openStore(url);
    try {
      const child = startCli(['ingest', file, '--db', url]);
      const done = finished(child);
      for (let i = 0; i < 2000 && (await store.counts()).records < 3 * 1800; i++) await sleep(5);
      child.kill('SIGKILL');
      expect((await done).signal).toBe('SIGKILL');
      const stored = (await store.counts()).records;
      expect(stored % 1800).toBe(0);
      expect(stored).toBeLessThan(lines.length * 0.9);
      const rejects = readFileSync(`${file}.rejects.ndjson`, 'utf8').trim().split('\n');
      // Those of every committed batch, and at most the next batch's, which are written before it commits.
      expect([stored / 9, stored / 9 + 200]).toContain(rejects.length);
      expect(
        rejects.every(
          (line) => (JSON.parse(line) as { errors: { code: string }[] }).errors[0]!.code === 'unknown_record_type',
        ),
      ).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);
});
