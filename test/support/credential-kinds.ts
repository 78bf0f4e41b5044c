import type { ApiKeyRole } from '../../src/store/store.js';
import { PortalClient, type PORTAL_USERS, type PortalServer } from './portal-fixture.js';

/**
 * Every kind of caller the server knows: nobody, an API key of each role (and a second
 * institution, which owns none of the seeded records), and portal sessions of two citizens
 * and of each staff role.
 */
export const CREDENTIAL_KINDS = [
  'none',
  'key:institution',
  'key:other-institution',
  'key:relying_party',
  'key:auditor',
  'key:reviewer',
  'key:admin',
  'session:citizen',
  'session:second-citizen',
  'session:reviewer',
  'session:auditor',
  'session:admin',
] as const;
export type CredentialKind = (typeof CREDENTIAL_KINDS)[number];

/** The institution that submits the seeded records, and one that does not. */
export const OWNING_INSTITUTION = 'sh-transport';
export const OTHER_INSTITUTION = 'sh-tax';

const KEYS: Partial<Record<CredentialKind, [ApiKeyRole, string]>> = {
  'key:institution': ['institution', OWNING_INSTITUTION],
  'key:other-institution': ['institution', OTHER_INSTITUTION],
  'key:relying_party': ['relying_party', 'air-china'],
  'key:auditor': ['auditor', 'matrix-auditor'],
  'key:reviewer': ['reviewer', 'matrix-reviewer'],
  'key:admin': ['admin', 'matrix-admin'],
};

const SESSIONS: Partial<Record<CredentialKind, keyof typeof PORTAL_USERS>> = {
  'session:citizen': 'mother',
  'session:second-citizen': 'debtor',
  'session:reviewer': 'reviewer',
  'session:auditor': 'auditor',
  'session:admin': 'admin',
};

/** One caller: its cookies (a session, the CSRF secret), its bearer key, and a form token that verifies with its cookies. */
export class Credential {
  constructor(
    readonly kind: CredentialKind,
    readonly client: PortalClient,
    readonly authorization: string | undefined,
    readonly csrfToken: string,
  ) {}

  get isSession(): boolean {
    return this.kind.startsWith('session:');
  }

  /** The headers that carry this credential (cookies and the bearer key). */
  headers(): Record<string, string> {
    const cookie = this.client.jar.getCookieStringSync(this.client.url);
    return { ...(cookie ? { cookie } : {}), ...(this.authorization ? { authorization: this.authorization } : {}) };
  }
}

/** A credential of every kind on the server: keys issued, people signed in at the provider. */
export async function credentialsOf(server: PortalServer): Promise<Record<CredentialKind, Credential>> {
  const made = await Promise.all(
    CREDENTIAL_KINDS.map(async (kind) => {
      const user = SESSIONS[kind];
      const client = user ? await server.signIn(user) : server.anonymous();
      const key = KEYS[kind];
      const authorization = key ? `Bearer ${(await server.registry.apiKeys.issue(...key)).secret}` : undefined;
      return new Credential(kind, client, authorization, await formToken(client));
    }),
  );
  return Object.fromEntries(made.map((credential) => [credential.kind, credential])) as Record<
    CredentialKind,
    Credential
  >;
}

/** The CSRF token of a public page's form, for the client's session (or none); its secret cookie lands in the jar. */
async function formToken(client: PortalClient): Promise<string> {
  const page = await (await client.get('/verify')).text();
  const token = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
  if (!token) throw new Error(`no CSRF token on /verify: ${page.slice(0, 200)}`);
  return token;
}
