import { createHash, randomBytes } from 'node:crypto';
import type { AuditActor } from '../domain/audit/audit-entry.js';
import { apiKeyChanged } from '../domain/audit/write-drafts.js';
import type { Catalog } from '../domain/catalog/catalog.js';
import { ProbityError } from '../errors.js';
import type { ApiKey, ApiKeyRole } from '../store/store.js';

import type { ApiKeyStore } from '../store/api-key-store.js';
import type { Clock } from './clock.js';
import { keyExpiry, overlapMs, type KeyExpiry } from './key-lifetime.js';

const PREFIX = 'pbt_';
/** Staff names appear as actors in the audit log: keep them plain tokens. */
const STAFF_NAME = /^[\w.@-]{1,64}$/;

/** Keys recognised recently, so a busy relying party's checks do not each read the store. */
const CACHED_KEYS = 10_000;
/**
 * How long a key read from the store is trusted. A revocation or expiry change made on any
 * server of the store reaches this one within this time plus one read (the issue asks for one
 * second); a busy key costs each server two small reads a second, not one per check.
 */
const TRUST_MS = 500;
/** A key's last use is noted at most this often per server: never a store write per check. */
const NOTE_USE_MS = 60_000;
/** Overlap of old and new key on rotation when none is given. */
export const DEFAULT_OVERLAP = '24h';

/** The step was taken at the command line (`probity keys …`). */
export const CLI_ACTOR: AuditActor = { kind: 'operator', id: 'cli' };

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

/** A key as it is listed: everything but the secret's hash, and whether it works now. */
export type ApiKeyListing = Omit<ApiKey, 'secretHash'> & { readonly status: ApiKeyStatus };

/** What a bearer secret is: a working key, or why it is not one. */
export type KeyRecognition =
  { readonly status: 'valid'; readonly key: ApiKey } | { readonly status: 'unknown' | 'revoked' | 'expired' };

/** Whether a key works at `at`: revocation wins over expiry. */
export function keyStatus(key: ApiKey, at: string): ApiKeyStatus {
  if (key.revokedAt !== null) return 'revoked';
  return key.expiresAt !== null && key.expiresAt <= at ? 'expired' : 'active';
}

/**
 * Issues API keys, recognises them, and runs their life: list, revoke, rotate, expiry. Only a
 * hash of each secret is stored; every step is an audit entry in the same transaction.
 */
export class ApiKeys {
  private readonly recent = new Map<string, { readonly key: ApiKey; readonly readAt: number }>();
  private readonly reading = new Map<string, Promise<ApiKey | undefined>>();
  private readonly usesNoted = new Map<string, number>();

  constructor(
    private readonly deps: {
      readonly store: ApiKeyStore;
      readonly catalog: Catalog;
      readonly clock: Clock;
      readonly newId: () => string;
    },
  ) {}

  /** Issues a key and returns its secret, which is shown once and never stored. */
  async issue(
    role: ApiKeyRole,
    principal: string,
    options: { readonly expiry?: KeyExpiry; readonly actor?: AuditActor } = {},
  ): Promise<{ readonly key: ApiKeyListing; readonly secret: string }> {
    this.checkPrincipal(role, principal);
    const now = this.deps.clock.now();
    const { key, secret } = this.newKey(role, principal, keyExpiry(options.expiry ?? {}, now), now);
    await this.deps.store.saveApiKeys(
      [key],
      [apiKeyChanged({ action: 'key.issued' }, key, options.actor ?? CLI_ACTOR, key.createdAt)],
    );
    return { key: listing(key, key.createdAt), secret };
  }

  /** Every key, oldest first, without secrets. */
  async list(): Promise<ApiKeyListing[]> {
    const at = this.deps.clock.now().toISOString();
    return (await this.deps.store.apiKeys()).map((key) => listing(key, at));
  }

  /** Stops a key at once, on every server within a second. Revoking a revoked key changes nothing. */
  async revoke(id: string, actor: AuditActor = CLI_ACTOR): Promise<ApiKeyListing> {
    const key = await this.known(id);
    const at = this.deps.clock.now().toISOString();
    if (key.revokedAt !== null) return listing(key, at);
    const revoked: ApiKey = { ...key, revokedAt: at };
    await this.deps.store.saveApiKeys([revoked], [apiKeyChanged({ action: 'key.revoked' }, revoked, actor, at)]);
    this.forget(id);
    return listing(revoked, at);
  }

  /**
   * Issues a new key for the same role and holder; the old one keeps working for the overlap
   * (default 24h; "0" stops it now), so its holder can switch without an outage.
   */
  async rotate(
    id: string,
    options: { readonly overlap?: string; readonly expiry?: KeyExpiry; readonly actor?: AuditActor } = {},
  ): Promise<{ readonly key: ApiKeyListing; readonly secret: string; readonly previous: ApiKeyListing }> {
    const old = await this.known(id);
    const now = this.deps.clock.now();
    const at = now.toISOString();
    this.mustBeActive(old, at);
    const overlapEnd = new Date(now.getTime() + overlapMs(options.overlap ?? DEFAULT_OVERLAP)).toISOString();
    const previous: ApiKey = {
      ...old,
      expiresAt: old.expiresAt !== null && old.expiresAt < overlapEnd ? old.expiresAt : overlapEnd,
    };
    const { key, secret } = this.newKey(old.role, old.principal, keyExpiry(options.expiry ?? {}, now), now);
    const actor = options.actor ?? CLI_ACTOR;
    await this.deps.store.saveApiKeys(
      [previous, key],
      [
        apiKeyChanged({ action: 'key.rotated', replacedBy: key.id }, previous, actor, at),
        apiKeyChanged({ action: 'key.issued', replaces: old.id }, key, actor, at),
      ],
    );
    this.forget(id);
    return { key: listing(key, at), secret, previous: listing(previous, at) };
  }

