import * as oidc from 'openid-client';
import type { OidcConfig } from '../config.js';
import { ProbityError } from '../errors.js';

/** What the browser carries between leaving for the provider and coming back (in a signed cookie). */
export interface SignInAttempt {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** A path on this site to return to after signing in. */
  readonly returnTo: string;
}

const SCOPE = 'openid profile email probity';

/**
 * The portal's side of OpenID Connect: authorization code flow with PKCE (S256), state
 * and nonce, then the UserInfo claims. The provider's metadata is discovered on first use,
 * so the API starts even while the provider is down.
 */
export class OidcSignIn {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    private readonly config: OidcConfig,
    private readonly redirectUri: string,
  ) {}

  /** Where to send the browser, and what it must bring back. */
  async start(returnTo: string): Promise<{ url: string; attempt: SignInAttempt }> {
    const configuration = await this.discover();
    const attempt: SignInAttempt = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      returnTo: safeReturnPath(returnTo),
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: SCOPE,
      state: attempt.state,
      nonce: attempt.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(attempt.codeVerifier),
      code_challenge_method: 'S256',
      // Always ask the provider to authenticate: after signing out here, the next person at this
      // browser is not signed in as the last.
      prompt: 'login',
    });
    return { url: url.href, attempt };
  }

  /** Exchanges the code the provider sent back; the claims of the ID token and UserInfo together. */
  async finish(callbackUrl: URL, attempt: SignInAttempt): Promise<Record<string, unknown>> {
    const configuration = await this.discover();
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new ProbityError('sign_in_failed', 'the identity provider sent no ID token');
      const userInfo = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      return { ...idClaims, ...userInfo };
    } catch (error) {
      if (error instanceof ProbityError) throw error;
      throw new ProbityError('sign_in_failed', `signing in failed: ${(error as Error).message}`);
    }
  }

  /** The claims behind an access token the provider issued (an app calling /v1/me with a bearer token). */
  async claimsOfAccessToken(accessToken: string): Promise<Record<string, unknown> | undefined> {
    const configuration = await this.discover();
    try {
      return { ...(await oidc.fetchUserInfo(configuration, accessToken, oidc.skipSubjectCheck)) };
    } catch {
      return undefined;
    }
  }

  private discover(): Promise<oidc.Configuration> {
    this.configuration ??= (async () => {
      const issuer = new URL(this.config.issuer);
      // Plain HTTP only for a provider on this machine (the demo's and the tests').
      const local = issuer.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname);
      return oidc.discovery(
        issuer,
        this.config.clientId,
        this.config.clientSecret,
        undefined,
        local ? { execute: [oidc.allowInsecureRequests] } : {},
      );
    })().catch((error: unknown) => {
      this.configuration = undefined;
      throw new ProbityError(
        'sign_in_unavailable',
        `the identity provider cannot be reached: ${(error as Error).message}`,
      );
    });
    return this.configuration;
  }
}

const RETURN_BASE = new URL('http://return.invalid/');

/**
 * Only a path on this site: an absolute or protocol-relative URL (`//x`, `/\\x`, which URL
 * parsers take for another host) would make the sign-in an open redirect. The path comes
 * back as the URL parser writes it, percent-encoded ASCII, so non-ASCII or control
 * characters can never reach the Location header.
 */
export function safeReturnPath(path: unknown): string {
  if (typeof path !== 'string' || !path.startsWith('/')) return '/me';
  try {
    const url = new URL(path, RETURN_BASE);
    return url.origin === RETURN_BASE.origin ? url.pathname + url.search : '/me';
  } catch {
    return '/me';
  }
}
