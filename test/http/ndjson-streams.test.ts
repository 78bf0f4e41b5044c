import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { STORE_KINDS } from '../support/stores.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

/** One kept-alive connection for every request, as a client's: a request after a failed one reuses its socket. */
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** POSTs NDJSON lines over a real socket, as a client streams them, and collects the answer lines. */
function postLines(port: number, path: string, authorization: string, lines: readonly string[]): Promise<string[]> {
  const chunks = function* () {
    for (let i = 0; i < lines.length; i += 500) yield lines.slice(i, i + 500).join('\n') + '\n';
  };
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-ndjson' },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve(body.trim().split('\n')));
      },
    );
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
    agent.destroy();
    await server.close();
  });

  it('answers every line of a large check batch', async () => {
    const { authorization } = await server.relyingPartyAuth('air-china');
    const line = JSON.stringify({
      subject: { scheme: 'CN-RIC', value: '11010519491231002X' },
      action: 'air.ticket.any',
      purpose: 'ticket_sale',
    });
    const answers = await postLines(
      port,
      '/v1/checks:batch',
      authorization,
      Array.from({ length: 30_000 }, () => line),
    );
    expect(JSON.parse(answers.at(-1)!)).toMatchObject({ summary: { checks: 30_000, errors: 0 } });
    expect(answers).toHaveLength(30_001);
    // Chunks are screened two at a time; their answers still come back in line order.
    expect(answers.slice(0, -1).map((answer) => (JSON.parse(answer) as { line: number }).line)).toEqual(
      Array.from({ length: 30_000 }, (_, i) => i + 1),
    );
    expect(await server.registry.store.auditSize()).toBeGreaterThanOrEqual(30_000);
  }, 60_000);

  it('answers the checks logged ahead of a failing chunk, says where the batch stopped, and keeps the connection usable', async () => {
    const { authorization } = await server.relyingPartyAuth('air-china');
    const line = JSON.stringify({
      subject: { scheme: 'CN-RIC', value: '11010519491231002X' },
      action: 'air.ticket.any',
      purpose: 'ticket_sale',
    });
    const { screening } = server.registry;
    const checkMany = screening.checkMany.bind(screening);
    let calls = 0;
    // The second chunk's log write fails, while the third is already being screened.
    screening.checkMany = async (party, requests) =>
      ++calls === 2 ? Promise.reject(new Error('disk full')) : checkMany(party, requests);
    try {
      const chunk = server.registry.store.readsPerAppend;
      const answers = (
        await postLines(
          port,
          '/v1/checks:batch',
          authorization,
          Array.from({ length: 4 * chunk }, () => line),
        )
      ).map((a) => JSON.parse(a));
      const numbers = answers.slice(0, -1).map((a: { line: number }) => a.line);
      expect(numbers).toEqual([
        ...Array.from({ length: chunk }, (_, i) => i + 1),
        ...Array.from({ length: chunk }, (_, i) => 2 * chunk + i + 1),
      ]);
      expect(answers.at(-1)).toMatchObject({ summary: { checks: 2 * chunk }, error: { type: '/problems/internal' } });
    } finally {
      screening.checkMany = checkMany;
    }
    // The rest of the body was read and dropped: the client's next request on the same connection is answered.
    const again = await postLines(port, '/v1/checks:batch', authorization, [line]);
    expect(JSON.parse(again.at(-1)!)).toMatchObject({ summary: { checks: 1 } });
  }, 60_000);

  it('stores every line of a large bulk submission', async () => {
    const { authorization } = await server.institutionAuth('sh-pudong-court');
    const lines = Array.from({ length: 20_000 }, (_, i) => JSON.stringify(validSubmission({ sourceRef: `bulk-${i}` })));
    const answers = await postLines(port, '/v1/records:bulk', authorization, lines);
    expect(JSON.parse(answers.at(-1)!)).toEqual({ summary: { accepted: 20_000, duplicates: 0, rejected: 0 } });
  }, 60_000);
});
