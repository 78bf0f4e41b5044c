import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { objectHash, sealEntry, type AuditDraft } from '../../../src/domain/audit/audit-entry.js';
import { subjectCreated } from '../../../src/domain/audit/write-drafts.js';
import { SUBJECT_KINDS } from '../../../src/domain/subject-kind.js';
import { canonicalJson } from '../../../src/domain/records/canonical-json.js';

const text = fc.string({ unit: 'binary', maxLength: 40 });
const draft: fc.Arbitrary<AuditDraft> = fc.record(
  {
    time: text,
    actor: fc.record({
      kind: fc.constantFrom('institution', 'relying_party', 'staff', 'subject', 'operator'),
      id: text,
    }),
    action: fc.constantFrom('subject.created', 'record.accepted', 'record.read', 'pack.published'),
    subject: fc.option(text, { nil: null }),
    object: fc.record(
      { kind: fc.constantFrom('record', 'subject', 'pack'), id: text, version: fc.nat() },
      { requiredKeys: ['kind', 'id'] },
    ),
    objectHash: text,
    detail: fc.dictionary(text, fc.oneof(text, fc.integer(), fc.constant(null)), { maxKeys: 5 }),
  },
  { requiredKeys: ['time', 'actor', 'action', 'subject', 'object', 'objectHash'] },
);

describe('sealEntry', () => {
  it('gives exactly the RFC 8785 canonical JSON of the entry (checked against the canonicalize library)', () => {
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), draft, (seq, d) => {
        expect(sealEntry(seq, d)).toBe(canonicalJson({ ...d, seq }));
      }),
      { numRuns: 2000 },
    );
  });

  it('seals a known entry to known bytes', () => {
    const sealed = sealEntry(7, {
      time: '2026-01-02T03:04:05.000Z',
      actor: { kind: 'institution', id: 'sh-tax' },
      action: 'record.accepted',
      subject: '01J0000000000000000000000A',
      object: { kind: 'record', id: '01J0000000000000000000000B', version: 1 },
      objectHash: 'ab',
    });
    expect(sealed).toBe(
      '{"action":"record.accepted","actor":{"id":"sh-tax","kind":"institution"},' +
        '"object":{"id":"01J0000000000000000000000B","kind":"record","version":1},"objectHash":"ab",' +
        '"seq":7,"subject":"01J0000000000000000000000A","time":"2026-01-02T03:04:05.000Z"}',
    );
  });
});

describe('subjectCreated', () => {
  it('hashes the canonical JSON of the subject, as objectHash would', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...SUBJECT_KINDS), text, (id, kind, time) => {
        expect(subjectCreated({ id, kind }, 'sh-tax', time).objectHash).toBe(objectHash({ id, kind, createdAt: time }));
      }),
    );
  });
});
