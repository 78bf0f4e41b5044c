import { describe, expect, it } from 'vitest';
import { nameInWords, payloadFields } from '../../src/http/portal/payload-fields.js';
import { wordsFor } from '../../src/http/portal/portal-messages.js';

const schema = {
  type: 'object',
  properties: {
    caseNumber: { type: 'string', title: { en: 'Case number', zh: '案号' } },
    amount: { type: 'number' },
    paid_in_full: { type: 'boolean' },
  },
};

describe('a record payload in words', () => {
  it('titles each field with its schema title in the page’s language, in the schema’s order', () => {
    const payload = { amount: 125000, caseNumber: '(2025)沪0115执123号' };
    expect(payloadFields(wordsFor('zh', 'UTC'), schema, payload)).toEqual([
      { name: 'caseNumber', title: '案号', value: '(2025)沪0115执123号' },
      { name: 'amount', title: 'Amount', value: '125,000' },
    ]);
  });

  it('turns a field without a title into words, and says yes or no for a flag', () => {
    expect(nameInWords('caseNumber')).toBe('Case number');
    expect(nameInWords('paid_in_full')).toBe('Paid in full');
    expect(payloadFields(wordsFor('en', 'UTC'), schema, { paid_in_full: true, extra: 'kept' })).toEqual([
      { name: 'paid_in_full', title: 'Paid in full', value: 'yes' },
      { name: 'extra', title: 'Extra', value: 'kept' },
    ]);
  });
});
