import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import { finished, runCli, startCli } from '../support/cli.js';
import { DatabaseLink } from '../support/database-link.js';
import { createDatabase } from '../support/embedded-postgres.js';
import { testTempDir } from '../support/temp-dir.js';

const dir = testTempDir('probity-ingest-failure-');

describe('probity ingest when its PostgreSQL connection drops mid-run', () => {
  const file = join(dir, 'population.ndjson');
  let link: DatabaseLink;
  let url: string;
  let direct: string;

  beforeAll(async () => {
    const gen = await runCli([
      'gen',
      '--persons',
      '8000',
      '--orgs',
      '800',
      '--gov',
      '20',
      '--seed',
      '15',
      '--as-of',
      '2026-01-01',
      '--out',
      file,
    ]);
    expect(gen.code).toBe(0);
    direct = await createDatabase(inject('postgresAdminUrl'));
    // Migrated before the run, so that the run is cut while it writes records.
    await (await openStore(direct)).close();
    ({ link, url } = await DatabaseLink.open(direct));
  }, 60_000);
  afterAll(() => link.close());

  it('exits 2 with one line naming store_unavailable, not 1 ("some rejected") or a stack; a re-run stores the rest exactly once', async () => {
    const store = await openStore(direct);
    try {
      const child = startCli(['ingest', file, '--db', url]);
      const done = finished(child);
      for (let i = 0; i < 3000 && (await store.counts()).records === 0; i++) await sleep(10);
      await link.down();
      const result = await done;
      expect(result.code).toBe(2);
      expect(result.stderr.trim().split('\n').at(-1)).toMatch(/^probity: store_unavailable: /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).not.toContain('rejected');

      await link.up();
      const total = readFileSync(file, 'utf8').trim().split('\n').length;
      const rerun = await runCli(['ingest', file, '--db', url]);
      expect(rerun.code).toBe(0);
      expect((await store.counts()).records).toBe(total);
    } finally {
      await store.close();
    }
  }, 120_000);
});
