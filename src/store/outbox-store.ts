import type { SubjectIdentifier } from '../domain/records/record.js';
import type { QueuedMessage } from '../domain/notifications/outbox-message.js';

/**
 * Notifications to send (the outbox), and where they go: subjects' e-mail and relying parties'
 * webhooks. Each method is one transaction.
 */
export interface OutboxStore {
  /**
   * Claims outbox messages due at `at`, oldest first, until `leaseUntil`: another worker does
   * not take them meanwhile, and if this one dies they are due again when the lease ends.
   */
  claimDueMessages(at: string, leaseUntil: string, limit: number): Promise<QueuedMessage[]>;
  messageDelivered(id: string, at: string): Promise<void>;
  /** Records a failed try: to be tried again at `retryAt`, or dead-lettered when it is null. */
  messageFailed(id: string, error: string, retryAt: string | null, at: string): Promise<void>;
  /** A message's delivery state (for operators and tests). */
  messageState(
    id: string,
  ): Promise<
    { attempts: number; deliveredAt: string | null; deadAt: string | null; lastError: string | null } | undefined
  >;
  /** Keeps the e-mail address for each identifier (see contactKey). */
  saveContact(identifiers: readonly SubjectIdentifier[], email: string, at: string): Promise<void>;
  /** The addresses on file for these identifiers, by contactKey. */
  contactsOf(identifiers: readonly SubjectIdentifier[]): Promise<Map<string, string>>;
  saveWebhook(relyingParty: string, url: string, secret: string, at: string): Promise<void>;
  webhookOf(relyingParty: string): Promise<{ url: string; secret: string } | undefined>;
}
