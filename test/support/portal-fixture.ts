import type { FastifyInstance } from 'fastify';
import { generateKeyPairSync } from 'node:crypto';
import { CookieJar } from 'tough-cookie';
import * as oidc from 'openid-client';
import { freePort } from '../../src/cli/free-port.js';
import {
  demoOidcConfig,
  startDemoIdentityProvider,
  type DemoIdentityProvider,
  type DemoUser,
} from '../../src/demo/demo-identity-provider.js';
import type { RateLimit } from '../../src/http/rate-limit.js';
import { buildServer, type ServerOptions } from '../../src/http/server.js';
import { openRegistry, type Registry } from '../../src/registry.js';
import type { Clock } from '../../src/services/clock.js';
import type { MailTransport } from '../../src/services/notifier.js';
import { DEMO_PACK } from './pack-fixture.js';
import { freshStoreUrl, type StoreKind } from './stores.js';
import { TEST_LOG_KEY } from './test-server.js';

/** The key test servers sign attestations with. */
export const TEST_ATTESTATION_KEY = generateKeyPairSync('ed25519').privateKey;

/** People who can sign in at the test provider. */
export const PORTAL_USERS = {
  mother: {
    accountId: 'mother',
    name: '王芳',
    description: 'a citizen',
    claims: { national_id: '110101199003074477', email: 'wang.fang@example.com', email_verified: 'true' },
  },
  debtor: {
    accountId: 'debtor',
    name: '张三',
    description: 'a judgment debtor',
    claims: { national_id: '11010519491231002X' },
  },
  stranger: {
    accountId: 'stranger',
    name: '李四',
    description: 'nobody has submitted anything about him',
    claims: { national_id: '110101199003070038' },
  },
  representative: {
    accountId: 'representative',
    name: '赵六',
    description: 'legal representative of a company',
    claims: { national_id: '360426199101010071', uscc: '91350100M000100Y43' },
  },
  reviewer: { accountId: 'reviewer', name: 'Reviewer', description: 'staff', claims: { roles: ['reviewer'] } },
  /** A reviewer who works at the transport commission: may not decide disputes about its records. */
  transportReviewer: {
    accountId: 'transport-reviewer',
    name: 'Reviewer Wu',
    description: 'staff at sh-transport',
    claims: { roles: ['reviewer'], institution: 'sh-transport' },
  },
  /** A court's reviewer whose provider sends the code in capitals (issue 14, defect 7): still the court's staff. */
  shoutingCourtReviewer: {
    accountId: 'shouting-court-reviewer',
    name: 'Reviewer Chen',
    description: 'staff at sh-pudong-court, claim in capitals',
    claims: { roles: ['reviewer'], institution: 'SH-PUDONG-COURT' },
  },
  /** A reviewer whose institution claim names no institution of the pack: may sign in, not review. */
  strayReviewer: {
    accountId: 'stray-reviewer',
    name: 'Reviewer Zhou',
    description: 'staff at an institution the pack does not know',
    claims: { roles: ['reviewer'], institution: 'sh-pudong-courts' },
  },
  /** A reviewer who is also a subject: may not decide their own disputes. */
  reviewingMother: {
    accountId: 'reviewing-mother',
    name: 'Reviewer Wang',
    description: 'staff who is also a subject',
    claims: { roles: ['reviewer'], national_id: '110101199003074477' },
  },
  auditor: { accountId: 'auditor', name: 'Auditor', description: 'staff', claims: { roles: ['auditor'] } },
  admin: { accountId: 'admin', name: 'Admin', description: 'staff', claims: { roles: ['admin'] } },
} as const satisfies Record<string, DemoUser>;

export interface PortalServer {
  readonly url: string;
  /** The server itself, for `inject` and its route table. */
  readonly app: FastifyInstance;
  readonly registry: Registry;
  readonly provider: DemoIdentityProvider;
  /** A browser-like client (cookie jar, manual redirects) signed in as the user. */
  signIn(user: keyof typeof PORTAL_USERS): Promise<PortalClient>;
  /** A client with no session. */
  anonymous(): PortalClient;
  /** An access token from the provider for the user, as an app gets one (authorization code with PKCE). */
  accessToken(user: keyof typeof PORTAL_USERS): Promise<string>;
  close(): Promise<void>;
}

/** The HTTP server on a real port with the portal signing in at an in-process OpenID provider. */
export async function startPortalServer(
  kind: StoreKind,
  options: {
    clock?: Clock;
    publicRateLimit?: RateLimit;
    authFailureLimit?: ServerOptions['authFailureLimit'];
    mail?: MailTransport;
  } = {},
): Promise<PortalServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const provider = await startDemoIdentityProvider({
    users: Object.values(PORTAL_USERS),
    redirectUri: `${url}/signin/callback`,
  });
  const oidc = demoOidcConfig(provider);
  const registry = await openRegistry({
    db: await freshStoreUrl(kind),
    pack: DEMO_PACK,
    signer: TEST_LOG_KEY,
    publicUrl: url,
    attestationKey: TEST_ATTESTATION_KEY,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.mail ? { mail: options.mail } : {}),
  });
  const app = await buildServer(registry, {
    logLevel: 'silent',
    portal: { publicUrl: url, oidc },
    ...(options.publicRateLimit ? { publicRateLimit: options.publicRateLimit } : {}),
    ...(options.authFailureLimit ? { authFailureLimit: options.authFailureLimit } : {}),
  });
  await app.listen({ host: '127.0.0.1', port });
  await registry.screeningIndex.whenReady();
  return {
    url,
    app,
    registry,
    provider,
    anonymous: () => new PortalClient(url),
    accessToken: (user) => appAccessToken(url, provider, PORTAL_USERS[user].accountId),
    async signIn(user) {
      const client = new PortalClient(url);
      await client.signIn(PORTAL_USERS[user].accountId);
      return client;
    },
    async close() {
      await app.close();
      await registry.close();
      await provider.close();
    },
  };
}

