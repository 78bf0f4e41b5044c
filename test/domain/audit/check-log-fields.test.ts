import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealEntry } from '../../../src/domain/audit/audit-entry.js';
import { checkPerformed, checkRefused } from '../../../src/domain/audit/check-drafts.js';
import { checkLogFields, UNKNOWN_ACTION, UNKNOWN_PURPOSE } from '../../../src/domain/audit/check-log-fields.js';
import { referenceTag } from '../../../src/domain/audit/reference-tag.js';

const KEY = Buffer.alloc(32, 7);
const vocabulary = {
  actions: new Set(['air.ticket.any', 'rail.ticket.first_class']),
  purposes: new Set(['ticket_sale']),
};
const tag = (reference: string) => referenceTag(KEY, reference);
/** Free text that cannot turn up in an entry by chance: it holds a character no code, id or hex tag has. */
const freeText = fc
  .tuple(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.constantFrom('张', ' ', '/', '#', 'é'),
    fc.string({ maxLength: 40 }),
  )
  .map(([a, b, c]) => a + b + c);

describe("what a check's audit entry keeps of what the relying party sent", () => {
  it('never holds the free text of an action, a purpose or a reference, in the detail or anywhere in the sealed entry', () => {
    fc.assert(
      fc.property(freeText, freeText, freeText, fc.boolean(), (action, purpose, reference, refused) => {
        const logged = {
          checkId: '01JCHECK',
          relyingParty: 'air-china',
          subjectId: '01JSUBJECT',
          ...checkLogFields({ action, purpose, reference }, vocabulary, tag),
        };
        const draft = refused
          ? checkRefused(logged, 'action_not_permitted')
          : checkPerformed(logged, { decision: 'allow', entryIds: [], asOfSequence: 3 });
        const sealed = sealEntry(0, { ...draft, time: '2026-06-01T00:00:00.000Z' });
        for (const text of [action, purpose, reference]) {
          expect(sealed).not.toContain(text);
          expect(sealed).not.toContain(JSON.stringify(text).slice(1, -1));
        }
        expect(logged).toMatchObject({
          action: UNKNOWN_ACTION,
          purpose: UNKNOWN_PURPOSE,
          reference: expect.stringMatching(/^[0-9a-f]{32}$/),
        });
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the codes the pack defines, and tags a reference the same way every time under one key', () => {
    const fields = checkLogFields(
      { action: 'air.ticket.any', purpose: 'ticket_sale', reference: 'PNR-4411' },
      vocabulary,
      tag,
    );
    expect(fields).toEqual({ action: 'air.ticket.any', purpose: 'ticket_sale', reference: tag('PNR-4411') });
    expect(referenceTag(Buffer.alloc(32, 8), 'PNR-4411')).not.toBe(fields.reference);
    expect(checkLogFields({ action: 'air.ticket.any', purpose: 'ticket_sale' }, vocabulary, tag).reference).toBeNull();
  });

  it('tags with HMAC-SHA256 truncated to 128 bits (RFC 4231 test case 2)', () => {
    // Key "Jefe", data "what do ya want for nothing?": HMAC-SHA-256 = 5bdcc146bf60754e6a042426089575c7...
    expect(referenceTag(Buffer.from('Jefe'), 'what do ya want for nothing?')).toBe('5bdcc146bf60754e6a042426089575c7');
  });
});
