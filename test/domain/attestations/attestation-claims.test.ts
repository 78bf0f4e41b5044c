import { describe, expect, it } from 'vitest';
import { attestationClaims, type AttestationFacts } from '../../../src/domain/attestations/attestation-claims.js';
import type { Assessment } from '../../../src/domain/rulebooks/assess.js';

const assessment = {
  score: 612,
  band: { code: 'good', min: 550, label: { en: 'Good', zh: '良好' } },
  rulebookId: 'sha256:abc',
  rulebookCode: 'persons',
  rulebookVersion: '1.0.0',
  asOf: '2026-11-26T10:00:00.000Z',
  knownAt: '2026-11-26T10:00:00.000Z',
  adverse: [],
  positive: [],
  excluded: [],
} as unknown as Assessment;
const facts: AttestationFacts = {
  issuer: 'https://probity.example',
  id: '01JATTEST0000000000000000A',
  identifier: { scheme: 'CN-RIC', value: '110101199003074477' },
  issuedAt: new Date('2026-11-26T10:00:00.000Z'),
  assessment,
  records: [
    { id: 'r1', type: 'tax.arrears', institution: 'sh-tax', effectiveAt: '2025-01-01T00:00:00Z', status: 'active' },
  ],
  listEntries: [
    { list: 'major-tax-violators', status: 'active', since: '2025-02-01T00:00:00Z', until: '2028-02-01T00:00:00Z' },
  ],
};

describe('attestationClaims', () => {
  describe('a rating-only report', () => {
    it('discloses the band and its date, and neither the score nor any record', () => {
      const claims = attestationClaims(facts, 'rating');
      expect(claims.rating).toEqual({ band: 'good', label: { en: 'Good', zh: '良好' }, asOf: '2026-11-26' });
      expect(claims).not.toHaveProperty('records');
      expect(claims).not.toHaveProperty('listEntries');
    });
  });

  describe('a full report', () => {
    it('adds the score, the rulebook, every record and every list entry', () => {
      const claims = attestationClaims(facts, 'full');
      expect(claims.rating).toMatchObject({ score: 612, rulebookId: 'sha256:abc' });
      expect(claims.records).toEqual(facts.records);
      expect(claims.listEntries).toEqual(facts.listEntries);
    });
  });

  it('names the subject by scheme and value, and expires 30 days after issue', () => {
    const claims = attestationClaims(facts, 'rating');
    expect(claims.sub).toBe('CN-RIC:110101199003074477');
    expect(claims.iat).toBe(Date.parse('2026-11-26T10:00:00.000Z') / 1000);
    expect(claims.exp - claims.iat).toBe(30 * 86_400);
  });

  it('says "not rated" (null) when no rulebook rates the subject', () => {
    expect(attestationClaims({ ...facts, assessment: undefined }, 'rating').rating).toBeNull();
  });
});
