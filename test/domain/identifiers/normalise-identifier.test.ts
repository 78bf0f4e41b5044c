import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseIdentifier, quoteCharacter } from '../../../src/domain/identifiers/normalise-identifier.js';

describe('normaliseIdentifier', () => {
  it.each([
    ['abc-123', 'ABC123'],
    [' 11010519491231002x ', '11010519491231002X'],
    ['9135\u30000100', '91350100'],
    ['5067\u201300GE', '506700GE'],
    ['a - b\u3000-\u2013 c', 'ABC'],
  ])('turns %j into %j', (raw, normalised) => {
    expect(normaliseIdentifier(raw)).toBe(normalised);
  });

  it('leaves other dashes and spaces for the scheme to reject', () => {
    expect(normaliseIdentifier('a\u2014b\u00a0c\td')).toBe('A\u2014B\u00a0C\tD');
  });

  it('uppercases ASCII letters only, so ß, ı and ſ do not become SS, I and S', () => {
    expect(normaliseIdentifier('ßıſé')).toBe('ßıſé');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (raw) => {
        expect(normaliseIdentifier(normaliseIdentifier(raw))).toBe(normaliseIdentifier(raw));
      }),
    );
  });
});

describe('quoteCharacter', () => {
  it.each([
    ['O', "'O'"],
    ['#', "'#'"],
    ['１', "'１'"],
    ['😀', "'😀'"],
    ['\t', 'U+0009'],
    ['\u200b', 'U+200B'],
    ['\u00a0', 'U+00A0'],
    ['\ud800', 'U+D800'],
  ])('shows %j as %s', (character, shown) => {
    expect(quoteCharacter(character)).toBe(shown);
  });
});
