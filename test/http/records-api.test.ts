import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { STORE_KINDS } from '../support/stores.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const COURT = 'sh-pudong-court';

describe.each(STORE_KINDS)('records API on %s', (kind) => {
  let server: TestServer;
  let court: { authorization: string };
  let tax: { authorization: string };

  beforeAll(async () => {
    server = await startTestServer(kind, { bodyLimit: 256 * 1024 });
    court = await server.institutionAuth(COURT);
    tax = await server.institutionAuth('sh-tax');
  });
  afterAll(async () => {
    await server.close();
  });

  const post = (url: string, body: unknown, headers: Record<string, string> = court) =>
    server.app.inject({ method: 'POST', url, payload: body as object, headers });

  describe('authentication', () => {
    it('answers a missing key with 401 problem+json', async () => {
      const response = await server.app.inject({ method: 'POST', url: '/v1/records', payload: [] });
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.json()).toMatchObject({ type: '/problems/unauthorized', status: 401, instance: '/v1/records' });
    });

    it('answers a wrong key with 401', async () => {
      const response = await post('/v1/records', [], { authorization: 'Bearer pbt_wrong' });
      expect(response.statusCode).toBe(401);
      expect(response.json().detail).toBe('the API key is not valid');
    });

    it('refuses a relying-party key with 403', async () => {
      const { secret } = await server.registry.apiKeys.issue('relying_party', 'china-eastern');
      const response = await post('/v1/records', [], { authorization: `Bearer ${secret}` });
      expect(response.statusCode).toBe(403);
      expect(response.json().type).toBe('/problems/forbidden');
    });
  });

  describe('POST /v1/records', () => {
    it('accepts valid items and rejects bad ones in the same batch, each with path and message', async () => {
      const response = await post('/v1/records', [
        validSubmission({ sourceRef: 'api-1' }),
        validSubmission({ sourceRef: 'api-2', subject: { scheme: 'CN-RIC', value: '110105194912310021' } }),
        validSubmission({ sourceRef: 'api-3', type: 'tax.major_violation' }),
      ]);
      expect(response.statusCode).toBe(200);
      const body = response.json();
      expect(body).toMatchObject({ accepted: 1, duplicates: 0, rejected: 2 });
      expect(body.results[0]).toMatchObject({ index: 0, status: 'accepted', id: expect.any(String) });
      expect(body.results[1]).toEqual({
        index: 1,
        status: 'rejected',
        errors: [
          { code: 'invalid_identifier', path: '/subject/value', message: 'CN-RIC: check character should be X, not 1' },
        ],
      });
      expect(body.results[2].errors[0]).toMatchObject({ code: 'record_type_not_authorised', path: '/type' });
    });

    it('answers a resubmission as duplicate with the original id', async () => {
      const first = (await post('/v1/records', [validSubmission({ sourceRef: 'dup-1' })])).json();
      const again = (await post('/v1/records', [validSubmission({ sourceRef: 'dup-1' })])).json();
      expect(again).toMatchObject({ accepted: 0, duplicates: 1, rejected: 0 });
      expect(again.results[0]).toEqual({ index: 0, status: 'duplicate', id: first.results[0].id });
    });

    it('rejects a resubmission with a different body as a conflict, never merging it', async () => {
      const first = (await post('/v1/records', [validSubmission({ sourceRef: 'conflict-1' })])).json();
      const changed = validSubmission({
        sourceRef: 'conflict-1',
        payload: { caseNumber: 'x', amount: 1, currency: 'CNY' },
      });
      const again = (await post('/v1/records', [changed])).json();
      expect(again.results[0]).toMatchObject({
        status: 'rejected',
        id: first.results[0].id,
        errors: [{ code: 'source_ref_conflict', path: '/sourceRef' }],
      });
      const record = (await server.app.inject({ url: `/v1/records/${first.results[0].id}`, headers: court })).json();
      expect(record.versions).toHaveLength(1);
      expect(record.versions[0].payload.amount).toBe(125000);
    });

    it('does not take a bad item as a reason to fail the batch, whatever its shape', async () => {
      const response = await post('/v1/records', [42, null, { type: 7 }, validSubmission({ sourceRef: 'shape-ok' })]);
      expect(response.statusCode).toBe(200);
      expect(response.json().results.map((r: { status: string }) => r.status)).toEqual([
        'rejected',
        'rejected',
        'rejected',
        'accepted',
      ]);
    });

    it('refuses more than 1,000 items with a 400 problem', async () => {
      const items = Array.from({ length: 1001 }, () => ({}));
      const response = await post('/v1/records', items);
      expect(response.statusCode).toBe(400);
      expect(response.json().type).toBe('/problems/invalid_request');
    });

    it('refuses a body over the limit with 413', async () => {
      const items = Array.from({ length: 900 }, (_, i) =>
        validSubmission({ sourceRef: `big-${i}`, padding: 'x'.repeat(400) }),
      );
      const response = await post('/v1/records', items);
      expect(response.statusCode).toBe(413);
      expect(response.json().type).toBe('/problems/payload_too_large');
    });

    it('answers malformed JSON with a 400 problem', async () => {
      const response = await server.app.inject({
        method: 'POST',
        url: '/v1/records',
        payload: '[{"type":',
        headers: { ...court, 'content-type': 'application/json' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('appends one change-feed event per accepted record in the same transaction', async () => {
      const before = await server.registry.store.counts();
      const response = await post('/v1/records', [
        validSubmission({ sourceRef: 'feed-1' }),
        validSubmission({ sourceRef: 'feed-2' }),
      ]);
      const ids = (response.json() as { results: { id: string }[] }).results.map((r) => r.id);
      // The server's rating follower may append rating events meanwhile: look at the records' own.
      const events = (await server.registry.store.feed(before.feedSeq, 100)).filter((e) =>
        e.type.startsWith('record.'),
      );
      expect(events.map((e) => [e.type, e.recordId])).toEqual(ids.map((id) => ['record.accepted', id]));
    });
  });

  describe('POST /v1/records:bulk', () => {
    it('streams one result per line in order, reports bad lines by number, and ends with a summary', async () => {
      const lines = [
        JSON.stringify(validSubmission({ sourceRef: 'bulk-1' })),
        '{"not json',
        '',
        JSON.stringify(validSubmission({ sourceRef: 'bulk-1' })),
        JSON.stringify(validSubmission({ sourceRef: 'bulk-2', effectiveAt: 'soon' })),
      ].join('\n');
      const response = await server.app.inject({
        method: 'POST',
        url: '/v1/records:bulk',
        payload: lines,
        headers: { ...court, 'content-type': 'application/x-ndjson' },
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const answers = response.body
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(answers.map((a) => a.line ?? 'summary')).toEqual([1, 2, 4, 5, 'summary']);
      expect(answers[0]).toMatchObject({ status: 'accepted' });
      expect(answers[1]).toMatchObject({ status: 'rejected', errors: [{ code: 'malformed_line' }] });
      expect(answers[2]).toMatchObject({ status: 'duplicate', id: answers[0].id });
      expect(answers[3]).toMatchObject({
        status: 'rejected',
        errors: [{ code: 'invalid_timestamp', path: '/effectiveAt' }],
      });
      expect(answers[4]).toEqual({ summary: { accepted: 1, duplicates: 1, rejected: 2 } });
    });

    it('answers a body that is not NDJSON with 415', async () => {
      const response = await post('/v1/records:bulk', [validSubmission()]);
      expect(response.statusCode).toBe(415);
      expect(response.json().type).toBe('/problems/unsupported_media_type');
    });

    it('takes more lines than one batch', async () => {
      const lines = Array.from({ length: 2500 }, (_, i) =>
        JSON.stringify(validSubmission({ sourceRef: `many-${i}` })),
      ).join('\n');
      const response = await server.app.inject({
        method: 'POST',
        url: '/v1/records:bulk',
        payload: lines,
        headers: { ...court, 'content-type': 'application/x-ndjson' },
      });
      const answers = response.body.trim().split('\n');
      expect(answers).toHaveLength(2501);
      expect(JSON.parse(answers.at(-1)!)).toEqual({ summary: { accepted: 2500, duplicates: 0, rejected: 0 } });
    });
  });

  describe('corrections and withdrawals', () => {
    it('adds versions and keeps the history readable, for the submitting institution only', async () => {
      const id = (await post('/v1/records', [validSubmission({ sourceRef: 'hist-1' })])).json().results[0].id;
      const corrected = await post(`/v1/records/${id}:correct`, {
        payload: { caseNumber: '(2025)沪0115执123号', amount: 100000, currency: 'CNY' },
        reason: 'amount partly paid before listing',
      });
      expect(corrected.statusCode).toBe(200);
      expect(corrected.json()).toMatchObject({
        status: 'corrected',
        versions: [{ version: 1 }, { version: 2, action: 'corrected' }],
      });

      const withdrawn = await post(`/v1/records/${id}:withdraw`, { reason: 'judgment revoked on appeal' });
      expect(withdrawn.json().status).toBe('withdrawn');

      const history = (await server.app.inject({ url: `/v1/records/${id}`, headers: court })).json();
      expect(
        history.versions.map((v: { action: string; payload: { amount: number } }) => [v.action, v.payload.amount]),
      ).toEqual([
        ['submitted', 125000],
        ['corrected', 100000],
        ['withdrawn', 100000],
      ]);
      expect(history.versions[0].recordedAt <= history.versions[2].recordedAt).toBe(true);

      const again = await post(`/v1/records/${id}:correct`, {
        payload: { caseNumber: 'x', amount: 1, currency: 'CNY' },
        reason: 'x',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().type).toBe('/problems/record_withdrawn');

      const other = await server.app.inject({ url: `/v1/records/${id}`, headers: tax });
      expect(other.statusCode).toBe(404);
      const otherWithdraw = await post(`/v1/records/${id}:withdraw`, { reason: 'not mine' }, tax);
      expect(otherWithdraw.statusCode).toBe(404);
    });

    it('rejects a correction whose payload fails the schema, adding no version', async () => {
      const id = (await post('/v1/records', [validSubmission({ sourceRef: 'hist-2' })])).json().results[0].id;
      const response = await post(`/v1/records/${id}:correct`, { payload: { amount: -5 }, reason: 'x' });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ type: '/problems/invalid_payload' });
      expect((await server.app.inject({ url: `/v1/records/${id}`, headers: court })).json().versions).toHaveLength(1);
    });

    it('answers an unknown record id with 404', async () => {
      const response = await server.app.inject({ url: '/v1/records/01JUNKNOWN0000000000000000', headers: court });
      expect(response.statusCode).toBe(404);
      expect(response.json().type).toBe('/problems/not_found');
    });
  });
});

describe('API basics', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(async () => {
    await server.close();
  });

  it('publishes an OpenAPI 3.1 document generated from the route schemas', async () => {
    const response = await server.app.inject({ url: '/openapi.json' });
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/records',
        '/v1/records:bulk',
        '/v1/records/{id}',
        '/v1/records/{id}:correct',
        '/v1/records/{id}:withdraw',
      ]),
    );
  });

  it('serves readable API docs at /docs', async () => {
    const response = await server.app.inject({ url: '/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
  });

  it('answers health and readiness', async () => {
    expect((await server.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await server.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready', pack: 'cn-demo' });
  });

  it('answers an unknown route with a not_found problem and a request id', async () => {
    const response = await server.app.inject({ url: '/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ type: '/problems/not_found', requestId: response.headers['x-request-id'] });
  });
});
