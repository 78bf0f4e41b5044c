import { describe, expect, it } from 'vitest';
import { operationIdOf } from '../../src/http/operation-id.js';

describe('operationIdOf', () => {
  it('names an operation by its method and path, parameters as By…, custom methods last', () => {
    expect(operationIdOf('GET', '/v1/audit/entries')).toBe('getAuditEntries');
    expect(operationIdOf('POST', '/v1/records/:id(^[0-9A-Za-z]{1,64})::withdraw')).toBe('postRecordsByIdWithdraw');
    expect(operationIdOf('POST', '/v1/checks::batch')).toBe('postChecksBatch');
    expect(operationIdOf(['GET', 'HEAD'], '/v1/subjects/:scheme/:value/assessment')).toBe(
      'getSubjectsBySchemeByValueAssessment',
    );
    expect(operationIdOf('PUT', '/v1/relying-party/webhook')).toBe('putRelyingPartyWebhook');
  });
});
