import { randomBytes } from 'node:crypto';
import { ProbityError } from '../errors.js';
import type { OutboxStore } from '../store/outbox-store.js';
import type { Clock } from './clock.js';

/** A relying party's webhook as registered: its URL (normalised) and the key that signs what is sent to it. */
export interface RegisteredWebhook {
  readonly url: string;
  /** base64url HMAC-SHA256 key of the x-probity-signature header: the caller sees it this once. */
  readonly secret: string;
}

/** Where a relying party hears of changes to what it checked (the notifier sends them, signed). */
export class Webhooks {
  constructor(private readonly deps: { readonly store: OutboxStore; readonly clock: Clock }) {}

  /**
   * Registers (or replaces) the relying party's webhook with a new signing key: https only, or
   * http on this machine.
   */
  async register(relyingParty: string, url: string): Promise<RegisteredWebhook> {
    const parsed = URL.canParse(url) ? new URL(url) : undefined;
    const local = parsed?.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
    if (!parsed || (parsed.protocol !== 'https:' && !local))
      throw new ProbityError('invalid_field', 'the webhook must be an https:// URL', { path: '/url' });
    const secret = randomBytes(32).toString('base64url');
    await this.deps.store.saveWebhook(relyingParty, parsed.href, secret, this.deps.clock.now().toISOString());
    return { url: parsed.href, secret };
  }
}
