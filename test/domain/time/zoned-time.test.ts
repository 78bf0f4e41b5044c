import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, localDate, localMinute, timeZoneName } from '../../../src/domain/time/zoned-time.js';

describe('times on the jurisdiction clock', () => {
  it('gives the local date and minute of an instant, across midnight', () => {
    expect(localDate('2026-12-06T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-12-07');
    expect(localMinute('2026-12-06T16:30:00.000Z', 'Asia/Shanghai')).toBe('2026-12-07 00:30');
    expect(localMinute('2026-12-06T16:30:00.000Z', 'UTC')).toBe('2026-12-06 16:30');
  });

  it('follows daylight saving where the zone has it', () => {
    expect(localMinute('2026-07-01T12:00:00Z', 'Europe/Berlin')).toBe('2026-07-01 14:00');
    expect(localMinute('2026-01-01T12:00:00Z', 'Europe/Berlin')).toBe('2026-01-01 13:00');
  });

  it('is eight hours ahead of UTC in Shanghai at every instant (no daylight saving)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1992-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), (d) => {
        const ahead = new Date(d.getTime() + 8 * 3_600_000).toISOString();
        expect(localMinute(d.toISOString(), 'Asia/Shanghai')).toBe(`${ahead.slice(0, 10)} ${ahead.slice(11, 16)}`);
      }),
    );
  });

  it('knows IANA zones and refuses made-up ones', () => {
    expect(isKnownTimeZone('Asia/Shanghai')).toBe(true);
    expect(isKnownTimeZone('UTC')).toBe(true);
    expect(isKnownTimeZone('Asia/Shangri-La')).toBe(false);
  });

  it('names the zone as people do in each language', () => {
    expect(timeZoneName('Asia/Shanghai', 'en')).toBe('China Standard Time');
    expect(timeZoneName('Asia/Shanghai', 'zh-Hans')).toBe('中国标准时间');
  });
});
