import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../src/http/route-table.js';
import { CREDENTIAL_KINDS, credentialsOf, type Credential, type CredentialKind } from '../support/credential-kinds.js';
import { hostileHeader, hostilePathOf, hostileVariantOf, wrongContentType } from '../support/hostile-input.js';
import { startPortalServer, type PortalServer } from '../support/portal-fixture.js';
import { send, sendBytes, type RawResponse } from '../support/raw-http.js';
import { EXPECTATIONS } from './authorization-expectations.js';
import { fareEvasion, seedMatrixData, type SeededIds } from './authorization-seed.js';

/** Fixed seed and bounded runs: the same inputs every time, well inside the time budget. */
const FUZZ = { seed: 14, endOnFailure: true } as const;
const UNLIMITED = {
  publicRateLimit: { max: 1_000_000, timeWindow: 60_000 },
  authFailureLimit: { maxFailures: 1_000_000, windowMs: 60_000 },
};
/** Every route but sign-out (which would end the sessions the runs use). */
const TARGETS = Object.keys(EXPECTATIONS).filter((key) => key !== 'POST /signout');
const JSON_WRITES = TARGETS.filter(
  (key) => !key.startsWith('GET ') && 'json' in (EXPECTATIONS[key]!.body?.(FAKE_IDS()) ?? {}),
);

/** Ids for deciding the shape of a body before the seed exists. */
function FAKE_IDS(): SeededIds {
  return new Proxy({}, { get: () => '01J0000000000000000000000' }) as SeededIds;
}

/** Pages may answer an error with an HTML page; everything else answers problem+json. */
function isPage(path: string): boolean {
  return !/^\/(v1\/|openapi\.json|healthz|readyz)/.test(path);
}

/** What is wrong with an answer, or undefined: never a 5xx, never a dropped connection, errors as problem+json (pages: or HTML). */
function fault(path: string, response: RawResponse): string | undefined {
  const type = String(response.headers['content-type'] ?? '');
  if (response.status === 0) return 'no answer (connection dropped)';
  if (response.status >= 500) return `${response.status} ${type} ${response.body.toString().slice(0, 200)}`;
  if (
    response.status >= 400 &&
    !type.startsWith('application/problem+json') &&
    !(isPage(path) && type.startsWith('text/html'))
  ) {
    return `${response.status} answered as "${type}": ${response.body.toString().slice(0, 200)}`;
  }
  // A stream that failed midway says so in its last line.
  if (type.startsWith('application/x-ndjson') && response.body.toString().includes('/problems/internal'))
    return `streamed an internal error: ${response.body.toString().slice(-300)}`;
  return undefined;
}

