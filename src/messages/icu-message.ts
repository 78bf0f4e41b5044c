import { IntlMessageFormat } from 'intl-messageformat';

/** Messages parsed once each, on first use, by their text and locale. */
const parsed = new Map<string, IntlMessageFormat>();

/** An ICU MessageFormat message put into words with `values` (plurals and selects by the locale's rules). */
export function formatIcu(message: string, locale: string, values?: Readonly<Record<string, string | number>>): string {
  const id = `${locale}\u0000${message}`;
  let format = parsed.get(id);
  if (!format) {
    format = new IntlMessageFormat(message, locale);
    parsed.set(id, format);
  }
  return String(format.format(values));
}
