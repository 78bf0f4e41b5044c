import { inject } from 'vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegistry, type Registry } from '../../src/registry.js';
import { replicaReads } from '../../src/store/replica-reads.js';
import type { Store } from '../../src/store/store.js';
import { ProbityError } from '../../src/errors.js';
import { DatabaseLink } from '../support/database-link.js';
import { createDatabase } from '../support/embedded-postgres.js';
import { DEMO_PACK } from '../support/pack-fixture.js';

/** A store of which only `counts` is called, answering with a name, to see where a read went. */
const named = (name: string, fail = false) =>
  ({
    counts: async () =>
      fail
        ? Promise.reject(new ProbityError('store_unavailable'))
        : { subjects: 0, records: 0, feedSeq: name === 'replica' ? 1 : 2 },
    close: async () => {},
  }) as unknown as Store;
const until = async (condition: () => Promise<boolean>) => {
  for (let i = 0; i < 50 && !(await condition()); i++) await new Promise((resolve) => setTimeout(resolve, 20));
};

describe('reads that may lag', () => {
  it('go to the replica while it is within the bound, and to the primary when it falls behind', async () => {
    let lag = 100;
    const reads = replicaReads(named('primary'), named('replica'), async () => lag, {
      maxLagMs: 1_000,
      checkEveryMs: 20,
    });
    try {
      await until(async () => (await reads.store.counts()).feedSeq === 1);
      expect((await reads.store.counts()).feedSeq).toBe(1);
      lag = 5_000;
      await until(async () => (await reads.store.counts()).feedSeq === 2);
      expect((await reads.store.counts()).feedSeq).toBe(2);
    } finally {
      await reads.close();
    }
  });

  it('go to the primary when the replica fails, without the caller seeing the failure', async () => {
    const reads = replicaReads(named('primary'), named('replica', true), async () => 0, {
      maxLagMs: 1_000,
      checkEveryMs: 20,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await reads.store.counts()).feedSeq).toBe(2);
    } finally {
      await reads.close();
    }
  });

  describe('on PostgreSQL (PROBITY_DB_READ)', () => {
    let link: DatabaseLink;
    let registry: Registry;
    beforeAll(async () => {
      const db = await createDatabase(inject('postgresAdminUrl'));
      const opened = await DatabaseLink.open(db);
      link = opened.link;
      // The same server stands in for the replica: it is not in recovery, so its lag is 0.
      registry = await openRegistry({ db, dbRead: opened.url, pack: DEMO_PACK });
    });
    afterAll(async () => {
      await registry.close();
      await link.close();
    });

    it('serve the public lookup from the replica, and from the primary while the replica is down', async () => {
      await until(async () => {
        await registry.publicLookup.search('某某');
        return link.connections > 0;
      });
      expect(link.connections).toBeGreaterThan(0);
      await link.down();
      await expect(registry.publicLookup.search('某某')).resolves.toBeDefined();
    });
  });
});
