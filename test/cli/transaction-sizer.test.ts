import { describe, expect, it } from 'vitest';
import { TransactionSizer } from '../../src/cli/transaction-sizer.js';

describe('TransactionSizer', () => {
  it('starts at the smallest size and grows to what fits the budget', () => {
    const sizer = new TransactionSizer(20, { min: 50, max: 2_000 });
    expect(sizer.size).toBe(50);
    // The store takes 0.05 ms a record: 400 records fill 20 ms.
    for (let i = 0; i < 20; i++) sizer.took(sizer.size, sizer.size * 0.05);
    expect(sizer.size).toBeGreaterThanOrEqual(395);
    expect(sizer.size).toBeLessThanOrEqual(405);
  });

  it('halves the step after one slow transaction instead of falling to the slow size at once', () => {
    const sizer = new TransactionSizer(20, { min: 10, max: 2_000 });
    for (let i = 0; i < 20; i++) sizer.took(sizer.size, sizer.size * 0.05);
    const steady = sizer.size;
    sizer.took(steady, 200); // one commit waited 200 ms: 40 records would have fitted
    expect(sizer.size).toBe(Math.round((steady + 40) / 2));
  });

  it('stays within its limits', () => {
    const sizer = new TransactionSizer(20, { min: 50, max: 300 });
    for (let i = 0; i < 10; i++) sizer.took(sizer.size, 0);
    expect(sizer.size).toBe(300);
    for (let i = 0; i < 10; i++) sizer.took(sizer.size, 10_000);
    expect(sizer.size).toBe(50);
  });
});
