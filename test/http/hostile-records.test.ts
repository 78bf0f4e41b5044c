import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { STORE_KINDS } from '../support/stores.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const COURT = 'sh-pudong-court';
const ONE_MIB = 1024 * 1024;

/** Issue 14: hostile input to records, bulk lines and identifiers is refused item by item, never with a 500. */
describe.each(STORE_KINDS)('hostile record input on %s', (kind) => {
  let server: TestServer;
  let court: Record<string, string>;

  beforeAll(async () => {
    server = await startTestServer(kind);
    court = await server.institutionAuth(COURT);
  });
  afterAll(async () => {
    await server.close();
  });

  const send = (url: string, payload: string, contentType = 'application/json') =>
    server.app.inject({ method: 'POST', url, payload, headers: { ...court, 'content-type': contentType } });
  const line = (overrides: Record<string, unknown>) => JSON.stringify(validSubmission(overrides));
  /** A submission whose payload amount is written as `1e309`, which JSON.parse turns into Infinity. */
  const overflowing = (sourceRef: string) => line({ sourceRef }).replace('125000', '1e309');
  const bulk = async (body: string) => {
    const response = await send('/v1/records:bulk', body, 'application/x-ndjson');
    expect(response.statusCode).toBe(200);
    return response.body
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as Record<string, any>);
  };

  describe('a number that overflows to Infinity (defect 2)', () => {
    it('is a rejected item of a JSON batch, and the items beside it are stored', async () => {
      const response = await send(
        '/v1/records',
        `[${line({ sourceRef: 'inf-1' })},${overflowing('inf-2')},${line({ sourceRef: 'inf-3' })}]`,
      );
      expect(response.statusCode).toBe(200);
      const { results } = response.json();
      expect(results.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected', 'accepted']);
      expect(results[1].errors).toEqual([
        expect.objectContaining({ code: 'invalid_payload', path: '/payload/amount' }),
      ]);
    });

    it('is a rejected line of a bulk request, and the lines after it go on', async () => {
      const lines = await bulk(`${overflowing('inf-4')}\n${line({ sourceRef: 'inf-5' })}\n`);
      expect(lines[0]).toMatchObject({
        line: 1,
        status: 'rejected',
        errors: [{ code: 'invalid_payload', path: '/payload/amount' }],
      });
      expect(lines[1]).toMatchObject({ line: 2, status: 'accepted' });
      expect(lines[2]).toEqual({ summary: { accepted: 1, duplicates: 0, rejected: 1 } });
    });

    it('is a 400 invalid_payload on a correction', async () => {
      const id = (await send('/v1/records', `[${line({ sourceRef: 'inf-6' })}]`)).json().results[0].id;
      const response = await send(
        `/v1/records/${id}:correct`,
        '{"reason":"typo","payload":{"caseNumber":"x","amount":1e309,"currency":"CNY"}}',
      );
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        type: '/problems/invalid_payload',
        errors: [{ path: '/payload/amount' }],
      });
    });
  });

  describe('bulk lines (defect 3)', () => {
    it('rejects a line over 1 MiB as line_too_long with its number and goes on with the next', async () => {
      const long = line({
        sourceRef: 'long-1',
        subject: { scheme: 'CN-RIC', value: '11010519491231002X', name: 'x'.repeat(ONE_MIB) },
      });
      const lines = await bulk(`${long}\n${line({ sourceRef: 'long-2' })}\n`);
      expect(lines[0]).toMatchObject({ line: 1, status: 'rejected', errors: [{ code: 'line_too_long' }] });
      expect(lines[1]).toMatchObject({ line: 2, status: 'accepted' });
    });

    it('answers a line over the limit on checks:batch, and the next check', async () => {
      const air = await server.relyingPartyAuth('air-china');
      const check = JSON.stringify({
        subject: { scheme: 'CN-RIC', value: '11010519491231002X' },
        action: 'air.ticket.any',
        purpose: 'ticket_sale',
        reference: 'R-1',
      });
      const response = await server.app.inject({
        method: 'POST',
        url: '/v1/checks:batch',
        headers: { ...air, 'content-type': 'application/x-ndjson' },
        payload: `${check.replace('R-1', 'y'.repeat(ONE_MIB))}\n${check}\n`,
      });
      const lines = response.body
        .trim()
        .split('\n')
        .map((text) => JSON.parse(text) as Record<string, any>);
      expect(lines[0]).toMatchObject({ line: 1, error: { type: '/problems/line_too_long' } });
      expect(lines[1]).toMatchObject({ line: 2, decision: expect.any(String) });
    });

    it('drops a UTF-8 byte order mark before the first line', async () => {
      const lines = await bulk(`\uFEFF${line({ sourceRef: 'bom-1' })}\n`);
      expect(lines[0]).toMatchObject({ line: 1, status: 'accepted' });
    });

    it('rejects a line with a __proto__ key, naming it', async () => {
      const lines = await bulk(
        `${line({ sourceRef: 'proto-1' }).replace('"payload":{', '"payload":{"__proto__":{"polluted":true},')}\n`,
      );
      expect(lines[0]).toMatchObject({
        status: 'rejected',
        errors: [{ code: 'malformed_line', path: '/payload/__proto__' }],
      });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });
  });

  describe('text in one form (defect 8)', () => {
    it('takes the NFD form of a sourceRef already stored in NFC as the same record', async () => {
      const first = (await send('/v1/records', `[${line({ sourceRef: 'Jos\u00e9-1' })}]`)).json().results[0];
      const again = (await send('/v1/records', `[${line({ sourceRef: ' Jose\u0301-1 ' })}]`)).json().results[0];
      expect(again).toEqual({ index: 0, status: 'duplicate', id: first.id });
    });

    it('refuses a sourceRef with a right-to-left override, naming the field', async () => {
      const { results } = (await send('/v1/records', `[${line({ sourceRef: 'F-\u202e1' })}]`)).json();
      expect(results[0].errors).toEqual([expect.objectContaining({ code: 'invalid_field', path: '/sourceRef' })]);
    });
  });

  describe('bodies (item 13)', () => {
    it('answers text/plain on POST /v1/records with 415', async () => {
      const response = await send('/v1/records', `[${line({ sourceRef: 'plain-1' })}]`, 'text/plain');
      expect(response.statusCode).toBe(415);
      expect(response.json().type).toBe('/problems/unsupported_media_type');
    });

    it('refuses an unknown field of a record with its path instead of dropping it', async () => {
      const { results } = (await send('/v1/records', `[${line({ sourceRef: 'unknown-1', remark: 'x' })}]`)).json();
      expect(results[0]).toMatchObject({ status: 'rejected', errors: [{ code: 'unknown_field', path: '/remark' }] });
    });

    it('refuses an unknown field of a correction with 400 and its path', async () => {
      const id = (await send('/v1/records', `[${line({ sourceRef: 'unknown-2' })}]`)).json().results[0].id;
      const response = await send(
        `/v1/records/${id}:correct`,
        JSON.stringify({ reason: 'r', payload: { caseNumber: 'x', amount: 1, currency: 'CNY' }, remark: 'x' }),
      );
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ type: '/problems/invalid_request', errors: [{ path: '/remark' }] });
    });

    it('refuses a record with a __proto__ key by itself, naming where, and stores its neighbours', async () => {
      const hostile = line({ sourceRef: 'proto-2' }).replace(
        '"payload":{',
        '"payload":{"__proto__":{"polluted":true},',
      );
      const response = await send('/v1/records', `[${line({ sourceRef: 'proto-neighbour' })},${hostile}]`);
      expect(response.statusCode).toBe(200);
      const { results } = response.json();
      expect(results[0]).toMatchObject({ status: 'accepted' });
      expect(results[1]).toMatchObject({
        status: 'rejected',
        errors: [{ code: 'invalid_field', path: '/payload/__proto__' }],
      });
      expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    });

    it('refuses a __proto__ key in any other JSON body with 400, naming the key and where it is', async () => {
      const id = (await send('/v1/records', `[${line({ sourceRef: 'proto-3' })}]`)).json().results[0].id;
      const response = await send(
        `/v1/records/${id}:correct`,
        '{"reason":"r","payload":{"constructor":{"prototype":{"x":1}}}}',
      );
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        type: '/problems/invalid_request',
        detail: expect.stringContaining('constructor'),
        errors: [{ path: '/payload/constructor' }],
      });
    });

    it('refuses a CN-RIC whose birth date is after today', async () => {
      const { results } = (
        await send(
          '/v1/records',
          `[${line({ sourceRef: 'future-1', subject: { scheme: 'CN-RIC', value: '110105209901010020' } })}]`,
        )
      ).json();
      expect(results[0].errors).toEqual([
        expect.objectContaining({
          code: 'invalid_identifier',
          path: '/subject/value',
          message: expect.stringContaining('in the future'),
        }),
      ]);
    });
  });
});
