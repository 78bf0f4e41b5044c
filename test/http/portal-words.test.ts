import { describe, expect, it } from 'vitest';
import { POLARITIES, PUBLICATION_LEVELS, RECORD_CATEGORIES, RETENTION_STARTS } from '../../src/domain/catalog/pack.js';
import { SUBJECT_KINDS } from '../../src/domain/subject-kind.js';
import { labelOf } from '../../src/http/portal/code-labels.js';
import { languageOf } from '../../src/http/portal/portal-messages.js';

const SHOWN_CODES = [
  ...RECORD_CATEGORIES,
  ...POLARITIES,
  ...PUBLICATION_LEVELS,
  ...RETENTION_STARTS,
  ...SUBJECT_KINDS,
  'active',
  'corrected',
  'withdrawn',
  'expired',
  'pending',
  'suspended',
  'removed',
  'submitted',
  'allow',
  'deny',
  'check.performed',
  'check.refused',
  'record.read',
  'assessment.read',
  'portal.signed_in',
  'attestation.issued',
  'attestation.verified',
  'dispute.read',
  'evidence.read',
];

describe('portal words', () => {
  // A code without words would be shown as itself: in English that may pass unnoticed, in Chinese it cannot.
  it.each(SHOWN_CODES)('has words for the code %s in Chinese, not just the code', (code) => {
    expect(labelOf(code, 'zh')).toMatch(/[\u4e00-\u9fff]/);
    expect(labelOf(code, 'en')).not.toBe('');
  });

  describe('the language of a request', () => {
    it('is the one chosen with ?lang=, then the remembered one, then Accept-Language, then English', () => {
      expect(languageOf('zh', 'en', 'en-GB')).toBe('zh');
      expect(languageOf(undefined, 'zh', 'en-GB')).toBe('zh');
      expect(languageOf(undefined, undefined, 'fr-FR, zh-TW;q=0.5')).toBe('zh');
      expect(languageOf(undefined, undefined, 'en-US,en;q=0.9,zh;q=0.1')).toBe('en');
      expect(languageOf(undefined, undefined, undefined)).toBe('en');
      expect(languageOf('xx', 'yy', 'de')).toBe('en');
    });
  });
});
