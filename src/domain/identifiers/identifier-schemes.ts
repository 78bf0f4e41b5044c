import { cnRic } from './cn-ric.js';
import { cnUscc } from './cn-uscc.js';
import type { IdentifierScheme } from './identifier-scheme.js';
import { lei } from './lei.js';

/** Every identifier scheme Probity accepts, by its stable code (`CN-RIC`, `CN-USCC`, `LEI`). */
export const IDENTIFIER_SCHEMES: ReadonlyMap<string, IdentifierScheme> = new Map(
  [cnRic, cnUscc, lei].map((scheme) => [scheme.code, scheme] as const),
);

/** The scheme with this exact code, or undefined when there is none. */
export function identifierScheme(code: string): IdentifierScheme | undefined {
  return IDENTIFIER_SCHEMES.get(code);
}
