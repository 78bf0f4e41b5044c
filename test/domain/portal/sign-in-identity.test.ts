import { describe, expect, it } from 'vitest';
import { institutionCode, signInIdentity } from '../../../src/domain/portal/sign-in-identity.js';
import type { IdentifierVerdict } from '../../../src/domain/catalog/catalog.js';

const MAPPING = { identifierClaims: [], rolesClaim: 'roles', institutionClaim: 'institution' };
const noIdentifiers = (): IdentifierVerdict => {
  throw new Error('no identifier claims here');
};
const read = (claims: Record<string, unknown>) => signInIdentity(claims, MAPPING, noIdentifiers);

describe('signInIdentity', () => {
  describe('email_verified', () => {
    it.each([
      ['the boolean true', true, 'a@example.com'],
      ['the exact string "true"', 'true', 'a@example.com'],
      ['the string "false"', 'false', null],
      ['the boolean false', false, null],
      ['the number 1', 1, null],
      ['"TRUE" in capitals', 'TRUE', null],
      ['absent', undefined, null],
    ])('with %s keeps the address %s', (_, verified, expected) => {
      expect(
        read({ sub: 's', email: 'a@example.com', ...(verified === undefined ? {} : { email_verified: verified }) })
          .email,
      ).toBe(expected);
    });
  });

  describe('institution claim', () => {
    it('is trimmed and case-folded to the form of a pack code', () => {
      expect(read({ sub: 's', roles: ['reviewer'], institution: '  SH-PUDONG-COURT ' }).institution).toBe(
        'sh-pudong-court',
      );
      expect(institutionCode('ＳＨ-ＰＵＤＯＮＧ-ＣＯＵＲＴ')).toBe('sh-pudong-court');
    });

    it('is none when blank, and ignored for someone who is not staff', () => {
      expect(read({ sub: 's', roles: ['reviewer'], institution: '   ' }).institution).toBeNull();
      expect(read({ sub: 's', institution: 'sh-pudong-court' }).institution).toBeNull();
    });
  });
});
