import { describe, expect, it } from 'vitest';
import { citationIn } from '../../../src/domain/catalog/legal-basis-text.js';
import type { LegalBasis } from '../../../src/domain/catalog/pack.js';

const ENGLISH = "Criminal Law of the People's Republic of China, Art. 313";
const CHINESE = '《中华人民共和国刑法》第三百一十三条';

describe('citationIn', () => {
  describe('when the legal basis gives its citation in each language', () => {
    const basis: LegalBasis = { citation: ENGLISH, localCitation: { en: ENGLISH, zh: CHINESE } };

    it('gives the Chinese citation on a Chinese page', () => {
      expect(citationIn(basis, 'zh')).toBe(CHINESE);
    });

    it('gives the English citation on an English page', () => {
      expect(citationIn(basis, 'en')).toBe(ENGLISH);
    });

    it('falls back to the citation for a language it does not give', () => {
      expect(citationIn(basis, 'fr')).toBe(ENGLISH);
    });

    it('does not take an Object.prototype member for a language', () => {
      expect(citationIn(basis, 'constructor')).toBe(ENGLISH);
      expect(citationIn(basis, '__proto__')).toBe(ENGLISH);
    });
  });

  describe('when the legal basis gives only a citation', () => {
    const basis: LegalBasis = { citation: ENGLISH, url: 'https://example.org/criminal-law' };

    it('gives that citation in every language', () => {
      expect(citationIn(basis, 'zh')).toBe(ENGLISH);
      expect(citationIn(basis, 'en')).toBe(ENGLISH);
    });
  });

  it('prefers the local text in the language asked over a citation written in another', () => {
    const basis: LegalBasis = { citation: CHINESE, localCitation: { en: ENGLISH, zh: CHINESE } };
    expect(citationIn(basis, 'en')).toBe(ENGLISH);
  });
});
