import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lei, leiCheckDigits } from '../../../src/domain/identifiers/lei.js';
import { normaliseIdentifier } from '../../../src/domain/identifiers/normalise-identifier.js';
import vectors from '../../vectors/lei.json' with { type: 'json' };
import { expectCheckNeverThrows, singleSubstitutions } from '../../support/identifier-properties.js';

const DIGITS = '0123456789'.split('');
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

const validLei = fc
  .array(fc.constantFrom(...DIGITS, ...LETTERS), { minLength: 18, maxLength: 18 })
  .map((characters) => characters.join(''))
  .map((body) => body + leiCheckDigits(body));

function messageOf(raw: string): string | undefined {
  const result = lei.check(raw);
  return result.ok ? undefined : result.message;
}

describe('lei', () => {
  it('is the LEI scheme', () => {
    expect(lei.code).toBe('LEI');
  });

  describe('with the published vectors', () => {
    it.each(vectors.valid)('accepts $value ($source)', ({ value, normalised }) => {
      expect(lei.check(value)).toEqual({ ok: true, value: normalised, subjectKind: 'organization' });
    });

    it.each(vectors.invalid)('rejects $value: $message', ({ value, message }) => {
      expect(lei.check(value)).toEqual({ ok: false, message });
    });

    it('computes the published check digits', () => {
      expect(leiCheckDigits('506700GE1G29325QX3')).toBe('63');
      expect(leiCheckDigits('969500KSV493XWY0PS')).toBe('33');
      expect(leiCheckDigits('0YPKKE5F0QW6RC51HE')).toBe('09');
    });
  });

  describe('when the length is wrong', () => {
    it.each([
      ['506700GE1G29325QX36', 'must be 20 characters, got 19'],
      ['506700GE1G29325QX3633', 'must be 20 characters, got 21'],
      ['', 'must be 20 characters, got 0'],
    ])('rejects %j: %s', (raw, message) => {
      expect(messageOf(raw)).toBe(message);
    });
  });

  describe('when a character is not allowed', () => {
    it('names punctuation, non-ASCII and invisible characters', () => {
      expect(messageOf('5067_0GE1G29325QX363')).toBe(
        "character 5 '_' is not allowed (only digits and capital letters)",
      );
      expect(messageOf('5067Ä0GE1G29325QX363')).toBe(
        "character 5 'Ä' is not allowed (only digits and capital letters)",
      );
      expect(messageOf('5067\u00a00GE1G29325QX363')).toBe(
        'character 5 U+00A0 is not allowed (only digits and capital letters)',
      );
    });

    it('names a letter among the check digits', () => {
      expect(messageOf('506700GE1G29325QX3A3')).toBe(
        "character 19 'A' is not allowed (the check digits, characters 19-20, are digits)",
      );
    });
  });

  describe('when the check digits are wrong', () => {
    it('names the right ones', () => {
      expect(messageOf('506700GE1G29325QX336')).toBe('check digits should be 63, not 36');
      expect(messageOf('506700GE1G29325QX300')).toBe('check digits should be 63, not 00');
      expect(messageOf('0YPKKE5F0QW6RC51HE90')).toBe('check digits should be 09, not 90');
    });
  });

  describe('normalisation', () => {
    it.each([
      '506700ge1g29325qx363',
      '5067 00GE 1G29 325Q X363',
      '506700-GE1G29325QX3-63',
      '506700\u2013GE1G29325QX363',
      '506700GE1G29325QX363\u3000',
    ])('reads %j as 506700GE1G29325QX363', (raw) => {
      expect(lei.check(raw)).toEqual({ ok: true, value: '506700GE1G29325QX363', subjectKind: 'organization' });
    });
  });

  describe('leiCheckDigits', () => {
    it.each(['', '506700GE1G29325QX', '506700GE1G29325QX36', '506700ge1g29325qx3', '506700GE1G29325QX-'])(
      'refuses %j',
      (input) => {
        expect(() => leiCheckDigits(input)).toThrow(RangeError);
      },
    );
  });

  describe('properties', () => {
    it('accepts any body with its computed check digits, returning the normalised input', () => {
      fc.assert(
        fc.property(validLei, fc.boolean(), (code, spaced) => {
          const raw = spaced ? `${code.slice(0, 4).toLowerCase()} ${code.slice(4, 18)}-${code.slice(18)}` : code;
          const result = lei.check(raw);
          expect(result).toEqual({ ok: true, value: normaliseIdentifier(raw), subjectKind: 'organization' });
          expect(result.ok && result.value).toBe(code);
        }),
      );
    });

    it('rejects every substitution of a digit for a digit or a letter for a letter', () => {
      fc.assert(
        fc.property(validLei, (code) => {
          const sameClass = (index: number) => (DIGITS.includes(code[index] ?? '') ? DIGITS : LETTERS);
          for (const changed of singleSubstitutions(code, sameClass)) {
            expect(lei.check(changed).ok).toBe(false);
          }
        }),
        { numRuns: 200 },
      );
    });

    // A letter counts as two digits in MOD 97-10, so swapping a digit for a
    // letter also shifts every digit before it by one place: the change is
    // 10^k × (90 × prefix + difference), which 97 can divide. The claim that
    // MOD 97-10 catches every single substitution holds only for digit strings.
    it('does not catch every substitution of a letter for a digit', () => {
      expect(lei.check('506700GETG29325QX363')).toEqual({
        ok: true,
        value: '506700GETG29325QX363',
        subjectKind: 'organization',
      });
      expect(lei.check('HWUP0R0MPOU8FGXBT394').ok).toBe(true); // K at 5 became 0 in Apple's LEI
    });

    it('rejects a letter in the check digits', () => {
      fc.assert(
        fc.property(validLei, fc.integer({ min: 18, max: 19 }), fc.constantFrom(...LETTERS), (code, index, letter) => {
          const changed = code.slice(0, index) + letter + code.slice(index + 1);
          expect(lei.check(changed).ok).toBe(false);
        }),
      );
    });

    it('never throws', () => {
      expectCheckNeverThrows(lei, '0123456789AZazß', 20);
    });
  });
});
