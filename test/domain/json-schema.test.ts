import { describe, expect, it } from 'vitest';
import { payloadValidator } from '../../src/domain/json-schema.js';

describe('payloadValidator', () => {
  it('compiles a schema object once and hands back the same validator', () => {
    const schema = { type: 'object', properties: { amount: { type: 'integer' } } };
    expect(payloadValidator(schema)).toBe(payloadValidator(schema));
  });

  it('keeps apart two schemas that share an $id, as two packs may', () => {
    const amount = payloadValidator({ $id: 'https://example.test/payload', type: 'object', required: ['amount'] });
    const reference = payloadValidator({
      $id: 'https://example.test/payload',
      type: 'object',
      required: ['reference'],
    });
    expect(amount({ amount: 1 })).toBe(true);
    expect(amount({ reference: 'x' })).toBe(false);
    expect(reference({ reference: 'x' })).toBe(true);
    expect(reference({ amount: 1 })).toBe(false);
  });

  it('throws on a schema that is not valid JSON Schema', () => {
    expect(() => payloadValidator({ type: 'no-such-type' })).toThrow();
  });
});
