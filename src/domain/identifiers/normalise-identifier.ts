// What people put between the parts of an identifier when they copy or type it:
// ASCII space, ideographic (full-width) space U+3000 from Chinese input methods,
// hyphen-minus and en dash (GB 11714 prints the organization code as
// `XXXXXXXX-X`, and word processors turn that hyphen into an en dash).
const SEPARATORS = /[ \u3000\u2013-]/gu;

/**
 * Normalises a raw identifier the same way for every scheme: removes spaces
 * (including U+3000), hyphens and en dashes, and uppercases ASCII letters.
 * Anything else is left as it is, for the scheme to reject by name.
 */
export function normaliseIdentifier(raw: string): string {
  // Only a-z is uppercased: full Unicode case mapping would turn `ß` into `SS`,
  // `ı` into `I` and `ſ` into `S`, making malformed input look valid.
  return raw.replace(SEPARATORS, '').replace(/[a-z]+/gu, (letters) => letters.toUpperCase());
}

/**
 * Shows one character of an identifier in an error message: printable
 * characters in quotes (`'O'`), others by code point (`U+0009`) so that a tab
 * or a zero-width space is not shown as an empty pair of quotes.
 */
export function quoteCharacter(character: string): string {
  if (/^[\p{L}\p{N}\p{P}\p{S}]$/u.test(character)) return `'${character}'`;
  const codePoint = character.codePointAt(0) ?? 0;
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}
