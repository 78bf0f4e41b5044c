import { describe, expect, it } from 'vitest';
import { checkSubmission } from '../../../src/domain/records/check-submission.js';
import { ricCheckCharacter } from '../../../src/domain/identifiers/cn-ric.js';
import { demoCatalog, validSubmission } from '../../support/catalog.js';

const COURT = 'sh-pudong-court';
const TODAY = '2026-03-01';
const submit = (catalog: ReturnType<typeof demoCatalog>, institution: string, raw: unknown) =>
  checkSubmission(catalog, institution, raw, TODAY);

/** A valid CN-RIC (Beijing Chaoyang) of someone born on `date` (YYYYMMDD). */
function ricBornOn(date: string): string {
  const first17 = `110105${date}002`;
  return first17 + ricCheckCharacter(first17);
}

function errorsOf(raw: unknown, institution = COURT) {
  const check = submit(demoCatalog(), institution, raw);
  if (check.ok) throw new Error('expected a rejection');
  return check.errors.map((e) => ({ code: e.code, path: e.path }));
}

describe('checkSubmission', () => {
  it('accepts a valid submission and normalises identifier and time', () => {
    const check = submit(
      demoCatalog(),
      COURT,
      validSubmission({
        subject: { scheme: 'CN-RIC', value: '1101 0519 4912 3100 2x' },
        effectiveAt: '2025-03-01T08:00:00+08:00',
      }),
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
    const a = submit(demoCatalog(), COURT, validSubmission());
    const b = submit(
      demoCatalog(),
      COURT,
      validSubmission({
        payload: { currency: 'CNY', amount: 125000, caseNumber: '(2025)沪0115执123号' },
        effectiveAt: '2025-03-01T08:00:00+08:00',
      }),
    );
    const c = submit(
      demoCatalog(),
      COURT,
      validSubmission({ payload: { caseNumber: 'x', amount: 1, currency: 'CNY' } }),
    );
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected valid');
    expect(a.submission.bodyHash).toBe(b.submission.bodyHash);
    expect(a.submission.bodyHash).not.toBe(c.submission.bodyHash);
  });

  it('derives the subject kind from the identifier: USCC registered by a government organ is a government body', () => {
    const check = submit(
      demoCatalog(),
      COURT,
      validSubmission({ subject: { scheme: 'CN-USCC', value: '11100000000013338W' } }),
    );
    expect(check.ok && check.submission.subject.kind).toBe('government');
  });

  describe('rejects, naming the field', () => {
    it.each([
      ['a value that is not an object', 'not an object', [{ code: 'malformed_line', path: '' }]],
      [
        'an unknown record type',
        validSubmission({ type: 'court.nope' }),
        [{ code: 'unknown_record_type', path: '/type' }],
      ],
      ['a missing type', validSubmission({ type: undefined }), [{ code: 'missing_field', path: '/type' }]],
      ['a missing sourceRef', validSubmission({ sourceRef: '' }), [{ code: 'missing_field', path: '/sourceRef' }]],
      [
        'a sourceRef with control characters',
        validSubmission({ sourceRef: 'a\nb' }),
        [{ code: 'invalid_field', path: '/sourceRef' }],
      ],
      ['a missing subject', validSubmission({ subject: undefined }), [{ code: 'missing_field', path: '/subject' }]],
      [
        'an unknown identifier scheme',
        validSubmission({ subject: { scheme: 'US-SSN', value: '1' } }),
        [{ code: 'unknown_identifier_scheme', path: '/subject/scheme' }],
      ],
      [
        'a bad identifier',
        validSubmission({ subject: { scheme: 'CN-RIC', value: '110105194912310021' } }),
        [{ code: 'invalid_identifier', path: '/subject/value' }],
      ],
      [
        'a payload failing its schema',
        validSubmission({ payload: { caseNumber: 'x', amount: -1, currency: 'USD' } }),
        [
          { code: 'invalid_payload', path: '/payload/amount' },
          { code: 'invalid_payload', path: '/payload/currency' },
        ],
      ],
      [
        'a payload with an unknown field',
        validSubmission({ payload: { caseNumber: 'x', amount: 1, currency: 'CNY', spouse: 'y' } }),
        [{ code: 'invalid_payload', path: '/payload/spouse' }],
      ],
      ['a missing payload', validSubmission({ payload: undefined }), [{ code: 'missing_field', path: '/payload' }]],
      [
        'a timestamp without offset',
        validSubmission({ effectiveAt: '2025-03-01T00:00:00' }),
        [{ code: 'invalid_timestamp', path: '/effectiveAt' }],
      ],
      [
        'a date that does not exist',
        validSubmission({ effectiveAt: '2025-02-30T00:00:00Z' }),
        [{ code: 'invalid_timestamp', path: '/effectiveAt' }],
      ],
      [
        'an hour out of range',
        validSubmission({ effectiveAt: '2025-02-01T24:00:00Z' }),
        [{ code: 'invalid_timestamp', path: '/effectiveAt' }],
      ],
      [
        'another institution named in the line',
        validSubmission({ institution: 'sta' }),
        [{ code: 'institution_mismatch', path: '/institution' }],
      ],
      // Issue 14, defect 2: `1e309` parses to Infinity, which has no JSON form and failed the whole batch.
      [
        'a number that overflows to Infinity',
        validSubmission({ payload: { caseNumber: 'x', amount: Infinity, currency: 'CNY' } }),
        [{ code: 'invalid_payload', path: '/payload/amount' }],
      ],
      // Issue 14, defect 8: text that looks other than it is.
      [
        'a sourceRef with a zero-width space',
        validSubmission({ sourceRef: 'F\u200b-1' }),
        [{ code: 'invalid_field', path: '/sourceRef' }],
      ],
      [
        'a sourceRef with a right-to-left override',
        validSubmission({ sourceRef: '\u202egnp.exe' }),
        [{ code: 'invalid_field', path: '/sourceRef' }],
      ],
      [
        'a sourceRef of white space only',
        validSubmission({ sourceRef: '  ' }),
        [{ code: 'missing_field', path: '/sourceRef' }],
      ],
      [
        'a name with a bidirectional isolate',
        validSubmission({ subject: { scheme: 'CN-RIC', value: '11010519491231002X', name: '张\u2066三' } }),
        [{ code: 'invalid_field', path: '/subject/name' }],
      ],
      [
        'a payload string with a control character',
        validSubmission({ payload: { caseNumber: 'a\u0007b', amount: 1, currency: 'CNY' } }),
        [{ code: 'invalid_field', path: '/payload/caseNumber' }],
      ],
      // Issue 14, item 13: unknown fields were dropped without a word.
      ['an unknown field', validSubmission({ note: 'x' }), [{ code: 'unknown_field', path: '/note' }]],
      [
        'an unknown field of the subject',
        validSubmission({ subject: { scheme: 'CN-RIC', value: '11010519491231002X', spouse: 'y' } }),
        [{ code: 'unknown_field', path: '/subject/spouse' }],
      ],
      // Issue 14, item 13: a CN-RIC born after today was accepted.
      [
        'a CN-RIC whose birth date is after today',
        validSubmission({ subject: { scheme: 'CN-RIC', value: ricBornOn('20260302') } }),
        [{ code: 'invalid_identifier', path: '/subject/value' }],
      ],
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
      const check = submit(demoCatalog(), 'sh-gov-office', {
        ...validSubmission({ type: 'gov.information_request_answered_late' }),
      });
      expect(check.ok).toBe(false);
      expect(!check.ok && check.errors.map((e) => e.code)).toContain('subject_kind_not_allowed');
    });

    it('every problem at once', () => {
      expect(
        errorsOf({ type: 'court.nope', subject: { scheme: 'CN-RIC', value: 'x' }, effectiveAt: 'yesterday' }).map(
          (e) => e.code,
        ),
      ).toEqual(['unknown_record_type', 'missing_field', 'invalid_identifier', 'invalid_timestamp', 'missing_field']);
    });

    it('explains what is wrong with an identifier', () => {
      const check = submit(
        demoCatalog(),
        COURT,
        validSubmission({ subject: { scheme: 'CN-RIC', value: '110105194912310021' } }),
      );
      expect(!check.ok && check.errors[0]?.message).toBe('CN-RIC: check character should be X, not 1');
    });
  });

  describe('takes text in one canonical form (issue 14, defect 8)', () => {
    const composed = 'Jos\u00e9-(2025)-1';
    const decomposed = 'Jose\u0301-(2025)-1';

    it('stores NFC and NFD forms of a sourceRef, name and payload string as the same record', () => {
      const nfc = submit(
        demoCatalog(),
        COURT,
        validSubmission({
          sourceRef: composed,
          subject: { scheme: 'CN-RIC', value: '11010519491231002X', name: composed },
          payload: { caseNumber: composed, amount: 1, currency: 'CNY' },
        }),
      );
      const nfd = submit(
        demoCatalog(),
        COURT,
        validSubmission({
          sourceRef: ` ${decomposed}  `,
          subject: { scheme: 'CN-RIC', value: '11010519491231002X', name: decomposed },
          payload: { caseNumber: decomposed, amount: 1, currency: 'CNY' },
        }),
      );
      if (!nfc.ok || !nfd.ok) throw new Error('expected valid');
      expect(nfd.submission.sourceRef).toBe(composed);
      expect(nfd.submission.subject.name).toBe(composed);
      expect(nfd.submission.payloadJson).toBe(nfc.submission.payloadJson);
      expect(nfd.submission.bodyHash).toBe(nfc.submission.bodyHash);
    });

    it('accepts a CN-RIC born today', () => {
      expect(
        submit(demoCatalog(), COURT, validSubmission({ subject: { scheme: 'CN-RIC', value: ricBornOn('20260301') } }))
          .ok,
      ).toBe(true);
    });

    it('says the birth date is in the future', () => {
      const check = submit(
        demoCatalog(),
        COURT,
        validSubmission({ subject: { scheme: 'CN-RIC', value: ricBornOn('20990101') } }),
      );
      expect(!check.ok && check.errors[0]?.message).toMatch(/birth date 20990101 is in the future/);
    });
  });
});
