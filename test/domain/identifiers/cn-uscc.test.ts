import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cnUscc, organizationCodeCheckCharacter, usccCheckCharacter } from '../../../src/domain/identifiers/cn-uscc.js';
import { normaliseIdentifier } from '../../../src/domain/identifiers/normalise-identifier.js';
import vectors from '../../vectors/cn-uscc.json' with { type: 'json' };
import { expectCheckNeverThrows, singleSubstitutions } from '../../support/identifier-properties.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'.split('');
const DIGITS = '0123456789'.split('');

/** The characters GB 32100-2015 allows at each position (index 0-17). */
function allowedAt(index: number): readonly string[] {
  if (index >= 2 && index <= 7) return DIGITS;
  if (index === 16) return [...DIGITS, 'X'];
  return ALPHABET;
}

/** Random valid codes: any authority, category and division, any organization code body. */
const validUscc = fc
  .tuple(
    fc.constantFrom(...ALPHABET),
    fc.constantFrom(...ALPHABET),
    fc.stringMatching(/^[0-9]{6}$/),
    fc.array(fc.constantFrom(...ALPHABET), { minLength: 8, maxLength: 8 }),
  )
  .map(([authority, category, division, organization]) => {
    const organizationBody = organization.join('');
    const first17 = `${authority}${category}${division}${organizationBody}${organizationCodeCheckCharacter(organizationBody)}`;
    return first17 + usccCheckCharacter(first17);
  });

function messageOf(raw: string): string | undefined {
  const result = cnUscc.check(raw);
  return result.ok ? undefined : result.message;
}

/** A valid code around the given organization code (nine characters). */
function withOrganizationCode(organizationCode: string): string {
  const first17 = `913501${'00'}${organizationCode}`;
  return first17 + usccCheckCharacter(first17);
}

