import { describe, expect, it } from 'vitest';
import { refusedUsesIn, wordTokens } from '../../../src/domain/catalog/refused-uses.js';

describe('refusedUsesIn', () => {
  it('splits codes, camelCase and prose into words', () => {
    expect(wordTokens('court.judgment_unperformed')).toEqual(['court', 'judgment', 'unperformed']);
    expect(wordTokens('legalRepresentativeName')).toEqual(['legal', 'representative', 'name']);
    expect(wordTokens('Face-recognition hits')).toEqual(['face', 'recognition', 'hits']);
  });

  it.each([
    ['court.consumption_restriction_order', 'consumption restrictions are court orders, not consumption scoring'],
    ['social_insurance.contribution_arrears', 'social insurance is not a social network'],
    ['tax.major_violation', 'an ordinary record type'],
    ['限制消费令', 'the consumption-restriction order in Chinese'],
    ['suspended', 'a word that merely contains "spend"'],
  ])('lets %s through (%s)', (text) => {
    expect(refusedUsesIn(text)).toEqual([]);
  });

  it.each([
    ['purchaseHistory', 'purchase history'],
    ['social_network_score', 'social network'],
    ['spouse', 'spouse'],
    ['familyMemberIds', 'family'],
    ['消费习惯', '消费习惯'],
    ['人脸识别记录', '人脸'],
  ])('catches %s on the term %s', (text, term) => {
    expect(refusedUsesIn(text).map((found) => found.term)).toContain(term);
  });

  it('names every principle a text touches, once each', () => {
    const found = refusedUsesIn('faceImage and fingerprint of relatives');
    expect(found.map((f) => f.use.principle)).toEqual([
      'no biometric identification',
      'no sanctions or ratings that reach family members, relatives or associates',
    ]);
  });
});
