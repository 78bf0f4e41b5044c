import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StorableSubmission } from '../../src/domain/records/record.js';
import { slicePrepared, type ItemResult, type PreparedBatch } from '../../src/services/record-ingest.js';

/** A prepared batch of `kinds.length` items: true is an item waiting for the store, false one already rejected. */
function batchOf(kinds: readonly boolean[]): PreparedBatch {
  const results: (ItemResult | undefined)[] = [];
  const valid: StorableSubmission[] = [];
  const validAt: number[] = [];
  kinds.forEach((waiting, k) => {
    if (waiting) {
      results.push(undefined);
      valid.push({ sourceRef: `ref-${k}` } as unknown as StorableSubmission);
      validAt.push(k);
    } else results.push({ index: 100 + k, status: 'rejected', errors: [] });
  });
  return { results, valid, validAt, indexes: kinds.map((_, k) => 100 + k) };
}

describe('slicePrepared', () => {
  it('cuts a batch into slices that, put back together, are the batch', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 60 }), fc.array(fc.nat(60)), (kinds, cuts) => {
        const whole = batchOf(kinds);
        const bounds = [0, ...new Set(cuts.filter((c) => c < kinds.length)), kinds.length].sort((a, b) => a - b);
        const rebuilt = {
          results: [] as unknown[],
          valid: [] as unknown[],
          validAt: [] as number[],
          indexes: [] as number[],
        };
        for (let i = 0; i + 1 < bounds.length; i++) {
          const [from, to] = [bounds[i]!, bounds[i + 1]!];
          const slice = slicePrepared(whole, from, to);
          expect(slice.results).toHaveLength(to - from);
          // Each waiting item of a slice points at its own place in the slice.
          slice.validAt.forEach((k) => expect(slice.results[k]).toBeUndefined());
          rebuilt.results.push(...slice.results);
          rebuilt.valid.push(...slice.valid);
          rebuilt.validAt.push(...slice.validAt.map((k) => k + from));
          rebuilt.indexes.push(...slice.indexes);
        }
        expect(rebuilt).toEqual({
          results: whole.results,
          valid: whole.valid,
          validAt: whole.validAt,
          indexes: whole.indexes,
        });
      }),
    );
  });

  it('gives an empty slice nothing to store', () => {
    const slice = slicePrepared(batchOf([true, false, true]), 1, 1);
    expect(slice).toEqual({ results: [], valid: [], validAt: [], indexes: [] });
  });
});
