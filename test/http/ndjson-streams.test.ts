import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { STORE_KINDS } from '../support/stores.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** POSTs NDJSON lines over a real socket, as a client streams them, and collects the answer lines. */
function postLines(port: number, path: string, authorization: string, lines: readonly string[]): Promise<string[]> {
  const chunks = function* () {
    for (let i = 0; i < lines.length; i += 500) yield lines.slice(i, i + 500).join('\n') + '\n';
  };
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', headers: { authorization, 'content-type': 'application/x-ndjson' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve(body.trim().split('\n')));
    });
    req.on('error', reject);
    Readable.from(chunks()).pipe(req);
  });
}

// The body ends while the server is still busy with earlier lines: every line must still be answered.
describe.each(STORE_KINDS)('NDJSON bodies streamed over a socket on %s', (kind) => {
  let server: TestServer;
  let port: number;

  beforeAll(async () => {
    server = await startTestServer(kind);
    await server.app.listen({ host: '127.0.0.1', port: 0 });
    port = (server.app.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers every line of a large check batch', async () => {
    const { authorization } = await server.relyingPartyAuth('air-china');
    const line = JSON.stringify({ subject: { scheme: 'CN-RIC', value: '11010519491231002X' }, action: 'air.ticket.any', purpose: 'ticket_sale' });
    const answers = await postLines(port, '/v1/checks:batch', authorization, Array.from({ length: 30_000 }, () => line));
    expect(JSON.parse(answers.at(-1)!)).toMatchObject({ summary: { checks: 30_000, errors: 0 } });
    expect(answers).toHaveLength(30_001);
    // Chunks are screened two at a time; their answers still come back in line order.
    expect(answers.slice(0, -1).map((answer) => (JSON.parse(answer) as { line: number }).line)).toEqual(Array.from({ length: 30_000 }, (_, i) => i + 1));
    expect(await server.registry.store.auditSize()).toBeGreaterThanOrEqual(30_000);
  }, 60_000);

  it('stores every line of a large bulk submission', async () => {
    const { authorization } = await server.institutionAuth('sh-pudong-court');
    const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify(validSubmission({ sourceRef: `bulk-${i}` })));
    const answers = await postLines(port, '/v1/records:bulk', authorization, lines);
    expect(JSON.parse(answers.at(-1)!)).toEqual({ summary: { accepted: 20_000, duplicates: 0, rejected: 0 } });
  }, 60_000);
});
