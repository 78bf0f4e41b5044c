/** A message waiting in the outbox: an e-mail to a person or an institution, or a signed webhook call. */
export interface OutboxMessage {
  readonly id: string;
  readonly channel: 'email' | 'webhook';
  /** An e-mail address, or the webhook's URL. */
  readonly recipient: string;
  /** What it is about, e.g. dispute.filed (the webhook's event type; for e-mail, for the record). */
  readonly topic: string;
  /** E-mail: subject and text. Webhook: the JSON body. */
  readonly payload: EmailPayload | Readonly<Record<string, unknown>>;
  readonly createdAt: string;
}

export interface EmailPayload {
  readonly subject: string;
  readonly text: string;
}

/** A message with its delivery state. */
export interface QueuedMessage extends OutboxMessage {
  readonly attempts: number;
  readonly nextAttemptAt: string;
}

/** Tries before a message is dead-lettered. */
export const MAX_ATTEMPTS = 8;

/**
 * When to try again after `attempts` failures: 2, 4, 8 … seconds, at most an hour, so a
 * receiver that is down for a while is not flooded and one that is gone is given up on.
 */
export function retryAt(failedAt: string, attempts: number): string {
  const seconds = Math.min(2 ** attempts, 3_600);
  return new Date(Date.parse(failedAt) + seconds * 1_000).toISOString();
}
