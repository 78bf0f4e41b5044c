import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/http/server.js';
import { openRegistry } from '../../src/registry.js';
import { validSubmission } from '../support/catalog.js';
import { DEMO_PACK } from '../support/pack-fixture.js';
import { TEST_LOG_KEY } from '../support/test-server.js';
import { mountTinyFilesystem } from '../support/tiny-filesystem.js';

const disk = mountTinyFilesystem(6);

describe.skipIf(disk === undefined)('SQLite on a disk that fills up (needs root to mount a small tmpfs)', () => {
  afterAll(() => disk?.unmount());

  it('answers writes 503 store_unavailable with Retry-After once the disk is full, never a 500, and keeps every acknowledged record', async () => {
    const registry = await openRegistry({
      db: `sqlite:${join(disk!.path, 'probity.db')}`,
      pack: DEMO_PACK,
      signer: TEST_LOG_KEY,
    });
    const app = await buildServer(registry, { logLevel: 'silent' });
    try {
      const { secret } = await registry.apiKeys.issue('institution', 'sh-pudong-court');
      const headers = { authorization: `Bearer ${secret}` };
      let acknowledged = 0;
      let last = { statusCode: 200, body: '', headers: {} as Record<string, unknown> };
      for (let batch = 0; batch < 400 && last.statusCode === 200; batch++) {
        const records = Array.from({ length: 100 }, (_, i) =>
          validSubmission({
            sourceRef: `full-${batch}-${i}`,
            payload: { caseNumber: `(2026)沪0115执${batch}-${i}号`, amount: 1000 + i, currency: 'CNY' },
          }),
        );
        const answer = await app.inject({ method: 'POST', url: '/v1/records', headers, payload: records });
        last = answer;
        if (answer.statusCode === 200) {
          const { accepted } = answer.json() as { accepted: number };
          expect(accepted).toBe(records.length);
          acknowledged += accepted;
        }
      }
      expect(last.statusCode).toBe(503);
      expect(last.headers['retry-after']).toMatch(/^\d+$/);
      expect(JSON.parse(last.body)).toMatchObject({ type: '/problems/store_unavailable' });
      expect(acknowledged).toBeGreaterThan(0);
      expect((await registry.store.counts()).records).toBe(acknowledged);
    } finally {
      await app.close();
      await registry.close().catch(() => {});
    }
  }, 120_000);
});
