import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { objectHash } from '../../../src/domain/audit/audit-entry.js';
import { checkRecordHash, type CheckRecord } from '../../../src/domain/checks/check-record.js';

const text = fc.string({ unit: 'binary', maxLength: 30 });
const record: fc.Arbitrary<CheckRecord> = fc.record({
  checkId: text,
  relyingParty: text,
  subjectId: fc.option(text, { nil: null }),
  action: text,
  purpose: text,
  reference: fc.option(text, { nil: null }),
  outcome: fc.oneof(
    fc.record({
      decision: fc.constantFrom('allow' as const, 'deny' as const),
      entryIds: fc.array(text, { maxLength: 4 }),
      asOfSequence: fc.nat(),
    }),
    fc.record({ refusal: text }),
  ),
});

describe('checkRecordHash', () => {
  it('is the SHA-256 of the record’s RFC 8785 canonical JSON, whatever the strings hold', () => {
    fc.assert(
      fc.property(record, (r) => {
        const { outcome, ...rest } = r;
        expect(checkRecordHash(r)).toBe(objectHash({ ...rest, ...outcome }));
      }),
    );
  });
});
