import { describe, expect, it } from 'vitest';
import { checkSubmission } from '../../../src/domain/records/check-submission.js';
import { demoCatalog, validSubmission } from '../../support/catalog.js';

const COURT = 'sh-pudong-court';

function errorsOf(raw: unknown, institution = COURT) {
  const check = checkSubmission(demoCatalog(), institution, raw);
  if (check.ok) throw new Error('expected a rejection');
  return check.errors.map((e) => ({ code: e.code, path: e.path }));
}

describe('checkSubmission', () => {
  it('accepts a valid submission and normalises identifier and time', () => {
    const check = checkSubmission(
      demoCatalog(),
      COURT,
      validSubmission({ subject: { scheme: 'CN-RIC', value: '1101 0519 4912 3100 2x' }, effectiveAt: '2025-03-01T08:00:00+08:00' }),
    );
    expect(check).toMatchObject({
      ok: true,
      submission: {
        institution: COURT,
        type: 'court.judgment_unperformed',
        subject: { scheme: 'CN-RIC', value: '11010519491231002X', kind: 'person' },
        effectiveAt: '2025-03-01T00:00:00.000Z',
      },
    });
  });

  it('gives the same body hash to the same submission written differently', () => {
    const a = checkSubmission(demoCatalog(), COURT, validSubmission());
    const b = checkSubmission(
      demoCatalog(),
      COURT,
      validSubmission({
        payload: { currency: 'CNY', amount: 125000, caseNumber: '(2025)沪0115执123号' },
        effectiveAt: '2025-03-01T08:00:00+08:00',
      }),
    );
    const c = checkSubmission(demoCatalog(), COURT, validSubmission({ payload: { caseNumber: 'x', amount: 1, currency: 'CNY' } }));
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected valid');
    expect(a.submission.bodyHash).toBe(b.submission.bodyHash);
    expect(a.submission.bodyHash).not.toBe(c.submission.bodyHash);
  });

  it('derives the subject kind from the identifier: USCC registered by a government organ is a government body', () => {
    const check = checkSubmission(
      demoCatalog(),
      COURT,
      validSubmission({ subject: { scheme: 'CN-USCC', value: '11100000000013338W' } }),
    );
    expect(check.ok && check.submission.subject.kind).toBe('government');
  });

  describe('rejects, naming the field', () => {
    it.each([
      ['a value that is not an object', 'not an object', [{ code: 'malformed_line', path: '' }]],
      ['an unknown record type', validSubmission({ type: 'court.nope' }), [{ code: 'unknown_record_type', path: '/type' }]],
      ['a missing type', validSubmission({ type: undefined }), [{ code: 'missing_field', path: '/type' }]],
      ['a missing sourceRef', validSubmission({ sourceRef: '' }), [{ code: 'missing_field', path: '/sourceRef' }]],
      ['a sourceRef with control characters', validSubmission({ sourceRef: 'a\nb' }), [{ code: 'invalid_field', path: '/sourceRef' }]],
      ['a missing subject', validSubmission({ subject: undefined }), [{ code: 'missing_field', path: '/subject' }]],
      ['an unknown identifier scheme', validSubmission({ subject: { scheme: 'US-SSN', value: '1' } }), [{ code: 'unknown_identifier_scheme', path: '/subject/scheme' }]],
      ['a bad identifier', validSubmission({ subject: { scheme: 'CN-RIC', value: '110105194912310021' } }), [{ code: 'invalid_identifier', path: '/subject/value' }]],
      ['a payload failing its schema', validSubmission({ payload: { caseNumber: 'x', amount: -1, currency: 'USD' } }), [
        { code: 'invalid_payload', path: '/payload/amount' },
        { code: 'invalid_payload', path: '/payload/currency' },
      ]],
      ['a payload with an unknown field', validSubmission({ payload: { caseNumber: 'x', amount: 1, currency: 'CNY', spouse: 'y' } }), [
        { code: 'invalid_payload', path: '/payload/spouse' },
      ]],
      ['a missing payload', validSubmission({ payload: undefined }), [{ code: 'missing_field', path: '/payload' }]],
      ['a timestamp without offset', validSubmission({ effectiveAt: '2025-03-01T00:00:00' }), [{ code: 'invalid_timestamp', path: '/effectiveAt' }]],
      ['a date that does not exist', validSubmission({ effectiveAt: '2025-02-30T00:00:00Z' }), [{ code: 'invalid_timestamp', path: '/effectiveAt' }]],
      ['an hour out of range', validSubmission({ effectiveAt: '2025-02-01T24:00:00Z' }), [{ code: 'invalid_timestamp', path: '/effectiveAt' }]],
      ['another institution named in the line', validSubmission({ institution: 'sta' }), [{ code: 'institution_mismatch', path: '/institution' }]],
    ])('%s', (_name, raw, expected) => {
      expect(errorsOf(raw)).toEqual(expected);
    });

    it('a record type the institution is not authorised for', () => {
      expect(errorsOf(validSubmission({ type: 'tax.major_violation', payload: {} }))).toContainEqual({
        code: 'record_type_not_authorised',
        path: '/type',
      });
    });

    it('a subject kind the record type does not apply to', () => {
      const check = checkSubmission(demoCatalog(), 'sh-gov-office', {
        ...validSubmission({ type: 'gov.information_request_answered_late' }),
      });
      expect(check.ok).toBe(false);
      expect(!check.ok && check.errors.map((e) => e.code)).toContain('subject_kind_not_allowed');
    });

    it('every problem at once', () => {
      expect(errorsOf({ type: 'court.nope', subject: { scheme: 'CN-RIC', value: 'x' }, effectiveAt: 'yesterday' }).map((e) => e.code)).toEqual([
        'unknown_record_type',
        'missing_field',
        'invalid_identifier',
        'invalid_timestamp',
        'missing_field',
      ]);
    });

    it('explains what is wrong with an identifier', () => {
      const check = checkSubmission(demoCatalog(), COURT, validSubmission({ subject: { scheme: 'CN-RIC', value: '110105194912310021' } }));
      expect(!check.ok && check.errors[0]?.message).toBe('CN-RIC: check character should be X, not 1');
    });
  });
});
