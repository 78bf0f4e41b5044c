import type { IdentifierCheck, IdentifierContext, IdentifierScheme } from './identifier-scheme.js';
import { quoteCharacter } from './normalise-identifier.js';
import { failedCheck as fail, isDigit, readIdentifier } from './identifier-characters.js';

const LENGTH = 18;

// GB 11643-1999: the address code is a GB/T 2260 division code, whose first
// two digits name the province-level division. 83 is not in GB/T 2260 (Taiwan
// is 71), but since 2018 the residence permits for Taiwan residents carry a
// citizen identity number with address code 830000, and those for Hong Kong
// and Macao residents 810000 and 820000 (Measures for residence permits for
// Hong Kong, Macao and Taiwan residents, 国办发〔2018〕81号, and the Ministry
// of Public Security's numbering rules announced with them). Their holders are
// people a registry must be able to identify, so 83 is accepted.
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

// A plausibility floor, not part of GB 11643: it rejects centuries nobody alive was born
// in. The ceiling is the caller's today (the domain has no clock).
// Low enough for GB 11643-1999's own second example (a man born in 1880).
const EARLIEST_BIRTH_YEAR = 1850;

// ISO 7064 MOD 11-2 weights, 2^(18-i) mod 11 for position i, as GB 11643-1999 lists them.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * The ISO 7064 MOD 11-2 check character (`0`-`9` or `X`) of a resident
 * identity number's first 17 digits (GB 11643-1999).
 * Throws a RangeError unless given exactly 17 ASCII digits.
 */
export function ricCheckCharacter(first17: string): string {
  if (!/^[0-9]{17}$/u.test(first17)) {
    throw new RangeError(`ricCheckCharacter needs 17 digits, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (const [index, weight] of WEIGHTS.entries()) sum += Number(first17[index]) * weight;
  const check = (12 - (sum % 11)) % 11;
  return check === 10 ? 'X' : String(check);
}

/**
 * CN-RIC: the 18-character citizen identity number of the People's Republic
 * of China (公民身份号码, GB 11643-1999), as on resident identity cards and
 * on residence permits for Hong Kong, Macao and Taiwan residents.
 * Always denotes a person.
 */
export const cnRic: IdentifierScheme = Object.freeze({
  code: 'CN-RIC',
  title: 'Resident identity number (GB 11643-1999)',
  check: checkRic,
});

function checkRic(raw: string, context?: IdentifierContext): IdentifierCheck {
  const read = readIdentifier(raw, LENGTH);
  if (!read.ok) return fail(read.message);
  const { value, characters } = read;
  for (const [index, character] of characters.entries()) {
    if (index < LENGTH - 1 && !isDigit(character)) {
      return fail(`character ${index + 1} ${quoteCharacter(character)} is not allowed (characters 1-17 are digits)`);
    }
    if (index === LENGTH - 1 && !isDigit(character) && character !== 'X') {
      return fail(`character ${LENGTH} ${quoteCharacter(character)} is not allowed (the check character is 0-9 or X)`);
    }
  }
  const province = value.slice(0, 2);
  if (!PROVINCE_CODES.has(province)) return fail(`region ${province} is not a province-level code`);
  const birthDate = value.slice(6, 14);
  const year = Number(birthDate.slice(0, 4));
  if (!isCalendarDate(year, Number(birthDate.slice(4, 6)), Number(birthDate.slice(6, 8)))) {
    return fail(`birth date ${birthDate} is not a date`);
  }
  if (year < EARLIEST_BIRTH_YEAR) return fail(`birth year ${year} is before ${EARLIEST_BIRTH_YEAR}`);
  // Both YYYYMMDD, so text order is date order.
  if (context && birthDate > context.today.replaceAll('-', '')) return fail(`birth date ${birthDate} is in the future`);
  const expected = ricCheckCharacter(value.slice(0, LENGTH - 1));
  const actual = value.slice(LENGTH - 1);
  if (actual !== expected) return fail(`check character should be ${expected}, not ${actual}`);
  return { ok: true, value, subjectKind: 'person' };
}

// Gregorian calendar, as GB/T 7408 (ISO 8601) dates are.
function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}
