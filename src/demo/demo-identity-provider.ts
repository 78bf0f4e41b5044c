import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { html } from 'hono/html';
import Provider, { type Configuration } from 'oidc-provider';
import type { OidcConfig } from '../config.js';

/** A person who can sign in at the demo provider, with the claims the eID service would assert. */
export interface DemoUser {
  readonly accountId: string;
  readonly name: string;
  /** Why this user is interesting (shown on the provider's sign-in page). */
  readonly description: string;
  readonly claims: Readonly<Record<string, string | readonly string[]>>;
}

export interface DemoIdentityProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (`oidc-provider`) in this process, standing in for the
 * jurisdiction's eID service in the demo and the tests. Its sign-in page lists the demo
 * users; choosing one signs in as them (there are no passwords: this is a demo). The
 * portal talks to it exactly as to a production provider: discovery, code + PKCE, UserInfo.
 */
export async function startDemoIdentityProvider(options: {
  readonly users: readonly DemoUser[];
  readonly redirectUri: string;
  readonly host?: string;
  readonly port?: number;
}): Promise<DemoIdentityProvider> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${options.host ?? '127.0.0.1'}:${port}`;
  const clientId = 'probity-portal';
  const clientSecret = randomBytes(24).toString('base64url');
  const users = new Map(options.users.map((user) => [user.accountId, user]));
  const provider = new Provider(
    issuer,
    configuration({ users, clientId, clientSecret, redirectUri: options.redirectUri }),
  );
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!match) return callback(req, res);
    const handle = match[2] ? signIn(provider, req, res, users) : signInPage(provider, req, res, options.users);
    handle.catch((error: unknown) => {
      res.statusCode = 400;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(`sign-in failed: ${(error as Error).message}`);
    });
  });
  return { issuer, clientId, clientSecret, close: () => closeServer(server) };
}

/** How the portal reads this provider's claims (the defaults of the PROBITY_OIDC_* settings). */
export function demoOidcConfig(provider: DemoIdentityProvider): OidcConfig {
  return {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    identifierClaims: [
      { claim: 'national_id', scheme: 'CN-RIC' },
      { claim: 'uscc', scheme: 'CN-USCC' },
    ],
    rolesClaim: 'roles',
    institutionClaim: 'institution',
  };
}

function configuration(options: {
  users: Map<string, DemoUser>;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}): Configuration {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'demo', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      profile: ['name'],
      email: ['email', 'email_verified'],
      probity: ['national_id', 'uscc', 'roles', 'institution'],
    },
    scopes: ['openid', 'profile', 'email', 'probity'],
    pkce: { required: () => true },
    // Short lives: this provider only stands in for the eID service while the demo runs.
    ttl: { AccessToken: 3_600, AuthorizationCode: 60, IdToken: 3_600, Interaction: 600, Session: 3_600, Grant: 3_600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => {
      const user = options.users.get(id);
      return user && { accountId: id, claims: () => ({ sub: id, name: user.name, ...user.claims }) };
    },
  };
}

async function signInPage(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  users: readonly DemoUser[],
): Promise<void> {
  const { uid } = await provider.interactionDetails(req, res);
  const page = await html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Demo eID sign-in</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem}button{font:inherit;padding:.5rem 1rem;margin:.25rem 0;width:100%;text-align:left;cursor:pointer}small{display:block;color:#444}</style>
</head><body><main>
<h1>Demo eID service</h1>
<p>This stands in for the national identity provider. Choose who to sign in as.</p>
${users.map((user) => html`<form method="post" action="/interaction/${uid}/login"><input type="hidden" name="account" value="${user.accountId}"><button type="submit">${user.name}<small>${user.description}</small></button></form>`)}
</main></body></html>`;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.end(page.toString());
}

async function signIn(
  provider: Provider,
  req: IncomingMessage,
  res: ServerResponse,
  users: Map<string, DemoUser>,
): Promise<void> {
  const body = new URLSearchParams(await readBody(req));
  const accountId = body.get('account') ?? '';
  if (!users.has(accountId)) throw new Error('no such demo user');
  const details = await provider.interactionDetails(req, res);
  const grant = new provider.Grant({ accountId, clientId: String(details.params['client_id']) });
  grant.addOIDCScope(String(details.params['scope']));
  const grantId = await grant.save();
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
    if (text.length > 10_000) throw new Error('body too large');
  }
  return text;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
