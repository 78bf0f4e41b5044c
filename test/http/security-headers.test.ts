import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeTable } from '../../src/http/route-table.js';
import { buildServer } from '../../src/http/server.js';
import { openRegistry } from '../../src/registry.js';
import { DEMO_PACK } from '../support/pack-fixture.js';
import { startPortalServer, type PortalClient, type PortalServer } from '../support/portal-fixture.js';
import { freshStoreUrl } from '../support/stores.js';
import { TEST_LOG_KEY } from '../support/test-server.js';

function expectPageHeaders(headers: Headers, where: string): void {
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp, where).toContain("default-src 'none'");
  expect(csp, where).toContain("frame-ancestors 'none'");
  expect(csp, where).toContain("style-src 'self'");
  expect(csp, where).not.toMatch(/script-src|unsafe-inline/);
  expect(headers.get('x-content-type-options'), where).toBe('nosniff');
  expect(headers.get('referrer-policy'), where).toBe('no-referrer');
  expect(headers.get('x-frame-options'), where).toBe('DENY');
}

describe('security headers', () => {
  let server: PortalServer;
  let mother: PortalClient;
  let reviewer: PortalClient;

  beforeAll(async () => {
    server = await startPortalServer('sqlite');
    mother = await server.signIn('mother');
    reviewer = await server.signIn('reviewer');
  });
  afterAll(() => server.close());

  it('are on every HTML page, signed in or not, with no inline script or style allowed', async () => {
    const pages = routeTable(server.app)
      .filter(
        (route) =>
          route.methods.includes('GET') &&
          !route.url.startsWith('/v1/') &&
          !route.url.startsWith('/docs') &&
          route.url !== '/openapi.json',
      )
      .map((route) => route.url.replace(/:[A-Za-z]+(\([^)]*\))?/g, 'X1'));
    let html = 0;
    for (const path of pages) {
      for (const client of [server.anonymous(), mother, reviewer]) {
        const response = await client.get(path);
        const body = await response.text();
        expectPageHeaders(response.headers, `${path}: ${response.status}`);
        if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
          html++;
          expect(body, path).not.toMatch(/<script|<style|\sstyle=/i);
        }
      }
    }
    expect(html).toBeGreaterThan(20);
  });

  it('serve the portal stylesheet from this origin, cacheable for a year, with its quotes intact', async () => {
    const page = await (await server.anonymous().get('/rulebooks')).text();
    const href = /<link rel="stylesheet" href="([^"]+)">/.exec(page)![1]!;
    const sheet = await server.anonymous().get(href);
    expect(sheet.headers.get('content-type')).toMatch(/^text\/css/);
    expect(sheet.headers.get('cache-control')).toContain('immutable');
    expect(await sheet.text()).toContain('"Noto Sans SC"');
  });

  it('are on API answers and errors too', async () => {
    const response = await server.anonymous().get('/v1/me');
    expect(response.status).toBe(401);
    expectPageHeaders(response.headers, '/v1/me');
  });

  it('give Swagger UI a policy of its own that lets no other origin in', async () => {
    const response = await server.anonymous().get('/docs/static/index.html');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https:|upgrade-insecure-requests/);
  });

  it('add HSTS only when the deployment is reached over https', async () => {
    expect((await server.anonymous().get('/rulebooks')).headers.get('strict-transport-security')).toBeNull();
    const registry = await openRegistry({ db: await freshStoreUrl('sqlite'), pack: DEMO_PACK, signer: TEST_LOG_KEY });
    const app = await buildServer(registry, { logLevel: 'silent', portal: { publicUrl: 'https://registry.example' } });
    try {
      const response = await app.inject({ method: 'GET', url: '/rulebooks' });
      expect(response.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await app.close();
      await registry.close();
    }
  });
});

describe('problem type pages', () => {
  let server: PortalServer;
  beforeAll(async () => {
    server = await startPortalServer('sqlite');
  });
  afterAll(() => server.close());

  it('answer the type URI of an error with what docs/errors.md says it means', async () => {
    const answer = await server.anonymous().get('/v1/me');
    const { type } = (await answer.json()) as { type: string };
    const page = await server.anonymous().get(type);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain('Missing or invalid credentials');
    expect(text).toContain('401');
    expect(text).toContain('<code>Authorization: Bearer &lt;key&gt;</code>');
  });

  it('answer 404 for a code that does not exist', async () => {
    expect((await server.anonymous().get('/problems/no_such_code')).status).toBe(404);
    expect((await server.anonymous().get('/problems/constructor')).status).toBe(404);
  });
});
