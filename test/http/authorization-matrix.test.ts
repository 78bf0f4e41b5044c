import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../src/http/route-table.js';
import { CREDENTIAL_KINDS, credentialsOf, type Credential, type CredentialKind } from '../support/credential-kinds.js';
import { PORTAL_USERS, startPortalServer, type PortalServer } from '../support/portal-fixture.js';
import { send, type RawResponse } from '../support/raw-http.js';
import { asForeignForm, encodeBody, type RequestBody } from '../support/request-body.js';
import { EXPECTATIONS, routeKey, type Outcome } from './authorization-expectations.js';
import { seedMatrixData, type SeededIds } from './authorization-seed.js';

/** No limit gets in the way: the matrix makes hundreds of requests, many of them refused. */
const UNLIMITED = {
  publicRateLimit: { max: 1_000_000, timeWindow: 60_000 },
  authFailureLimit: { maxFailures: 1_000_000, windowMs: 60_000 },
};
/** Signing out ends the session the rest of the matrix uses: it goes last. */
const ROUTES = Object.keys(EXPECTATIONS).sort((a, b) => Number(a === 'POST /signout') - Number(b === 'POST /signout'));
const WRITES = ROUTES.filter((key) => !key.startsWith('GET '));
const SESSIONS = CREDENTIAL_KINDS.filter((kind) => kind.startsWith('session:'));

/** What the first citizen is known by: none of it may reach the second citizen from a route that is not public. */
const FIRST_CITIZEN = [PORTAL_USERS.mother.claims.national_id, PORTAL_USERS.mother.name, 'M-MAIN'];

function outcomeOf(response: RawResponse): Outcome | number {
  const location = String(response.headers.location ?? '');
  if (response.status >= 300 && response.status < 400 && location.startsWith('/signin')) return 'signin';
  if (response.status >= 200 && response.status < 400) return 'ok';
  return response.status;
}

/**
 * Path variants a router may decode to the same route: one letter of the first or the last
 * segment percent-encoded (upper and lower case hex). Each must meet the same CSRF rule.
 */
function encodedVariants(path: string): string[] {
  const [pathname = '', query] = path.split('?');
  const segments = pathname.split('/');
  const variants: string[] = [];
  for (const index of new Set([1, segments.length - 1])) {
    const segment = segments[index]!;
    const at = segment.search(/[a-z]/i);
    if (at < 0) continue;
    const hex = segment.charCodeAt(at).toString(16);
    for (const code of [hex.toUpperCase(), hex.toLowerCase()]) {
      const changed = [...segments];
      changed[index] = `${segment.slice(0, at)}%${code}${segment.slice(at + 1)}`;
      variants.push(changed.join('/') + (query === undefined ? '' : `?${query}`));
    }
  }
  return [...new Set(variants)];
}

// Who may do what is decided in the HTTP layer, the same on every store (the contract suite
// runs the stores): one SQLite server keeps the matrix fast.
describe('the authorisation matrix', () => {
  let server: PortalServer;
  let credentials: Record<CredentialKind, Credential>;
  let ids: SeededIds;
  let routes: readonly { readonly method: string; readonly url: string }[];

  beforeAll(async () => {
    server = await startPortalServer('sqlite', UNLIMITED);
    ids = await seedMatrixData(server);
    credentials = await credentialsOf(server);
    routes = routeTable(server.app).flatMap((route) => route.methods.map((method) => ({ method, url: route.url })));
  }, 60_000);
  afterAll(() => server?.close());

  const pathOf = (key: string) => {
    const expectation = EXPECTATIONS[key]!;
    if (expectation.path) return expectation.path(ids);
    const route = routes.find((r) => routeKey(r) === key);
    if (!route) throw new Error(`no route ${key} on the server`);
    // A registered `::` is a literal colon (Fastify's escape).
    return route.url.replaceAll('::', ':');
  };
  const request = async (
    credential: Credential,
    method: string,
    path: string,
    body: RequestBody | undefined,
    csrfToken?: string,
  ) => {
    const encoded = body && (await encodeBody(body, csrfToken));
    return send(server.url, {
      method,
      path,
      headers: { ...credential.headers(), ...(encoded ? { 'content-type': encoded.contentType } : {}) },
      ...(encoded ? { body: encoded.bytes } : {}),
    });
  };

  it('has one entry for every route of the server, and none for a route the server no longer has', () => {
    const served = routes.map(routeKey).sort();
    expect([...new Set(served)]).toEqual(served);
    const missing = served.filter((key) => !(key in EXPECTATIONS));
    const gone = Object.keys(EXPECTATIONS).filter((key) => !served.includes(key));
    expect({ missing, gone }).toEqual({ missing: [], gone: [] });
  });

  describe('a write carried by a session cookie alone, form-encoded without a CSRF token, is refused', () => {
    // Before the matrix: a write that got through here would change what the matrix finds.
    it.each(WRITES)('%s, also under percent-encoded variants of its path', async (key) => {
      const [method = ''] = key.split(' ');
      const path = pathOf(key);
      const foreign = asForeignForm(EXPECTATIONS[key]!.body?.(ids) ?? { form: {} });
      const answers: Record<string, string> = {};
      for (const kind of SESSIONS) {
        for (const variant of [path, ...encodedVariants(path)]) {
          const response = await request(credentials[kind], method, variant, foreign);
          const type = String(JSON.parse(response.body.toString() || '{}').type ?? '');
          // The route itself refuses (403), or a variant names no route (404); never anything that acts.
          const refused =
            (response.status === 403 && type === '/problems/csrf_token_invalid') ||
            (variant !== path && response.status === 404);
          if (!refused) answers[`${kind} ${variant}`] = `${response.status} ${type}`;
        }
      }
      expect(answers).toEqual({});
    });
  });

  it.each(ROUTES)('%s', async (key) => {
    const { expect: expected, body } = EXPECTATIONS[key]!;
    const [method = ''] = key.split(' ');
    const path = pathOf(key);
    const actual: Partial<Record<CredentialKind, Outcome | number>> = {};
    const leaks: string[] = [];
    for (const kind of CREDENTIAL_KINDS) {
      const credential = credentials[kind];
      const response = await request(credential, method, path, body?.(ids), credential.csrfToken);
      actual[kind] = outcomeOf(response);
      if (kind === 'session:second-citizen' && expected.none !== 'ok') {
        // A problem's `instance` repeats the path, which holds the first citizen's ids by design.
        const text = response.body.toString().replaceAll(path, '');
        leaks.push(...FIRST_CITIZEN.filter((known) => text.includes(known)));
      }
    }
    expect(actual).toEqual(expected);
    expect(leaks, "the first citizen's data in an answer to the second").toEqual([]);
  });
});
