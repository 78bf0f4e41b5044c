import { createHmac } from 'node:crypto';
import {
  MAX_ATTEMPTS,
  retryAt,
  type EmailPayload,
  type QueuedMessage,
} from '../domain/notifications/outbox-message.js';
import type { OutboxStore } from '../store/outbox-store.js';
import type { Clock } from './clock.js';

/** What sends e-mail: a nodemailer transport (SMTP), or nothing when none is configured. */
export interface MailTransport {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

/** A webhook message's body: the relying party it is for, and the event it receives. */
export interface WebhookPayload {
  readonly relyingParty: string;
  readonly event: Readonly<Record<string, unknown>>;
}

const BATCH = 50;
/** How long a claimed message is this worker's: if it dies, another sends it after this. */
const LEASE_MS = 60_000;
const WEBHOOK_TIMEOUT_MS = 10_000;

/**
 * The outbox worker: sends what the events wrote into the outbox, e-mail over SMTP and
 * webhooks signed with HMAC-SHA256 (header `x-probity-signature: sha256=<hex>` over the
 * exact body), retrying with backoff and dead-lettering after MAX_ATTEMPTS tries.
 */
export class Notifier {
  constructor(
    private readonly deps: {
      readonly store: OutboxStore;
      readonly clock: Clock;
      readonly mail: MailTransport | undefined;
      readonly from: string;
      readonly fetch?: typeof fetch;
    },
  ) {}

  /** Sends the due messages once; resolves with how many were delivered. */
  async deliver(): Promise<number> {
    const { store, clock } = this.deps;
    const at = clock.now();
    const messages = await store.claimDueMessages(
      at.toISOString(),
      new Date(at.getTime() + LEASE_MS).toISOString(),
      BATCH,
    );
    let delivered = 0;
    for (const message of messages) {
      try {
        await this.send(message);
        await store.messageDelivered(message.id, clock.now().toISOString());
        delivered++;
      } catch (error) {
        const now = clock.now().toISOString();
        const attempts = message.attempts + 1;
        await store.messageFailed(
          message.id,
          (error as Error).message.slice(0, 500),
          attempts >= MAX_ATTEMPTS ? null : retryAt(now, attempts),
          now,
        );
      }
    }
    return delivered;
  }

  private async send(message: QueuedMessage): Promise<void> {
    if (message.channel === 'email') {
      if (!this.deps.mail) throw new Error('no SMTP server is configured (PROBITY_SMTP_URL)');
      const { subject, text } = message.payload as EmailPayload;
      await this.deps.mail.sendMail({ from: this.deps.from, to: message.recipient, subject, text });
      return;
    }
    const { relyingParty, event } = message.payload as unknown as WebhookPayload;
    const hook = await this.deps.store.webhookOf(relyingParty);
    if (!hook) throw new Error(`${relyingParty} has no webhook registered any more`);
    const body = JSON.stringify(event);
    const response = await (this.deps.fetch ?? fetch)(message.recipient, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-probity-event': message.topic,
        'x-probity-delivery': message.id,
        'x-probity-signature': `sha256=${webhookSignature(hook.secret, body)}`,
      },
      body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`the webhook answered ${response.status}`);
  }
}

/** HMAC-SHA256 of the exact body with the webhook's secret, hex: what the receiver recomputes. */
export function webhookSignature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}
