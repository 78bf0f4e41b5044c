import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attestationClaims,
  type AttestationFacts,
  type AttestedListEntry,
  type AttestedRecord,
} from '../../../src/domain/attestations/attestation-claims.js';
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
const record = (status: string, type = 'tax.arrears'): AttestedRecord => ({
  type,
  title: { en: 'Tax arrears', zh: '欠税' },
  institution: 'sh-tax',
  institutionName: { en: 'Shanghai Tax Bureau', zh: '上海市税务局' },
  effectiveAt: '2025-01-01T00:00:00Z',
  status,
  disputed: false,
});
const entry = (status: AttestedListEntry['status']): AttestedListEntry => ({
  list: 'major-tax-violators',
  title: { en: 'Major tax violators', zh: '重大税收违法失信主体' },
  status,
  since: '2025-02-01T00:00:00Z',
  until: '2028-02-01T00:00:00Z',
});
const facts: AttestationFacts = {
  issuer: 'https://probity.example',
  id: '01JATTEST0000000000000000A',
  holder: { scheme: 'CN-RIC', value: '110101199003074477', kind: 'person', name: '王芳' },
  issuedAt: new Date('2026-11-26T10:00:00.000Z'),
  assessment,
  records: [record('active')],
  listEntries: [entry('active')],
};

describe('attestationClaims', () => {
  describe('a rating-only report', () => {
    it('discloses the name, the band and its date, and neither the score nor any record', () => {
      const claims = attestationClaims(facts, 'rating');
      expect(claims.name).toBe('王芳');
      expect(claims.rating).toEqual({ band: 'good', label: { en: 'Good', zh: '良好' }, asOf: '2026-11-26' });
      expect(claims).not.toHaveProperty('records');
      expect(claims).not.toHaveProperty('listEntries');
    });
  });

  describe('a full report', () => {
    it('adds the score, the rulebook, and each record and list entry with the words the pack has for it', () => {
      const claims = attestationClaims(facts, 'full');
      expect(claims.rating).toMatchObject({ score: 612, rulebookId: 'sha256:abc' });
      expect(claims.records).toEqual(facts.records);
      expect(claims.listEntries).toEqual(facts.listEntries);
    });

    it('leaves out withdrawn and expired records, and entries the subject was taken off or that ran out', () => {
      const claims = attestationClaims(
        {
          ...facts,
          records: ['active', 'corrected', 'withdrawn', 'expired'].map((status) => record(status, `t.${status}`)),
          listEntries: (['pending', 'active', 'suspended', 'removed', 'expired'] as const).map(entry),
        },
        'full',
      );
      expect(claims.records!.map((r) => r.status)).toEqual(['active', 'corrected']);
      expect(claims.listEntries!.map((e) => e.status)).toEqual(['pending', 'active', 'suspended']);
    });
  });

  describe('the subject identifier', () => {
    it("masks a person's number as the published lists do: four characters each end, the birth date hidden", () => {
      expect(attestationClaims(facts, 'rating').sub).toBe('CN-RIC:1101**********4477');
    });

    it("keeps an organization's code whole: it is a public register", () => {
      const holder = { scheme: 'CN-USCC', value: '91350100M000100Y43', kind: 'organization', name: '某公司' } as const;
      expect(attestationClaims({ ...facts, holder }, 'full').sub).toBe('CN-USCC:91350100M000100Y43');
    });

    it('never carries the middle of a resident identity number (property)', () => {
      fc.assert(
        fc.property(fc.stringMatching(/^[0-9]{17}[0-9X]$/), (value) => {
          const claims = attestationClaims({ ...facts, holder: { ...facts.holder, value } }, 'full');
          expect(JSON.stringify(claims)).not.toContain(value.slice(4, 14));
          expect(claims.sub).toBe(`CN-RIC:${value.slice(0, 4)}${'*'.repeat(10)}${value.slice(-4)}`);
        }),
      );
    });
  });

  it('expires 30 days after issue', () => {
    const claims = attestationClaims(facts, 'rating');
    expect(claims.iat).toBe(Date.parse('2026-11-26T10:00:00.000Z') / 1000);
    expect(claims.exp - claims.iat).toBe(30 * 86_400);
  });

  it('says "not rated" (null) when no rulebook rates the subject', () => {
    expect(attestationClaims({ ...facts, assessment: undefined }, 'rating').rating).toBeNull();
  });
});
