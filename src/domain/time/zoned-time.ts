/**
 * Instants as the jurisdiction's clocks show them. The store keeps UTC; a person reads the
 * date and time of their own zone (the pack's calendar.timeZone, an IANA name). Intl's time-zone
 * data (ICU, in every Node build) does the conversion, daylight saving included.
 */

/** The pack's zone when it names none. */
export const DEFAULT_TIME_ZONE = 'UTC';

const formats = new Map<string, Intl.DateTimeFormat>();

/** Year, month, day, hour and minute of `instant` in `timeZone`, as two-digit (four for the year) strings. */
function partsIn(instant: string, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return {
    year: parts['year']!,
    month: parts['month']!,
    day: parts['day']!,
    hour: parts['hour']!,
    minute: parts['minute']!,
  };
}

/** The local date of an instant: `2026-12-07` for 2026-12-06T16:30Z in Asia/Shanghai. */
export function localDate(instant: string, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The local date and time to the minute: `2026-12-07 00:30` for 2026-12-06T16:30Z in Asia/Shanghai. */
export function localMinute(instant: string, timeZone: string): string {
  const p = partsIn(instant, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Whether Intl knows the zone (an IANA name such as `Asia/Shanghai`, or `UTC`). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** The zone's name in a language, as people there call it: `China Standard Time`, `中国标准时间`. */
export function timeZoneName(timeZone: string, locale: string): string {
  const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'long' }).formatToParts(new Date(0));
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}