describe('hostile input', () => {
  let server: PortalServer;
  let credentials: Record<CredentialKind, Credential>;
  let ids: SeededIds;

  beforeAll(async () => {
    server = await startPortalServer('sqlite', UNLIMITED);
    ids = await seedMatrixData(server);
    credentials = await credentialsOf(server);
  }, 60_000);
  afterAll(() => server?.close());

  const target = (key: string) => {
    const [method = ''] = key.split(' ');
    const expectation = EXPECTATIONS[key]!;
    const url = key.slice(method.length + 1);
    // The stylesheet's name holds its content hash: the route table has it.
    const path =
      expectation.path?.(ids) ??
      (url.includes('{hash}')
        ? routeTable(server.app).find((r) => r.url.startsWith('/assets/'))!.url
        : url.replaceAll('::', ':'));
    const body = expectation.body?.(ids);
    return {
      method,
      path,
      valid: body && ('json' in body ? body.json : 'ndjson' in body ? JSON.parse(body.ndjson) : undefined),
    };
  };
  const request = (
    kind: CredentialKind,
    method: string,
    path: string,
    contentType: string | undefined,
    body: string | undefined,
  ) => {
    const credential = credentials[kind];
    // A connection of its own: what one hostile request leaves on a socket must not be blamed on the next.
    return send(server.url, {
      fresh: true,
      method,
      path,
      headers: {
        ...credential.headers(),
        ...(contentType ? { 'content-type': contentType } : {}),
        'x-csrf-token': credential.csrfToken,
      },
      ...(body === undefined ? {} : { body }),
    });
  };
  const stillHealthy = async () =>
    expect((await send(server.url, { method: 'GET', path: '/healthz' })).status).toBe(200);
  const credential = fc.constantFrom(...CREDENTIAL_KINDS);

  it('fuzzes every operation of the OpenAPI document and every hidden route of the route table', async () => {
    const openapi = JSON.parse((await send(server.url, { method: 'GET', path: '/openapi.json' })).body.toString()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(openapi.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const routes = routeTable(server.app).flatMap((route) =>
      route.methods.map((method) => `${method} ${route.url.replace(/\(\^[^)]*\)/g, '').replaceAll('::', ':')}`),
    );
    const targets = TARGETS.map((key) => key.replace(/\(\^[^)]*\)/g, '').replaceAll('::', ':'));
    expect(operations.filter((operation) => !targets.includes(operation))).toEqual([]);
    expect(
      routes.filter(
        (route) => !targets.includes(route) && route !== 'POST /signout' && !route.startsWith('GET /assets/'),
      ),
    ).toEqual([]);
  });

  it('answers hostile JSON bodies (huge numbers, odd Unicode, deep nesting, long strings, __proto__) without a 5xx, errors as problems', async () => {
    const faults: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...JSON_WRITES).chain((key) => fc.tuple(fc.constant(key), hostileVariantOf(target(key).valid))),
        credential,
        async ([key, hostile], kind) => {
          const { method, path } = target(key);
          const found = fault(path, await request(kind, method, path, 'application/json', hostile.text));
          if (found) faults.push(`${kind} ${method} ${path} with ${hostile.label}: ${found}`);
        },
      ),
      { ...FUZZ, numRuns: 250 },
    );
    await stillHealthy();
    expect(faults).toEqual([]);
  });

  it('answers wrong content types without a 5xx, errors as problems', async () => {
    const faults: string[] = [];
    const writes = TARGETS.filter((key) => !key.startsWith('GET '));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), wrongContentType, credential, async (key, wrong, kind) => {
        const { method, path, valid } = target(key);
        const found = fault(
          path,
          await request(kind, method, path, wrong.contentType, wrong.body(JSON.stringify(valid ?? {}))),
        );
        if (found) faults.push(`${kind} ${method} ${path} with ${wrong.label}: ${found}`);
      }),
      { ...FUZZ, numRuns: 150 },
    );
    await stillHealthy();
    expect(faults).toEqual([]);
  });

  it('answers encoded, traversing, overlong and malformed paths without a 5xx, errors as problems', async () => {
    const faults: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TARGETS).chain((key) => fc.tuple(fc.constant(key), hostilePathOf(target(key).path))),
        credential,
        async ([key, hostile], kind) => {
          const { method, valid } = target(key);
          const found = fault(
            hostile.path,
            await request(
              kind,
              method,
              hostile.path,
              valid === undefined ? undefined : 'application/json',
              valid === undefined ? undefined : JSON.stringify(valid),
            ),
          );
          if (found) faults.push(`${kind} ${method} ${hostile.path.slice(0, 120)} (${hostile.label}): ${found}`);
        },
      ),
      { ...FUZZ, numRuns: 250 },
    );
    await stillHealthy();
    expect(faults).toEqual([]);
  });

  it('answers garbage headers (huge or newline-bearing request ids, non-ASCII cookies, malformed Authorization) without a 5xx', async () => {
    const faults: string[] = [];
    const reads = TARGETS.filter((key) => key.startsWith('GET '));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...reads), hostileHeader, async (key, header) => {
        const { path } = target(key);
        const response = await sendBytes(
          server.url,
          Buffer.from(`GET ${path} HTTP/1.0\r\nhost: 127.0.0.1\r\n${header.line}\r\n\r\n`, 'latin1'),
        );
        // A header the HTTP parser itself refuses never reaches the application: Node answers a bare 400 and closes.
        const refusedByParser = response.status === 400 && response.headers['content-type'] === undefined;
        const found = refusedByParser ? undefined : fault(path, response);
        if (found) faults.push(`GET ${path} with ${header.label}: ${found}`);
      }),
      { ...FUZZ, numRuns: 80 },
    );
    await stillHealthy();
    expect(faults).toEqual([]);
  });

  describe('in bulk and batch requests, every valid item beside a hostile one is answered and stored', () => {
    let counter = 0;
    const institution = () => credentials['key:institution'];
    const fresh = () => fareEvasion(`FUZZ-${++counter}`);

    it('POST /v1/records', async () => {
      const faults: string[] = [];
      await fc.assert(
        fc.asyncProperty(hostileVariantOf(fareEvasion('X')), async (hostile) => {
          const [before, after] = [fresh(), fresh()];
          const body = `[${JSON.stringify(before)},${hostile.text},${JSON.stringify(after)}]`;
          const response = await send(server.url, {
            method: 'POST',
            path: '/v1/records',
            headers: { ...institution().headers(), 'content-type': 'application/json' },
            body,
          });
          const results =
            response.status === 200
              ? (JSON.parse(response.body.toString()) as { results: { id?: string }[] }).results
              : [];
          const stored = await Promise.all(
            [results[0]?.id, results[2]?.id].map(
              async (id) => id !== undefined && (await server.registry.store.record(id)) !== undefined,
            ),
          );
          if (!stored.every(Boolean))
            faults.push(`${hostile.label}: ${response.status} ${response.body.toString().slice(0, 300)}`);
        }),
        { ...FUZZ, numRuns: 40 },
      );
      expect(faults).toEqual([]);
    });

    it('POST /v1/records:bulk', async () => {
      const faults: string[] = [];
      await fc.assert(
        fc.asyncProperty(hostileVariantOf(fareEvasion('X')), async (hostile) => {
          const [before, after] = [fresh(), fresh()];
          const body = `${JSON.stringify(before)}\n${hostile.text}\n${JSON.stringify(after)}\n`;
          const response = await send(server.url, {
            method: 'POST',
            path: '/v1/records:bulk',
            headers: { ...institution().headers(), 'content-type': 'application/x-ndjson' },
            body,
          });
          const lines = response.body
            .toString()
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as { line?: number; id?: string });
          const ids = [1, 3].map((n) => lines.find((l) => l.line === n)?.id);
          const stored = await Promise.all(
            ids.map(async (id) => id !== undefined && (await server.registry.store.record(id)) !== undefined),
          );
          if (!stored.every(Boolean))
            faults.push(`${hostile.label}: ${response.status} ${response.body.toString().slice(0, 300)}`);
        }),
        { ...FUZZ, numRuns: 40 },
      );
      expect(faults).toEqual([]);
    });

    it('POST /v1/checks:batch', async () => {
      const faults: string[] = [];
      const check = {
        subject: { scheme: 'CN-RIC', value: '110101199003074477' },
        action: 'air.ticket.any',
        purpose: 'ticket_sale',
        reference: 'PNR-F',
      };
      await fc.assert(
        fc.asyncProperty(hostileVariantOf(check), async (hostile) => {
          const body = `${JSON.stringify(check)}\n${hostile.text}\n${JSON.stringify(check)}\n`;
          const response = await send(server.url, {
            method: 'POST',
            path: '/v1/checks:batch',
            headers: { ...credentials['key:relying_party'].headers(), 'content-type': 'application/x-ndjson' },
            body,
          });
          const lines = response.body
            .toString()
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as { line?: number; checkId?: string });
          const answered = [1, 3].every((n) => lines.find((l) => l.line === n)?.checkId !== undefined);
          if (response.status !== 200 || !answered)
            faults.push(`${hostile.label}: ${response.status} ${response.body.toString().slice(0, 300)}`);
        }),
        { ...FUZZ, numRuns: 40 },
      );
      expect(faults).toEqual([]);
    });
  });
});
