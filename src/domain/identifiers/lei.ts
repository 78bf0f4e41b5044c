import type { IdentifierCheck, IdentifierScheme } from './identifier-scheme.js';
import { quoteCharacter } from './normalise-identifier.js';
import { failedCheck as fail, isCapitalLetter, isDigit, readIdentifier } from './identifier-characters.js';

const LENGTH = 20;
const BODY_LENGTH = 18;

/**
 * The two ISO 7064 MOD 97-10 check digits of an LEI's first 18 characters
 * (ISO 17442-1:2020): letters become 10 (A) to 35 (Z), `00` is appended, and
 * the check digits are 98 minus the remainder modulo 97, as in an IBAN.
 * Throws a RangeError unless given 18 characters of 0-9 and A-Z.
 */
export function leiCheckDigits(first18: string): string {
  if (!/^[0-9A-Z]{18}$/u.test(first18)) {
    throw new RangeError(`leiCheckDigits needs 18 characters 0-9 or A-Z, got ${JSON.stringify(first18)}`);
  }
  return String(98 - mod97(`${first18}00`)).padStart(2, '0');
}

/**
 * LEI: the 20-character Legal Entity Identifier of ISO 17442, issued by the
 * LEI issuers that GLEIF accredits. Denotes an organization.
 */
export const lei: IdentifierScheme = Object.freeze({
  code: 'LEI',
  title: 'Legal Entity Identifier (ISO 17442)',
  check: checkLei,
});

function checkLei(raw: string): IdentifierCheck {
  const read = readIdentifier(raw, LENGTH);
  if (!read.ok) return fail(read.message);
  const { value, characters } = read;
  for (const [index, character] of characters.entries()) {
    const quoted = quoteCharacter(character);
    if (!isDigit(character) && !isCapitalLetter(character)) {
      return fail(`character ${index + 1} ${quoted} is not allowed (only digits and capital letters)`);
    }
    if (index >= BODY_LENGTH && !isDigit(character)) {
      return fail(`character ${index + 1} ${quoted} is not allowed (the check digits, characters 19-20, are digits)`);
    }
  }
  const expected = leiCheckDigits(value.slice(0, BODY_LENGTH));
  const actual = value.slice(BODY_LENGTH);
  if (actual !== expected) return fail(`check digits should be ${expected}, not ${actual}`);
  return { ok: true, value, subjectKind: 'organization' };
}

// Remainder modulo 97 of the number spelt by the characters, letters counting
// as two digits, folded one character at a time so no number exceeds 9,700.
function mod97(characters: string): number {
  let remainder = 0;
  for (const character of characters) {
    const value = Number.parseInt(character, 36);
    remainder = (remainder * (value > 9 ? 100 : 10) + value) % 97;
  }
  return remainder;
}
