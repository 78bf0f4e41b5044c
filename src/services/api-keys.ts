import { createHash, randomBytes } from 'node:crypto';
import type { Catalog } from '../domain/catalog/catalog.js';
import { ProbityError } from '../errors.js';
import type { ApiKey, ApiKeyRole, Store } from '../store/store.js';
import type { Clock } from './clock.js';

const PREFIX = 'pbt_';
/** Staff names appear as actors in the audit log: keep them plain tokens. */
const STAFF_NAME = /^[\w.@-]{1,64}$/;

/** Keys recognised recently, so a busy relying party's checks do not each read the store. */
const CACHED_KEYS = 10_000;

/** Issues API keys and recognises them; only a hash of each secret is stored. */
export class ApiKeys {
  private readonly recent = new Map<string, ApiKey>();

  constructor(
    private readonly deps: { readonly store: Store; readonly catalog: Catalog; readonly clock: Clock; readonly newId: () => string },
  ) {}

  /** Issues a key and returns its secret, which is shown once and never stored. */
  async issue(role: ApiKeyRole, principal: string): Promise<{ readonly key: ApiKey; readonly secret: string }> {
    const { catalog, store, clock, newId } = this.deps;
    if (role === 'institution' && !catalog.institution(principal)) {
      throw new ProbityError('unknown_institution', `no institution "${principal}" in pack ${catalog.pack.manifest.id}`);
    }
    if (role === 'relying_party' && !catalog.relyingParty(principal)) {
      throw new ProbityError('unknown_relying_party', `no relying party "${principal}" in pack ${catalog.pack.manifest.id}`);
    }
    if ((role === 'auditor' || role === 'reviewer' || role === 'admin') && !STAFF_NAME.test(principal)) {
      throw new ProbityError('invalid_config', `a staff name is 1 to 64 letters, digits, '.', '_', '-' or '@', got "${principal}"`);
    }
    // 256 bits from the CSPRNG: guessing is hopeless, so a plain hash (no salt, no KDF) is enough.
    const secret = PREFIX + randomBytes(32).toString('base64url');
    const key: ApiKey = { id: newId(), secretHash: hashSecret(secret), role, principal, createdAt: clock.now().toISOString() };
    await store.saveApiKey(key);
    return { key, secret };
  }

  /** The key a bearer secret belongs to, or undefined. Keys are never changed once issued, so a found one may be kept. */
  async authenticate(secret: string): Promise<ApiKey | undefined> {
    if (!secret.startsWith(PREFIX)) return undefined;
    const secretHash = hashSecret(secret);
    const cached = this.recent.get(secretHash);
    if (cached) return cached;
    const key = await this.deps.store.apiKeyBySecretHash(secretHash);
    if (key) {
      if (this.recent.size >= CACHED_KEYS) this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(secretHash, key);
    }
    return key;
  }
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