describe('cnUscc', () => {
  it('is the CN-USCC scheme', () => {
    expect(cnUscc.code).toBe('CN-USCC');
  });

  describe('with the published vectors', () => {
    it.each(vectors.valid)('accepts $value as $subjectKind ($source)', ({ value, normalised, subjectKind }) => {
      expect(cnUscc.check(value)).toEqual({ ok: true, value: normalised, subjectKind });
    });

    it.each(vectors.invalid)('rejects $value: $message', ({ value, message }) => {
      expect(cnUscc.check(value)).toEqual({ ok: false, message });
    });

    it('finds the published organization codes valid under GB 11714-1997', () => {
      for (const { value } of vectors.valid) {
        expect(organizationCodeCheckCharacter(value.slice(8, 16))).toBe(value[16]);
      }
    });
  });

  describe('subject kind', () => {
    it('is government when the organs-establishment administration (1) registered the code', () => {
      const first17 = '11100000MB0327169';
      expect(cnUscc.check(first17 + usccCheckCharacter(first17))).toMatchObject({
        ok: true,
        subjectKind: 'government',
      });
    });

    it.each(['5', '9', 'A', 'N', 'Y'])('is organization for registering authority %s', (authority) => {
      const first17 = `${authority}1110000600037341`;
      expect(cnUscc.check(first17 + usccCheckCharacter(first17))).toMatchObject({
        ok: true,
        subjectKind: 'organization',
      });
    });
  });

  describe('when the length is wrong', () => {
    it.each([
      ['91350100M000100Y4', 'must be 18 characters, got 17'],
      ['91350100M000100Y433', 'must be 18 characters, got 19'],
      ['350100M000100Y4', 'must be 18 characters, got 15'],
      ['', 'must be 18 characters, got 0'],
    ])('rejects %j: %s', (raw, message) => {
      expect(messageOf(raw)).toBe(message);
    });
  });

  describe('when a character is not allowed', () => {
    it.each([
      ['9135O100M000100Y43', 5, 'O'],
      ['91350100M0001I0Y43', 14, 'I'],
      ['91350100M000100S43', 16, 'S'],
      ['V1350100M000100Y43', 1, 'V'],
      ['91350100M000100Y4Z', 18, 'Z'],
    ])('names %s character %i %s as never used', (raw, position, character) => {
      expect(messageOf(raw)).toBe(
        `character ${position} '${character}' is not allowed (I, O, S, V and Z are never used)`,
      );
    });

    it('names a lowercase o, once uppercased, as never used', () => {
      expect(messageOf('9135o100M000100Y43')).toBe("character 5 'O' is not allowed (I, O, S, V and Z are never used)");
    });

    it('names punctuation and non-ASCII characters', () => {
      expect(messageOf('91350100M000100Y4#')).toBe("character 18 '#' is not allowed (only digits and capital letters)");
      expect(messageOf('91350100M000100Y4É')).toBe("character 18 'É' is not allowed (only digits and capital letters)");
      expect(messageOf('91350100M000100Y4\t')).toBe(
        'character 18 U+0009 is not allowed (only digits and capital letters)',
      );
    });

    it('names a letter in the administrative division code', () => {
      expect(messageOf('9135A100M000100Y43')).toBe(
        "character 5 'A' is not allowed (characters 3-8, the administrative division code, are digits)",
      );
    });

    it("names a letter other than X as the organization code's check character", () => {
      expect(messageOf('91350100M000100YA3')).toBe(
        "character 17 'A' is not allowed (the organization code's check character is 0-9 or X)",
      );
    });
  });

  describe('when a check character is wrong', () => {
    it('names the right position-18 check character', () => {
      expect(messageOf('91350100M000100Y44')).toBe('check character should be 3, not 4');
      expect(messageOf('91110000600037341A')).toBe('check character should be L, not A');
    });

    it('names the right GB 11714 check character when only the organization code is wrong', () => {
      // Position 18 recomputed, so only the organization code's own check fails.
      expect(messageOf(withOrganizationCode('M000100Y5'))).toBe(
        'organization code check character (character 17) should be 4, not 5',
      );
      expect(messageOf(withOrganizationCode('715267260'))).toBe(
        'organization code check character (character 17) should be X, not 0',
      );
      expect(messageOf('123456789012345678')).toBe(
        'organization code check character (character 17) should be 8, not 7',
      );
    });
  });

  describe('normalisation', () => {
    it.each([
      '91350100m000100y43',
      '9 1 350100 M000100Y4 3',
      '91350100-M000100Y4-3',
      '91350100M000100Y\u20134 3',
      '\u300091350100M000100Y43\u3000',
    ])('reads %j as 91350100M000100Y43', (raw) => {
      expect(cnUscc.check(raw)).toEqual({ ok: true, value: '91350100M000100Y43', subjectKind: 'organization' });
    });
  });

  describe('check character functions', () => {
    it('compute the published check characters', () => {
      expect(usccCheckCharacter('91350100M000100Y4')).toBe('3');
      expect(organizationCodeCheckCharacter('M000100Y')).toBe('4');
      expect(organizationCodeCheckCharacter('71526726')).toBe('X');
    });

    it('write a MOD 31 result of 31 as 0 and a MOD 11 result of 11 as 0', () => {
      // Σ = 0 gives 31 - 0 = 31, written 0; and 11 - 0 = 11, written 0.
      expect(usccCheckCharacter('00000000000000000')).toBe('0');
      expect(organizationCodeCheckCharacter('00000000')).toBe('0');
    });

    it.each(['', '91350100M000100Y', '91350100M000100Y43', '91350100O000100Y4'])(
      'usccCheckCharacter refuses %j',
      (input) => {
        expect(() => usccCheckCharacter(input)).toThrow(RangeError);
      },
    );

    it.each(['', 'M000100', 'M000100Y4', 'm000100y'])('organizationCodeCheckCharacter refuses %j', (input) => {
      expect(() => organizationCodeCheckCharacter(input)).toThrow(RangeError);
    });
  });

  describe('properties', () => {
    it('accepts any valid body with its computed check characters, returning the normalised input', () => {
      fc.assert(
        fc.property(validUscc, fc.boolean(), (uscc, spaced) => {
          const raw = spaced ? `${uscc.slice(0, 2)} ${uscc.slice(2, 8)}-${uscc.slice(8).toLowerCase()}` : uscc;
          const result = cnUscc.check(raw);
          expect(result).toEqual({
            ok: true,
            value: normaliseIdentifier(raw),
            subjectKind: uscc.startsWith('1') ? 'government' : 'organization',
          });
          expect(result.ok && result.value).toBe(uscc);
        }),
      );
    });

    it('rejects every single-character substitution, and MOD 31 alone detects each one', () => {
      fc.assert(
        fc.property(validUscc, (uscc) => {
          for (const changed of singleSubstitutions(uscc, allowedAt)) {
            expect(cnUscc.check(changed).ok).toBe(false);
            expect(usccCheckCharacter(changed.slice(0, 17))).not.toBe(changed[17]);
          }
        }),
        { numRuns: 200 },
      );
    });

    it('never throws', () => {
      expectCheckNeverThrows(cnUscc, '0123456789ABHIMOXYZxyz', 18);
    });
  });
});
