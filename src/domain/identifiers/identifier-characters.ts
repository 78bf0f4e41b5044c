import type { IdentifierCheck } from './identifier-scheme.js';
import { normaliseIdentifier } from './normalise-identifier.js';

/** The first steps every scheme takes: the value must be text, normalised, of the scheme's length. */
export function readIdentifier(
  raw: unknown,
  length: number,
):
  | { readonly ok: true; readonly value: string; readonly characters: readonly string[] }
  | { readonly ok: false; readonly message: string } {
  // Ingest hands over whatever a file held; the type is not a promise.
  if (typeof raw !== 'string') return { ok: false, message: 'must be text' };
  const value = normaliseIdentifier(raw);
  // Counted in characters, not UTF-16 units, so an emoji is one character in the message.
  const characters = Array.from(value);
  if (characters.length !== length)
    return { ok: false, message: `must be ${length} characters, got ${characters.length}` };
  return { ok: true, value, characters };
}

export function isDigit(character: string): boolean {
  return character >= '0' && character <= '9' && character.length === 1;
}

export function isCapitalLetter(character: string): boolean {
  return character >= 'A' && character <= 'Z' && character.length === 1;
}

export function failedCheck(message: string): IdentifierCheck {
  return { ok: false, message };
}
