import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import {
  auditRanges,
  integerOrder,
  rangesToCreate,
  recordPeriods,
  textOrder,
  ulidTimePrefix,
  upperBound,
} from '../../src/store/postgres/partition-ranges.js';

const pad = (prefix: string) => `${prefix}${'0'.repeat(16)}`;

describe('recordPeriods', () => {
  it('gives this year and the next, bounded by the ULID time prefix of each first millisecond (UTC)', () => {
    const years = recordPeriods(new Date('2026-12-31T23:59:59.999Z'));
    expect(years.map((y) => y.suffix)).toEqual(['from_2026_01', 'from_2027_01']);
    expect([...years.map((y) => y.from), years[1]!.to].map((p) => new Date(decodeTime(pad(p))).toISOString())).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2027-01-01T00:00:00.000Z',
      '2028-01-01T00:00:00.000Z',
    ]);
    expect(years[0]!.to).toBe(years[1]!.from);
  });

  it('cuts shorter periods from January, across the turn of the year', () => {
    expect(recordPeriods(new Date('2026-11-30T23:59:59.999Z'), 1, 2).map((m) => m.suffix)).toEqual([
      'from_2026_11',
      'from_2026_12',
      'from_2027_01',
    ]);
    expect(recordPeriods(new Date('2026-08-15T00:00:00Z'), 3).map((q) => q.suffix)).toEqual([
      'from_2026_07',
      'from_2026_10',
    ]);
  });

  it('holds every id made in the period and none made outside it', () => {
    const [year] = recordPeriods(new Date('2026-12-05T12:00:00Z'));
    const idAt = (iso: string, tail = '0'.repeat(16)) => ulidTimePrefix(new Date(iso)) + tail;
    const inside = (id: string) => id >= year!.from && id < year!.to;
    expect(inside(idAt('2026-01-01T00:00:00.000Z'))).toBe(true);
    expect(inside(idAt('2026-12-31T23:59:59.999Z', 'Z'.repeat(16)))).toBe(true);
    expect(inside(idAt('2025-12-31T23:59:59.999Z', 'Z'.repeat(16)))).toBe(false);
    expect(inside(idAt('2027-01-01T00:00:00.000Z'))).toBe(false);
  });
});

describe('auditRanges', () => {
  it('gives the range holding the next entry and the one after it', () => {
    expect(auditRanges(0)).toEqual([
      { suffix: 'from_0', from: '0', to: '100000000' },
      { suffix: 'from_100000000', from: '100000000', to: '200000000' },
    ]);
    expect(auditRanges(250, 100).map((r) => r.from)).toEqual(['200', '300']);
  });
});

describe('rangesToCreate', () => {
  const wanted = auditRanges(250, 100);

  it('makes every range of a table with no range partition', () => {
    expect(rangesToCreate(wanted, undefined, integerOrder)).toEqual(wanted);
  });

  it('makes only what lies above the highest bound, from that bound', () => {
    expect(rangesToCreate(wanted, '300', integerOrder)).toEqual([wanted[1]]);
    expect(rangesToCreate(wanted, '250', integerOrder)).toEqual([{ ...wanted[0], from: '250' }, wanted[1]]);
    expect(rangesToCreate(wanted, '400', integerOrder)).toEqual([]);
    expect(rangesToCreate(wanted, '100', integerOrder)).toEqual(wanted);
  });

  it('compares seq bounds as numbers and id bounds as text', () => {
    expect(integerOrder('99', '100')).toBeLessThan(0);
    expect(textOrder('99', '100')).toBeGreaterThan(0);
  });
});

describe('upperBound', () => {
  it('reads the upper bound PostgreSQL prints, and none for DEFAULT', () => {
    expect(upperBound("FOR VALUES FROM (MINVALUE) TO ('01KJ0000')")).toBe('01KJ0000');
    expect(upperBound("FOR VALUES FROM ('0') TO ('100000000')")).toBe('100000000');
    expect(upperBound('DEFAULT')).toBeUndefined();
  });
});
