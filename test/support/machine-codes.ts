/**
 * Machine codes and ids in text a person reads: what the portal and e-mails must put in words.
 * Web addresses and e-mail addresses are left alone (they are meant to be copied); so are words
 * joined by hyphens ("tamper-evident").
 */
const PATTERNS: readonly [string, RegExp][] = [
  ['a ULID', /\b[0-9A-HJKMNP-TV-Z]{26}\b/],
  ['a dotted code', /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/],
  ['a snake_case code', /\b[a-z][a-z0-9]*_[a-z0-9_]+\b/],
  ['a SCREAMING_CASE code', /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/],
  ['a hash', /\b[0-9a-f]{32,}\b/],
];

/** Each machine code found, with what it looks like ("a dotted code: court.dishonest_debtor_listing"). */
export function machineCodesIn(text: string): string[] {
  const found: string[] = [];
  for (const raw of text.split(/[\s,;:|·()（）：；，、"“”'‘’]+/)) {
    const token = raw.replace(/^[.!?。]+|[.!?。]+$/g, '');
    if (token === '' || token.includes('@') || /^[a-z]+:\/\//.test(token) || token.startsWith('/')) continue;
    for (const [kind, pattern] of PATTERNS) {
      if (pattern.test(token)) {
        found.push(`${kind}: ${token}`);
        break;
      }
    }
  }
  return found;
}
