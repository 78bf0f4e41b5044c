import { statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { safeReturnPath } from '../../src/services/oidc-sign-in.js';
import { buildServer } from '../../src/http/server.js';
import { openRegistry, type Registry } from '../../src/registry.js';
import { writeSyntheticFile } from '../../src/gen/write-synthetic-file.js';
import type { FastifyInstance } from 'fastify';
import { DEMO_PACK } from '../support/pack-fixture.js';
import { startPortalServer, type PortalServer } from '../support/portal-fixture.js';
import { freshStoreUrl } from '../support/stores.js';
import { testTempDir } from '../support/temp-dir.js';
import { TEST_LOG_KEY } from '../support/test-server.js';

const PERSON = '110101199003074477';

describe('request hygiene', () => {
  let registry: Registry;
  let app: FastifyInstance;
  const logLines: Record<string, unknown>[] = [];

  beforeAll(async () => {
    registry = await openRegistry({ db: await freshStoreUrl('sqlite'), pack: DEMO_PACK, signer: TEST_LOG_KEY });
    app = await buildServer(registry, {
      logLevel: 'info',
      logStream: { write: (line) => void logLines.push(JSON.parse(line) as Record<string, unknown>) },
      authFailureLimit: { maxFailures: 5, windowMs: 60_000 },
      trustProxy: ['127.0.0.1'],
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await registry.close();
  });

  describe('a client request id', () => {
    it('is kept when short and plain', async () => {
      const response = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'lb-7f3a.42' } });
      expect(response.headers['x-request-id']).toBe('lb-7f3a.42');
    });

    it.each([
      ['3,000 characters', 'a'.repeat(3_000)],
      ['a carriage return', 'abc\rdef'],
      ['spaces and quotes', 'a "b" c'],
      ['non-ASCII', 'req-张三'],
    ])('is replaced by a new one when it has %s', async (_what, id) => {
      const response = await app.inject({ method: 'GET', url: '/v1/nothing-here', headers: { 'x-request-id': id } });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['x-request-id']).toMatch(/^req-/);
    });
  });

  describe('requests that reach no route', () => {
    it('answer problem+json for a path that is not valid percent-encoding', async () => {
      for (const url of ['/v1/%FF%FE', '/v1/records/%', '/%C1%B61/records']) {
        const response = await app.inject({ method: 'GET', url });
        expect(response.statusCode, url).toBe(400);
        expect(response.headers['content-type'], url).toMatch(/^application\/problem\+json/);
      }
    });

    it('answer 400 problem+json for a multipart body without a boundary', async () => {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/records',
        headers: { 'content-type': 'multipart/form-data' },
        payload: 'garbage',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ type: '/problems/invalid_request' });
    });

    it.each([
      ['headers over the limit', `x-big: ${'a'.repeat(20_000)}\r\n`, 431, '/problems/headers_too_large'],
      ['a header with a forbidden byte', 'x-bad: a\u0001b\r\n', 400, '/problems/invalid_request'],
      ['an impossible content length', 'content-length: 18446744073709551616\r\n', 400, '/problems/invalid_request'],
    ])('answer %s on the socket as problem+json', async (_what, header, status, type) => {
      if (!app.server.listening) await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as { port: number };
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () =>
          socket.end(`GET /healthz HTTP/1.1\r\nhost: x\r\n${header}\r\n`),
        );
        let text = '';
        socket.on('data', (chunk) => (text += chunk.toString('latin1')));
        socket.on('close', () => resolve(text));
        socket.on('error', reject);
      });
      expect(answer).toMatch(new RegExp(`^HTTP/1.1 ${status} `));
      expect(answer).toContain('Content-Type: application/problem+json');
      expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ type, status });
    });
  });

  describe('request logs', () => {
    it('mask identifiers in paths and drop search terms, as the public lists mask them', async () => {
      logLines.length = 0;
      await app.inject({ method: 'GET', url: `/v1/public/ratings/CN-RIC/${PERSON}` });
      await app.inject({ method: 'GET', url: `/lookup?q=${encodeURIComponent('张三')}&lang=en` });
      await app.inject({ method: 'GET', url: `/v1/subjects/CN-RIC/${PERSON}/assessment-typo` });
      const logged = JSON.stringify(logLines);
      expect(logged).not.toContain(PERSON);
      expect(logged).not.toContain('张三');
      expect(logged).not.toContain(encodeURIComponent('张三'));
      expect(logged).toContain('1101**********4477');
      expect(logged).toContain('lang=en');
    });

    it('never show credentials', async () => {
      logLines.length = 0;
      await app.inject({
        method: 'GET',
        url: '/v1/feed',
        headers: { authorization: 'Bearer pbt_secret-value', cookie: 'probity_session=session-secret' },
      });
      const logged = JSON.stringify(logLines);
      expect(logged).not.toContain('secret-value');
      expect(logged).not.toContain('session-secret');
    });
  });

  describe('failed authentication', () => {
    const guess = (ip: string, key: string) =>
      app.inject({
        method: 'GET',
        url: '/v1/feed',
        headers: { authorization: `Bearer pbt_${key}`, 'x-forwarded-for': ip },
        remoteAddress: '127.0.0.1',
      });

    it('is throttled per client address behind the trusted proxy, before any key is looked at', async () => {
      const statuses = [];
      for (let i = 0; i < 8; i++) statuses.push((await guess('203.0.113.9', `guess-${i}`)).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
      const refused = await guess('203.0.113.9', 'another');
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      expect(refused.json()).toMatchObject({ type: '/problems/rate_limited' });
      // Another client behind the same load balancer is not held up.
      expect((await guess('198.51.100.4', 'first-try')).statusCode).toBe(401);
      // A valid key from the throttled address waits too: guessing from there costs the whole window.
      const { secret } = await registry.apiKeys.issue('auditor', 'hygiene-auditor');
      const valid = await app.inject({
        method: 'GET',
        url: '/v1/audit/checkpoint',
        headers: { authorization: `Bearer ${secret}`, 'x-forwarded-for': '203.0.113.9' },
      });
      expect(valid.statusCode).toBe(429);
    });

    it('leaves requests without credentials alone', async () => {
      for (let i = 0; i < 6; i++) await guess('192.0.2.77', `guess-${i}`);
      const page = await app.inject({ method: 'GET', url: '/rulebooks', headers: { 'x-forwarded-for': '192.0.2.77' } });
      expect(page.statusCode).toBe(200);
    });
  });
});

