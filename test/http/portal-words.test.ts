import { describe, expect, it } from 'vitest';
import { POLARITIES, PUBLICATION_LEVELS, RECORD_CATEGORIES, RETENTION_STARTS } from '../../src/domain/catalog/pack.js';
import { SUBJECT_KINDS } from '../../src/domain/subject-kind.js';
import { labelOf } from '../../src/http/portal/code-labels.js';
import { languageOf, wordsFor } from '../../src/http/portal/portal-messages.js';

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

describe('portal messages with numbers', () => {
  const en = wordsFor('en', 'UTC');
  const zh = wordsFor('zh', 'UTC');

  it('says one year, one point, one second in the singular, and signs points', () => {
    expect(en.t('retentionYears', { years: 1 })).toBe('1 year');
    expect(en.t('retentionYears', { years: 5 })).toBe('5 years');
    expect(en.t('rulePoints', { points: 1 })).toBe('+1 point for each record.');
    expect(en.t('rulePoints', { points: -20 })).toBe('-20 points for each record.');
    expect(en.t('ruleCap', { cap: 1 })).toBe('At most 1 point from all such records together.');
    expect(en.t('tooManyText', { seconds: 1 })).toContain('wait 1 second and');
    expect(en.t('ruleFades', { decay: 'half', days: 730 })).toBe('The points halve every 730 days.');
  });

  it('puts the numbers where Chinese puts them', () => {
    expect(zh.t('retentionYears', { years: 3 })).toBe('3年');
    expect(zh.t('rulePoints', { points: 12 })).toBe('每条记录计+12分。');
    expect(zh.t('ruleFades', { decay: 'linear' })).toBe('分值至记录保存期届满时降为零。');
  });
});

describe('the dispute deadline in words', () => {
  it('counts calendar or working days in each language', () => {
    expect(wordsFor('en', 'UTC').t('disputeIntro', { count: 30, dayCount: 'calendar' })).toMatch(/answer: 30 days\.$/);
    expect(wordsFor('en', 'UTC').t('disputeIntro', { count: 1, dayCount: 'working' })).toMatch(
      /answer: 1 working day\.$/,
    );
    expect(wordsFor('zh', 'UTC').t('disputeIntro', { count: 15, dayCount: 'working' })).toMatch(
      /答复期限：15个工作日。$/,
    );
  });
});
