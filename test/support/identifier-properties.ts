import fc from 'fast-check';
import { expect } from 'vitest';
import type { IdentifierScheme } from '../../src/domain/identifiers/identifier-scheme.js';

/**
 * Verifiers fail closed: check() answers every string, however odd, without throwing,
 * and refuses anything that is not a string. `alphabet` biases some strings towards
 * near-misses of the scheme (its characters, separators, a lone surrogate).
 */
export function expectCheckNeverThrows(scheme: IdentifierScheme, alphabet: string, length: number): void {
  const anyText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.string({
      unit: fc.constantFrom(...`${alphabet} -\u3000\u2013\ud800`),
      minLength: length - 2,
      maxLength: length + 4,
    }),
  );
  fc.assert(
    fc.property(anyText, (raw) => {
      expect(typeof scheme.check(raw).ok).toBe('boolean');
    }),
    { numRuns: 1000 },
  );
  fc.assert(
    fc.property(
      fc.anything().filter((value) => typeof value !== 'string'),
      (value) => {
        expect(scheme.check(value as string).ok).toBe(false);
      },
    ),
  );
}

/** Every string that differs from `value` in exactly one position, using the characters allowed there. */
export function* singleSubstitutions(
  value: string,
  allowedAt: (index: number) => readonly string[],
): Generator<string> {
  for (let index = 0; index < value.length; index++) {
    for (const replacement of allowedAt(index)) {
      if (replacement !== value[index]) yield value.slice(0, index) + replacement + value.slice(index + 1);
    }
  }
}