describe('sign-in with a hostile returnTo', () => {
  let server: PortalServer;
  beforeAll(async () => {
    server = await startPortalServer('sqlite');
  });
  afterAll(() => server.close());

  it.each([
    ['non-ASCII', '/me/records?q=张三'],
    ['a control character', '/me/records?x=\u0007\u007f'],
    ['a backslash host', '/\\evil.example/'],
    ['a protocol-relative URL', '//evil.example/'],
  ])('ends on a page of this site after %s, with a session', async (_what, returnTo) => {
    const client = server.anonymous();
    const landed = await client.signIn('mother', returnTo);
    expect(landed.status).toBe(200);
    expect((await client.get('/v1/me')).status).toBe(200);
  });

  it('keeps only same-origin paths, as ASCII', () => {
    expect(safeReturnPath('/me/records?q=张三')).toBe('/me/records?q=%E5%BC%A0%E4%B8%89');
    expect(safeReturnPath('/\\evil.example/')).toBe('/me');
    expect(safeReturnPath('//evil.example')).toBe('/me');
    expect(safeReturnPath('https://evil.example/')).toBe('/me');
    expect(safeReturnPath(['/a', '/b'])).toBe('/me');
  });
});

/** Starts an upload of `declared` bytes, sends only its first kilobyte, and waits for an answer that does not wait for the rest. */
function partialUpload(url: string, path: string): Promise<{ status: number; location: string | undefined }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${url}${path}`,
      {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(10 * 1024 * 1024) },
      },
      (response) => {
        response.resume();
        resolve({ status: response.statusCode ?? 0, location: response.headers.location });
        request.destroy();
      },
    );
    request.on('error', () => undefined);
    request.write(
      `--x\r\ncontent-disposition: form-data; name="file"; filename="a.pdf"\r\ncontent-type: application/pdf\r\n\r\n${'%'.repeat(1024)}`,
    );
    setTimeout(
      () => reject(new Error('no answer before the body was sent: the upload was being read first')),
      3_000,
    ).unref();
  });
}

describe('uploads from nobody', () => {
  let server: PortalServer;
  beforeAll(async () => {
    server = await startPortalServer('sqlite');
  });
  afterAll(() => server.close());

  it('are refused before their body is read: the API answers 401 at once', async () => {
    expect((await partialUpload(server.url, '/v1/me/disputes/X1/evidence')).status).toBe(401);
  });

  it('are refused before their body is read: the dispute form sends the browser to sign in', async () => {
    const answer = await partialUpload(server.url, '/me/disputes');
    expect(answer.status).toBe(303);
    expect(answer.location).toMatch(/^\/signin/);
  });
});

describe('files that hold personal data', () => {
  it('are readable by their owner only: the data folder, the database and its journal files', async () => {
    const dir = join(testTempDir('probity-modes-'), 'data');
    const registry = await openRegistry({
      db: `sqlite:${join(dir, 'probity.db')}`,
      pack: DEMO_PACK,
      signer: TEST_LOG_KEY,
    });
    try {
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      for (const file of ['probity.db', 'probity.db-wal', 'probity.db-shm'])
        expect(statSync(join(dir, file)).mode & 0o777, file).toBe(0o600);
      const population = join(dir, 'population.ndjson');
      await writeSyntheticFile(
        registry.catalog,
        { persons: 3, orgs: 1, gov: 1, seed: 1, asOf: new Date('2026-01-01T00:00:00Z') },
        population,
      );
      expect(statSync(population).mode & 0o777).toBe(0o600);
    } finally {
      await registry.close();
    }
  });
});
