import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EntryTable } from '../../../src/domain/checks/entry-table.js';
import type { IndexedEntry } from '../../../src/domain/checks/screen.js';

const ulid = (n: number) => `01J${String(n).padStart(23, '0')}`;
const entry = (n: number, removedAt: number | null = null): IndexedEntry => ({
  id: ulid(n),
  listCode: n % 2 ? 'dishonest-judgment-debtors' : 'consumption-restriction',
  activeFrom: n * 1000.5,
  until: n * 2000,
  removedAt,
});

describe('EntryTable', () => {
  it('gives back what was set, entries in order, and forgets a deleted key', () => {
    const table = new EntryTable();
    table.set('A', ulid(1), [entry(1), entry(2, 5)]);
    expect(table.get('A')).toEqual({ subjectId: ulid(1), entries: [entry(1), entry(2, 5)] });
    expect(table.size).toBe(1);
    table.delete('A');
    expect(table.get('A')).toBeUndefined();
    expect(table.size).toBe(0);
  });

  it('grows past its first capacity without losing anything', () => {
    const table = new EntryTable();
    for (let k = 0; k < 5000; k++) table.set(`K${k}`, ulid(k), [entry(k)]);
    for (let k = 0; k < 5000; k += 499) expect(table.get(`K${k}`)).toEqual({ subjectId: ulid(k), entries: [entry(k)] });
    expect(table.size).toBe(5000);
  });

  it('keeps ids that are not ULIDs too', () => {
    const table = new EntryTable();
    table.set('B', 'subject-7', [{ ...entry(3), id: 'entry-with-a-long-non-ulid-id' }]);
    expect(table.get('B')).toEqual({
      subjectId: 'subject-7',
      entries: [{ ...entry(3), id: 'entry-with-a-long-non-ulid-id' }],
    });
  });

  it('behaves like a map of arrays under any sequence of sets and deletes, growing and reusing slots', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 4 }), fc.nat(1_000_000)), {
          maxLength: 3000,
        }),
        (ops) => {
          const table = new EntryTable();
          const model = new Map<string, { subjectId: string; entries: IndexedEntry[] }>();
          for (const [k, count, seed] of ops) {
            const key = `K${k}`;
            const entries = Array.from({ length: count }, (_, i) => entry(seed + i, i === 1 ? seed : null));
            table.set(key, ulid(k), entries);
            if (count === 0) model.delete(key);
            else model.set(key, { subjectId: ulid(k), entries });
          }
          for (const [key, value] of model) expect(table.get(key)).toEqual(value);
          expect(table.size).toBe(model.size);
        },
      ),
      { numRuns: 50 },
    );
  });
});
