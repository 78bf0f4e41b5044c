import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnRic, ricCheckCharacter } from '../../../src/domain/identifiers/cn-ric.js';
import { normaliseIdentifier } from '../../../src/domain/identifiers/normalise-identifier.js';
import vectors from '../../vectors/cn-ric.json' with { type: 'json' };
import { expectCheckNeverThrows, singleSubstitutions } from '../../support/identifier-properties.js';

const PROVINCES = [
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
];
const DIGITS = '0123456789'.split('');

/** Random 17-digit bodies with a real province and a real birth date from 1850 on. */
const ricBody = fc
  .tuple(
    fc.constantFrom(...PROVINCES),
    fc.stringMatching(/^[0-9]{4}$/),
    fc.date({ min: new Date('1850-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.stringMatching(/^[0-9]{3}$/),
  )
  .map(
    ([province, area, date, sequence]) =>
      `${province}${area}${date.toISOString().slice(0, 10).replaceAll('-', '')}${sequence}`,
  );

const validRic = ricBody.map((body) => body + ricCheckCharacter(body));

/** A valid number with the given birth date, so only the date can be wrong. */
function withBirthDate(yyyymmdd: string): string {
  const body = `110105${yyyymmdd}002`;
  return body + ricCheckCharacter(body);
}

function messageOf(raw: string): string | undefined {
  const result = cnRic.check(raw);
  return result.ok ? undefined : result.message;
}

describe('cnRic', () => {
  it('is the CN-RIC scheme', () => {
    expect(cnRic.code).toBe('CN-RIC');
  });

  describe('with the published vectors', () => {
    it.each(vectors.valid)('accepts $value ($source)', ({ value, normalised }) => {
      expect(cnRic.check(value)).toEqual({ ok: true, value: normalised, subjectKind: 'person' });
    });

    it.each(vectors.invalid)('rejects $value: $message', ({ value, message }) => {
      expect(cnRic.check(value)).toEqual({ ok: false, message });
    });

    it("computes the check characters of GB 11643-1999's two examples", () => {
      expect(ricCheckCharacter('11010519491231002')).toBe('X');
      expect(ricCheckCharacter('44052418800101001')).toBe('4');
    });
  });

  describe('when the length is wrong', () => {
    it.each([
      ['11010519491231002', 'must be 18 characters, got 17'],
      ['11010519491231002X1', 'must be 18 characters, got 19'],
      ['', 'must be 18 characters, got 0'],
      ['- -', 'must be 18 characters, got 0'],
    ])('rejects %j: %s', (raw, message) => {
      expect(messageOf(raw)).toBe(message);
    });

    it('counts characters, not UTF-16 code units', () => {
      expect(messageOf('1101051949123100😀')).toBe('must be 18 characters, got 17');
    });
  });

  describe('when a character is not allowed', () => {
    it('names a letter among the first 17 characters', () => {
      expect(messageOf('1101A519491231002X')).toBe("character 5 'A' is not allowed (characters 1-17 are digits)");
    });

    it('names an X anywhere but at the end', () => {
      expect(messageOf('X10105194912310021')).toBe("character 1 'X' is not allowed (characters 1-17 are digits)");
    });

    it('names a check character that is neither a digit nor X', () => {
      expect(messageOf('11010519491231002Y')).toBe("character 18 'Y' is not allowed (the check character is 0-9 or X)");
    });

    it('names an invisible character by its code point', () => {
      expect(messageOf('110105\u200b9491231002X')).toBe(
        'character 7 U+200B is not allowed (characters 1-17 are digits)',
      );
    });

    it('does not take full-width digits for digits', () => {
      expect(messageOf('１10105194912310021')).toBe("character 1 '１' is not allowed (characters 1-17 are digits)");
    });
  });

  describe('when the region is not a province', () => {
    it.each(['00', '10', '16', '20', '47', '55', '66', '70', '72', '80', '84', '91', '99'])(
      'rejects region %s',
      (region) => {
        const body = `${region}010519491231002`;
        expect(messageOf(body + ricCheckCharacter(body))).toBe(`region ${region} is not a province-level code`);
      },
    );

    it.each(['71', '81', '82', '83'])('accepts region %s (Taiwan, Hong Kong, Macao, residence permits)', (region) => {
      const body = `${region}000019800101001`;
      expect(cnRic.check(body + ricCheckCharacter(body)).ok).toBe(true);
    });
  });

  describe('when the birth date is wrong', () => {
    it.each([
      ['19991340', 'birth date 19991340 is not a date'],
      ['19990001', 'birth date 19990001 is not a date'],
      ['19990100', 'birth date 19990100 is not a date'],
      ['19990431', 'birth date 19990431 is not a date'],
      ['20230229', 'birth date 20230229 is not a date'],
      ['19000229', 'birth date 19000229 is not a date'],
      ['18490101', 'birth year 1849 is before 1850'],
      ['00000000', 'birth date 00000000 is not a date'],
    ])('rejects %s: %s', (date, message) => {
      expect(messageOf(withBirthDate(date))).toBe(message);
    });

    it.each(['20000229', '20240229', '19000101', '19991231'])('accepts %s', (date) => {
      expect(cnRic.check(withBirthDate(date)).ok).toBe(true);
    });
  });

  describe('when the check character is wrong', () => {
    it('names the right one', () => {
      expect(messageOf('110105194912310023')).toBe('check character should be X, not 3');
      expect(messageOf('36042619910101007X')).toBe('check character should be 1, not X');
    });
  });

  describe('normalisation', () => {
    it.each([
      '11010519491231002x',
      ' 110105 19491231 002X ',
      '110105-19491231-002X',
      '110105\u201319491231\u2013002x',
      '110105\u300019491231\u3000002X',
    ])('reads %j as 11010519491231002X', (raw) => {
      expect(cnRic.check(raw)).toEqual({ ok: true, value: '11010519491231002X', subjectKind: 'person' });
    });
  });

  describe('ricCheckCharacter', () => {
    it.each(['', '1101051949123100', '110105194912310021', '1101051949123100X', '１1010519491231002'])(
      'refuses %j',
      (input) => {
        expect(() => ricCheckCharacter(input)).toThrow(RangeError);
      },
    );
  });

  describe('properties', () => {
    it('accepts any valid body with its computed check character, returning the normalised input', () => {
      fc.assert(
        fc.property(validRic, fc.boolean(), (ric, spaced) => {
          const raw = spaced ? `${ric.slice(0, 6)} ${ric.slice(6, 14)}-${ric.slice(14).toLowerCase()}` : ric;
          const result = cnRic.check(raw);
          expect(result).toEqual({ ok: true, value: normaliseIdentifier(raw), subjectKind: 'person' });
          expect(result.ok && result.value).toBe(ric);
        }),
      );
    });

    it('rejects every single-character substitution, and MOD 11-2 alone detects each one', () => {
      fc.assert(
        fc.property(validRic, (ric) => {
          for (const changed of singleSubstitutions(ric, (index) => (index < 17 ? DIGITS : [...DIGITS, 'X']))) {
            expect(cnRic.check(changed).ok).toBe(false);
            expect(ricCheckCharacter(changed.slice(0, 17))).not.toBe(changed[17]);
          }
        }),
        { numRuns: 200 },
      );
    });

    it('never throws', () => {
      expectCheckNeverThrows(cnRic, '0123456789Xx', 18);
    });
  });
});