  /** Sets or clears a working key's expiry (a time in the future, or none). */
  async setExpiry(id: string, expiry: KeyExpiry, actor: AuditActor = CLI_ACTOR): Promise<ApiKeyListing> {
    const key = await this.known(id);
    const now = this.deps.clock.now();
    const at = now.toISOString();
    this.mustBeActive(key, at);
    const changed: ApiKey = { ...key, expiresAt: keyExpiry(expiry, now) };
    await this.deps.store.saveApiKeys([changed], [apiKeyChanged({ action: 'key.expiry_changed' }, changed, actor, at)]);
    this.forget(id);
    return listing(changed, at);
  }

  /** What a bearer secret is: a working key (its use noted at most once a minute), or why not. */
  async recognise(secret: string): Promise<KeyRecognition> {
    if (!secret.startsWith(PREFIX)) return { status: 'unknown' };
    const key = await this.lookUp(hashSecret(secret));
    if (!key) return { status: 'unknown' };
    const now = this.deps.clock.now();
    const status = keyStatus(key, now.toISOString());
    if (status !== 'active') return { status };
    await this.noteUse(key, now);
    return { status: 'valid', key };
  }

  /** The working key a bearer secret belongs to, or undefined. */
  async authenticate(secret: string): Promise<ApiKey | undefined> {
    const recognised = await this.recognise(secret);
    return recognised.status === 'valid' ? recognised.key : undefined;
  }

  private checkPrincipal(role: ApiKeyRole, principal: string): void {
    const { catalog } = this.deps;
    if (role === 'institution' && !catalog.institution(principal)) {
      throw new ProbityError(
        'unknown_institution',
        `no institution "${principal}" in pack ${catalog.pack.manifest.id}`,
      );
    }
    if (role === 'relying_party' && !catalog.relyingParty(principal)) {
      throw new ProbityError(
        'unknown_relying_party',
        `no relying party "${principal}" in pack ${catalog.pack.manifest.id}`,
      );
    }
    if ((role === 'auditor' || role === 'reviewer' || role === 'admin') && !STAFF_NAME.test(principal)) {
      throw new ProbityError(
        'invalid_field',
        `a staff name is 1 to 64 letters, digits, '.', '_', '-' or '@', got "${principal}"`,
        { path: '/principal' },
      );
    }
  }

  private newKey(
    role: ApiKeyRole,
    principal: string,
    expiresAt: string | null,
    now: Date,
  ): { key: ApiKey; secret: string } {
    // 256 bits from the CSPRNG: guessing is hopeless, so a plain hash (no salt, no KDF) is enough.
    const secret = PREFIX + randomBytes(32).toString('base64url');
    const key: ApiKey = {
      id: this.deps.newId(),
      secretHash: hashSecret(secret),
      role,
      principal,
      createdAt: now.toISOString(),
      expiresAt,
      revokedAt: null,
      lastUsedAt: null,
    };
    return { key, secret };
  }

  private async known(id: string): Promise<ApiKey> {
    const key = await this.deps.store.apiKeyById(id);
    if (!key) throw new ProbityError('not_found', `no API key ${id}`);
    return key;
  }

  private mustBeActive(key: ApiKey, at: string): void {
    const status = keyStatus(key, at);
    if (status !== 'active')
      throw new ProbityError('key_not_active', `API key ${key.id} is ${status}: issue a new key instead`);
  }

  /** The key of a secret's hash, from the store at most every TRUST_MS; concurrent misses share one read. */
  private async lookUp(secretHash: string): Promise<ApiKey | undefined> {
    const cached = this.recent.get(secretHash);
    if (cached && performance.now() - cached.readAt < TRUST_MS) return cached.key;
    let reading = this.reading.get(secretHash);
    if (!reading) {
      reading = this.read(secretHash).finally(() => this.reading.delete(secretHash));
      this.reading.set(secretHash, reading);
    }
    return reading;
  }

  private async read(secretHash: string): Promise<ApiKey | undefined> {
    const key = await this.deps.store.apiKeyBySecretHash(secretHash);
    this.recent.delete(secretHash);
    if (key) remember(this.recent, secretHash, { key, readAt: performance.now() });
    return key;
  }

  /** Drops a changed key from this server's cache at once (other servers follow within TRUST_MS). */
  private forget(id: string): void {
    for (const [secretHash, { key }] of this.recent) if (key.id === id) this.recent.delete(secretHash);
  }

  private async noteUse(key: ApiKey, now: Date): Promise<void> {
    const noted = this.usesNoted.get(key.id);
    if (noted !== undefined && now.getTime() - noted < NOTE_USE_MS) return;
    remember(this.usesNoted, key.id, now.getTime());
    await this.deps.store.noteApiKeyUse(key.id, now.toISOString());
  }
}

/** Sets a value in a map that keeps at most CACHED_KEYS entries, dropping the oldest first. */
function remember<V>(map: Map<string, V>, k: string, value: V): void {
  map.delete(k);
  if (map.size >= CACHED_KEYS) map.delete(map.keys().next().value!);
  map.set(k, value);
}

function listing(key: ApiKey, at: string): ApiKeyListing {
  const { secretHash: _, ...rest } = key;
  return { ...rest, status: keyStatus(key, at) };
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
