import type { IdentifierCheck, IdentifierScheme } from './identifier-scheme.js';
import { quoteCharacter } from './normalise-identifier.js';
import { failedCheck as fail, isDigit, readIdentifier } from './identifier-characters.js';

const LENGTH = 18;

// GB 32100-2015: the code characters, in the order of their values 0-30.
// I, O, S, V and Z are not used.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const NEVER_USED = 'IOSVZ';

// GB 32100-2015 tabulates the weights 1, 3, 9, 27, 19, …, 28: for position i
// they are 3^(i-1) mod 31.
const WEIGHTS = Array.from({ length: LENGTH - 1 }, (_, index) => powerMod(3, index, 31));

// GB 11714-1997, 2.1.2: weights of the eight characters of an organization code.
const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

// GB 32100-2015: registering authority 1 is the organs-establishment
// administration (机构编制), which registers government organs and public
// institutions.
const GOVERNMENT_AUTHORITY = '1';

/**
 * The GB 32100-2015 check character (position 18) of a unified social credit
 * code's first 17 characters: 31 - (Σ value_i × 3^(i-1) mod 31), a result of
 * 31 written as `0`. Throws a RangeError unless given 17 characters of the
 * code alphabet.
 */
export function usccCheckCharacter(first17: string): string {
  if (!/^[0-9A-HJ-NP-RTUW-Y]{17}$/u.test(first17)) {
    throw new RangeError(`usccCheckCharacter needs 17 code characters, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (const [index, weight] of WEIGHTS.entries()) sum += ALPHABET.indexOf(first17[index] ?? '') * weight;
  return ALPHABET[(31 - (sum % 31)) % 31] ?? '';
}

/**
 * The GB 11714-1997 check character of an organization code's first eight
 * characters: 11 - (Σ value × weight mod 11), with 10 written as `X` and 11 as
 * `0`. Values follow GB 11714 annex A (0-9, then A = 10 … Z = 35), not the
 * GB 32100 alphabet. Throws a RangeError unless given eight of 0-9 and A-Z.
 */
export function organizationCodeCheckCharacter(first8: string): string {
  if (!/^[0-9A-Z]{8}$/u.test(first8)) {
    throw new RangeError(`organizationCodeCheckCharacter needs 8 characters 0-9 or A-Z, got ${JSON.stringify(first8)}`);
  }
  let sum = 0;
  for (const [index, weight] of ORGANIZATION_CODE_WEIGHTS.entries()) {
    sum += Number.parseInt(first8[index] ?? '', 36) * weight;
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : String(check % 11);
}

/**
 * CN-USCC: the 18-character unified social credit code of a legal person or
 * other organization in China (统一社会信用代码, GB 32100-2015). Codes
 * registered by the organs-establishment administration (position 1 is `1`)
 * denote government; all others denote organizations.
 */
export const cnUscc: IdentifierScheme = Object.freeze({
  code: 'CN-USCC',
  title: 'Unified social credit code (GB 32100-2015)',
  check: checkUscc,
});

function checkUscc(raw: string): IdentifierCheck {
  const read = readIdentifier(raw, LENGTH);
  if (!read.ok) return fail(read.message);
  const { value, characters } = read;
  for (const [index, character] of characters.entries()) {
    const position = index + 1;
    const quoted = quoteCharacter(character);
    if (NEVER_USED.includes(character)) {
      return fail(`character ${position} ${quoted} is not allowed (I, O, S, V and Z are never used)`);
    }
    if (!ALPHABET.includes(character)) {
      return fail(`character ${position} ${quoted} is not allowed (only digits and capital letters)`);
    }
    if (position >= 3 && position <= 8 && !isDigit(character)) {
      return fail(
        `character ${position} ${quoted} is not allowed (characters 3-8, the administrative division code, are digits)`,
      );
    }
    if (position === 17 && !isDigit(character) && character !== 'X') {
      return fail(`character 17 ${quoted} is not allowed (the organization code's check character is 0-9 or X)`);
    }
  }
  const expected = usccCheckCharacter(value.slice(0, LENGTH - 1));
  const actual = value.slice(LENGTH - 1);
  if (actual !== expected) return fail(`check character should be ${expected}, not ${actual}`);
  // Positions 9-17 are the GB 11714 organization code, which carries its own
  // check character at position 17.
  const organizationCheck = organizationCodeCheckCharacter(value.slice(8, 16));
  if (value[16] !== organizationCheck) {
    return fail(`organization code check character (character 17) should be ${organizationCheck}, not ${value[16]}`);
  }
  const subjectKind = value.startsWith(GOVERNMENT_AUTHORITY) ? 'government' : 'organization';
  return { ok: true, value, subjectKind };
}

function powerMod(base: number, exponent: number, modulus: number): number {
  let result = 1;
  for (let step = 0; step < exponent; step++) result = (result * base) % modulus;
  return result;
}
