import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../../src/services/clock.js';
import { DisputeFigures } from '../../src/services/dispute-figures.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { freshStoreUrl } from '../support/stores.js';

describe('DisputeFigures', () => {
  let store: Store;
  let reads: number;
  let now = Date.parse('2026-06-01T00:00:00.000Z');
  const clock: Clock = { now: () => new Date(now) };

  beforeEach(async () => {
    store = await openStore(await freshStoreUrl('sqlite'));
    reads = 0;
    const disputesPage = store.disputesPage.bind(store);
    store.disputesPage = (after, limit) => (reads++, disputesPage(after, limit));
  });
  afterEach(async () => {
    await store.close();
  });

  it('reads every dispute at most once a minute, however many visitors ask', async () => {
    const figures = new DisputeFigures({ store, clock });
    await Promise.all([figures.current(), figures.current()]);
    now += 59_000;
    await figures.current();
    expect(reads).toBe(1);
    now += 2_000;
    await figures.current();
    expect(reads).toBe(2);
  });

  it('reads them again after a dispute changed through this process', async () => {
    const figures = new DisputeFigures({ store, clock });
    await figures.current();
    figures.invalidate();
    await figures.current();
    expect(reads).toBe(2);
  });

  it('keeps no failed computation', async () => {
    const figures = new DisputeFigures({ store, clock });
    const disputesPage = store.disputesPage;
    store.disputesPage = () => Promise.reject(new Error('store down'));
    await expect(figures.current()).rejects.toThrow('store down');
    store.disputesPage = disputesPage;
    await expect(figures.current()).resolves.toEqual([]);
  });
});
