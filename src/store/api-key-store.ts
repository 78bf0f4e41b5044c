import type { AuditDraft } from '../domain/audit/audit-entry.js';
import type { ApiKey } from './store.js';

/** API keys, by secret hash and by id, and their lifecycle. Each method is one transaction. */
export interface ApiKeyStore {
  /**
   * Writes keys with the audit entries of the step, in one transaction: a new key is inserted,
   * a known one (by id) gets its expiresAt and revokedAt; nothing else of a key ever changes.
   */
  saveApiKeys(keys: readonly ApiKey[], drafts: readonly AuditDraft[]): Promise<void>;
  apiKeyBySecretHash(secretHash: string): Promise<ApiKey | undefined>;
  apiKeyById(id: string): Promise<ApiKey | undefined>;
  /** Every key, oldest first (a registry has staff and partners' keys: hundreds, not millions). */
  apiKeys(): Promise<ApiKey[]>;
  /** Notes a use of the key at `at`, unless a later one is already noted. */
  noteApiKeyUse(id: string, at: string): Promise<void>;
}
