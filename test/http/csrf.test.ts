import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../src/http/route-table.js';
import { PortalClient, startPortalServer, type PortalServer } from '../support/portal-fixture.js';

/** A concrete path for a route pattern: every parameter filled with a plain id. */
function concretePath(pattern: string): string {
  return pattern.replace(/:[A-Za-z]+(\([^)]*\))?/g, 'X1').replace(/\*$/, 'x');
}

/** The ways a router may decode a path back into the route's URL: each letter of the first segment percent-encoded in turn, upper and lower case. */
function encodedVariants(path: string): string[] {
  const variants = new Set<string>();
  const segment = /^\/([^/:]+)/.exec(path)?.[1] ?? '';
  for (let i = 0; i < segment.length; i++) {
    const hex = segment.charCodeAt(i).toString(16);
    for (const escaped of [`%${hex.toUpperCase()}`, `%${hex.toLowerCase()}`]) {
      variants.add(`/${segment.slice(0, i)}${escaped}${segment.slice(i + 1)}${path.slice(segment.length + 1)}`);
    }
  }
  const last = path.lastIndexOf('/');
  const tail = path.slice(last + 1);
  const letter = tail.search(/[a-z]/);
  if (letter >= 0)
    variants.add(
      `${path.slice(0, last + 1)}${tail.slice(0, letter)}%${tail.charCodeAt(letter).toString(16)}${tail.slice(letter + 1)}`,
    );
  return [...variants];
}

/** A browser's cookies for a request, without any CSRF token: what a page on another site can make it send. */
async function cookieOnly(client: PortalClient, href: string): Promise<string> {
  return client.jar.getCookieString(href);
}

describe('cross-site request forgery', () => {
  let server: PortalServer;
  let mother: PortalClient;

  beforeAll(async () => {
    server = await startPortalServer('sqlite');
    mother = await server.signIn('mother');
  });
  afterAll(() => server.close());

  const writeRoutes = () =>
    routeTable(server.app).flatMap((route) =>
      route.methods
        .filter((method) => !['GET', 'OPTIONS'].includes(method))
        .map((method) => ({ method, path: concretePath(route.url) })),
    );

  it('has state-changing routes to test', () => {
    expect(writeRoutes().length).toBeGreaterThan(15);
  });

  it('refuses a form carried by the session cookie alone on every state-changing route, however its path is encoded', async () => {
    const accepted: string[] = [];
    for (const { method, path } of writeRoutes()) {
      for (const variant of [path, ...encodedVariants(path)]) {
        const href = `${server.url}${variant}`;
        for (const [type, body] of [
          ['application/x-www-form-urlencoded', 'disclosure=full&grounds=inaccurate'],
          ['text/plain', '{"disclosure":"full"}'],
        ] as const) {
          const response = await fetch(href, {
            method,
            redirect: 'manual',
            headers: { cookie: await cookieOnly(mother, href), 'content-type': type },
            body,
          });
          const answer = await response.text();
          const refusedForCsrf = response.status === 403 && answer.includes('/problems/csrf_token_invalid');
          // A variant the router does not decode matches no route; a body type no route parses is refused before any handler.
          if (!refusedForCsrf && response.status !== 404 && response.status !== 415)
            accepted.push(`${method} ${variant} (${type}): ${response.status}`);
        }
      }
    }
    expect(accepted).toEqual([]);
  });

  it('refuses the reported bypass: a form post to /%761/me/attestations', async () => {
    const href = `${server.url}/%761/me/attestations`;
    const response = await fetch(href, {
      method: 'POST',
      headers: { cookie: await cookieOnly(mother, href), 'content-type': 'application/x-www-form-urlencoded' },
      body: 'disclosure=full',
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { type: string }).type).toBe('/problems/csrf_token_invalid');
  });

  describe('the form token', () => {
    it('is bound to the session: a valid token and secret of another session do not verify', async () => {
      const attacker = await server.signIn('debtor');
      const token = await attacker.csrfToken();
      const attackerSecret = (await attacker.jar.getCookies(server.url)).find((cookie) => cookie.key === '_csrf')!;
      const victimSession = (await mother.jar.getCookies(server.url)).find(
        (cookie) => cookie.key === 'probity_session',
      )!;
      const forged = await fetch(`${server.url}/signout`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          cookie: `${victimSession.cookieString()}; ${attackerSecret.cookieString()}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ _csrf: token }).toString(),
      });
      expect(forged.status).toBe(403);
      expect((await mother.get('/v1/me')).status).toBe(200);
    });

    it('is renewed at sign-in: a token from before signing in does not verify after', async () => {
      const client = server.anonymous();
      const page = await (await client.get('/verify')).text();
      const before = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
      const secretBefore = (await client.jar.getCookies(server.url)).find((cookie) => cookie.key === '_csrf')!.value;
      await client.signIn('mother');
      const refused = await client.postForm('/signout', { _csrf: before });
      expect(refused.status).toBe(403);
      const after = await client.csrfToken();
      const secretAfter = (await client.jar.getCookies(server.url)).find((cookie) => cookie.key === '_csrf')!.value;
      expect(secretAfter).not.toBe(secretBefore);
      expect((await client.postForm('/signout', { _csrf: after })).status).toBe(303);
    });
  });
});
