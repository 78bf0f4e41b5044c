import type { LegalBasis } from './pack.js';

/**
 * The citation of a legal basis in the language asked (`en`, `zh`): its `localCitation` in that
 * language, or else `citation`, the text every legal basis has, so a pack without translations still reads.
 */
export function citationIn(legalBasis: LegalBasis, language: string): string {
  const local: Readonly<Record<string, string | undefined>> = legalBasis.localCitation ?? {};
  // hasOwn: a language named like an Object.prototype member ("constructor") must not find one.
  return (Object.hasOwn(local, language) ? local[language] : undefined) ?? legalBasis.citation;
}