async function appAccessToken(url: string, provider: DemoIdentityProvider, accountId: string): Promise<string> {
  const configuration = await oidc.discovery(
    new URL(provider.issuer),
    provider.clientId,
    provider.clientSecret,
    undefined,
    { execute: [oidc.allowInsecureRequests] },
  );
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const authorize = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: `${url}/signin/callback`,
    scope: 'openid profile probity',
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  const app = new PortalClient(url);
  const atProvider = await app.follow(await app.request(authorize.href, { method: 'GET' }), authorize.href);
  const action = /action="([^"]+)"/.exec(await atProvider.response.text())![1]!;
  let response = await app.request(new URL(action, atProvider.href).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `account=${encodeURIComponent(accountId)}`,
  });
  let href = new URL(action, atProvider.href).href;
  // Follow the provider's redirects up to (not into) the redirect URI: the app takes the code there.
  while (!response.headers.get('location')!.startsWith(`${url}/signin/callback`)) {
    href = new URL(response.headers.get('location')!, href).href;
    response = await app.request(href, { method: 'GET' });
  }
  const tokens = await oidc.authorizationCodeGrant(configuration, new URL(response.headers.get('location')!), {
    pkceCodeVerifier: verifier,
    expectedState: state,
  });
  return tokens.access_token;
}

/** What a browser does, without the browser: keeps cookies per site and follows redirects itself. */
export class PortalClient {
  readonly jar = new CookieJar();

  constructor(readonly url: string) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.request(new URL(path, this.url).href, { method: 'GET', headers });
  }

  async postForm(path: string, form: Record<string, string>): Promise<Response> {
    return this.request(new URL(path, this.url).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** A form with files, as a browser sends it (multipart/form-data). */
  async postMultipart(path: string, form: FormData): Promise<Response> {
    return this.request(new URL(path, this.url).href, { method: 'POST', body: form });
  }

  /** One request with this client's cookies; cookies it sets are kept; redirects are not followed. */
  async request(
    href: string,
    init: { method: string; headers?: Record<string, string>; body?: string | FormData },
  ): Promise<Response> {
    const cookie = await this.jar.getCookieString(href);
    const response = await fetch(href, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, ...(cookie ? { cookie } : {}) },
    });
    for (const header of response.headers.getSetCookie()) await this.jar.setCookie(header, href);
    return response;
  }

  /** Follows redirects from a response until a non-redirect; returns the final response and its URL. */
  async follow(response: Response, href: string): Promise<{ response: Response; href: string }> {
    while (response.status >= 300 && response.status < 400) {
      href = new URL(response.headers.get('location')!, href).href;
      await response.arrayBuffer();
      response = await this.request(href, { method: 'GET' });
    }
    return { response, href };
  }

  /** The whole sign-in: to the provider, choose the user on its page, back to the portal with a session. */
  async signIn(accountId: string, returnTo?: string): Promise<Response> {
    const start = `${this.url}/signin${returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`}`;
    const atProvider = await this.follow(await this.request(start, { method: 'GET' }), start);
    const page = await atProvider.response.text();
    const action = /<form method="post" action="([^"]+)">/.exec(page)?.[1];
    if (!action) throw new Error(`no sign-in form at the provider: ${page.slice(0, 200)}`);
    const login = new URL(action, atProvider.href).href;
    const posted = await this.request(login, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ account: accountId }).toString(),
    });
    const done = await this.follow(posted, login);
    return done.response;
  }

  /** The CSRF token of the sign-out form on a portal page. */
  async csrfToken(): Promise<string> {
    const page = await (await this.get('/me')).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    if (!token) throw new Error('no CSRF token on the page');
    return token;
  }
}

/** Submits records through the API as an institution would; resolves with the id of each, in order. */
export async function submitRecords(
  server: PortalServer,
  institution: string,
  records: readonly Record<string, unknown>[],
): Promise<string[]> {
  const { secret } = await server.registry.apiKeys.issue('institution', institution);
  const response = await fetch(`${server.url}/v1/records`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
    body: JSON.stringify(records),
  });
  const { results } = (await response.json()) as { results: { id: string }[] };
  return results.map((result) => result.id);
}

/** A fare-evasion penalty about the demo's mother (sh-transport submits it): a record to dispute. */
export const MOTHERS_FARE_EVASION = {
  type: 'transport.fare_evasion',
  sourceRef: 'F-1',
  subject: { scheme: 'CN-RIC', value: PORTAL_USERS.mother.claims.national_id, name: '王芳' },
  effectiveAt: '2026-01-10T08:00:00.000Z',
  payload: { decisionReference: '沪交执F-1', station: '人民广场', fareAmount: 4 },
} as const;
