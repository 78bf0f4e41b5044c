import { randomUUID } from 'node:crypto';
import { request, type IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validSubmission } from '../support/catalog.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const CHUNK = Buffer.alloc(64 * 1024, 'x');
const CHUNKS = 320; // 20 MiB

/** Reads a whole response body as text. */
async function bodyOf(response: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of response) parts.push(part as Buffer);
  return Buffer.concat(parts).toString();
}

/**
 * Issue 14, defect 3: a 20 MB NDJSON line held /healthz up to 4.2 s. The line arrives slowly,
 * in 64 KiB chunks, through a real socket while /healthz is polled. SQLite only: what is
 * measured is the event loop, which the store does not take part in.
 */
/**
 * A worst-case latency on a 2-core machine shared with the rest of the suite: one scheduling
 * hiccup of another file's work can cost a sample 50 ms. A retry keeps the bound as strict.
 */
const RETRIES_UNDER_LOAD = 2;

describe('a 20 MiB line arriving on a bulk route', () => {
  let server: TestServer;
  let base: URL;

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    base = new URL(await server.app.listen({ host: '127.0.0.1', port: 0 }));
  });
  afterAll(async () => {
    await server.close();
  });

  /** Sends `before` + 20 MiB of one line + `\n` + `after` in chunks; polls /healthz meanwhile. */
  async function sendSlowly(
    path: string,
    headers: Record<string, string>,
    after: string,
  ): Promise<{ body: string; worstMs: number }> {
    let sending = true;
    let worstMs = 0;
    const poll = (async () => {
      while (sending) {
        const started = performance.now();
        const health = await fetch(new URL('/healthz', base));
        await health.arrayBuffer();
        worstMs = Math.max(worstMs, performance.now() - started);
        await sleep(10);
      }
    })();
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      const outgoing = request(
        new URL(path, base),
        {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/x-ndjson', 'transfer-encoding': 'chunked' },
        },
        resolve,
      );
      outgoing.on('error', reject);
      void (async () => {
        for (let i = 0; i < CHUNKS; i++) {
          if (!outgoing.write(CHUNK)) await new Promise((drained) => outgoing.once('drain', drained));
          await sleep(1);
        }
        outgoing.end(`\n${after}\n`);
      })();
    });
    const body = await bodyOf(await answered);
    sending = false;
    await poll;
    return { body, worstMs };
  }

  const linesOf = (body: string) =>
    body
      .trim()
      .split('\n')
      .map((text) => JSON.parse(text) as Record<string, unknown>);

  it(
    'on records:bulk: /healthz answers within 50 ms, the line is line_too_long and the next line is stored',
    async () => {
      const { body, worstMs } = await sendSlowly(
        '/v1/records:bulk',
        await server.institutionAuth('sh-pudong-court'),
        // A new reference each attempt: a retry's line is new too, not a duplicate of the first try's.
        JSON.stringify(validSubmission({ sourceRef: `after-long-line-${randomUUID()}` })),
      );
      const lines = linesOf(body);
      expect(lines[0]).toMatchObject({ line: 1, status: 'rejected', errors: [{ code: 'line_too_long' }] });
      expect(lines[1]).toMatchObject({ line: 2, status: 'accepted' });
      expect(worstMs).toBeLessThan(50);
    },
    { timeout: 60_000, retry: RETRIES_UNDER_LOAD },
  );

  it(
    'on checks:batch: /healthz answers within 50 ms, the line is line_too_long and the next check is answered',
    async () => {
      const check = {
        subject: { scheme: 'CN-RIC', value: '11010519491231002X' },
        action: 'air.ticket.any',
        purpose: 'ticket_sale',
        reference: 'R-1',
      };
      const { body, worstMs } = await sendSlowly(
        '/v1/checks:batch',
        await server.relyingPartyAuth('air-china'),
        JSON.stringify(check),
      );
      const lines = linesOf(body);
      expect(lines[0]).toMatchObject({ line: 1, error: { type: '/problems/line_too_long' } });
      expect(lines[1]).toMatchObject({ line: 2, decision: expect.any(String) });
      expect(worstMs).toBeLessThan(50);
    },
    { timeout: 60_000, retry: RETRIES_UNDER_LOAD },
  );
});
