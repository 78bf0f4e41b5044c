import { describe, expect, it } from 'vitest';
import { composeMail } from '../../src/services/mail-composer.js';
import { negativeRecordNotice } from '../../src/domain/notifications/record-notices.js';
import { retryAt, type OutboxMessage } from '../../src/domain/notifications/outbox-message.js';
import { ulidFactory } from '../../src/services/clock.js';
import { contactKey } from '../../src/store/store.js';
import { demoCatalog } from '../support/catalog.js';
import { checkedSubmissions, personIdentifier } from '../support/checked-submissions.js';
import { judgmentUnperformed } from '../support/demo-records.js';
import { freshStorePerTest } from '../support/store-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const COURT = 'sh-pudong-court';
const T0 = '2026-03-01T08:00:00.000Z';
const FAR_FUTURE = '2099-01-01T00:00:00.000Z';
const secondsAfterT0 = (seconds: number) => new Date(Date.parse(T0) + seconds * 1_000).toISOString();
const ids = (items: readonly { readonly id: string }[]) => items.map((item) => item.id);

describe.each(STORE_KINDS)('Store contract on %s: outbox, contacts and webhooks', (kind) => {
  const t = freshStorePerTest(kind);
  const newId = ulidFactory();

  /**
   * Queues one e-mail per `createdAt`, each the notice of a negative record about a subject
   * who left an address, written with the record as record ingest writes it.
   */
  const queue = async (...createdAt: string[]): Promise<OutboxMessage[]> => {
    const catalog = demoCatalog();
    const payload = composeMail(
      negativeRecordNotice(
        catalog.recordType('court.judgment_unperformed')!.title,
        catalog.institution(COURT)!.name,
        '2025-01-01T00:00:00.000Z',
        'https://probity.example/me/records',
      ),
      catalog,
    );
    const messages = createdAt.map((at, n): OutboxMessage => ({
      id: newId(),
      channel: 'email',
      recipient: `person-${n}@example.com`,
      topic: 'record.accepted',
      payload,
      createdAt: at,
    }));
    const items = checkedSubmissions(
      COURT,
      messages.map((_, n) => judgmentUnperformed(personIdentifier(n + 1), `C${n}`)),
    ).map((item, n) => ({ ...item, notice: messages[n]! }));
    await t.store.ingest({ items, recordedAt: T0, newId });
    return messages;
  };
  /** A message as a claim hands it out: with its tries so far, due again when the lease ends. */
  const claimed = (message: OutboxMessage, leaseUntil: string, attempts = 0) => ({
    ...message,
    attempts,
    nextAttemptAt: leaseUntil,
  });

  describe('claimDueMessages', () => {
    it('claims the messages due, oldest first, at most `limit`, none twice while its lease runs', async () => {
      const [a, b, c] = await queue(T0, secondsAfterT0(1), secondsAfterT0(2));
      const lease = secondsAfterT0(60);
      expect(await t.store.claimDueMessages(secondsAfterT0(1), lease, 10)).toEqual([
        claimed(a!, lease),
        claimed(b!, lease),
      ]);
      expect(await t.store.claimDueMessages(secondsAfterT0(5), lease, 10)).toEqual([claimed(c!, lease)]);
      expect(await t.store.claimDueMessages(secondsAfterT0(59), lease, 10)).toEqual([]);
      // The worker that claimed them died: when the lease ends they are due again, for another.
      const next = secondsAfterT0(120);
      expect(ids(await t.store.claimDueMessages(lease, next, 2))).toEqual([a!.id, b!.id]);
      expect(ids(await t.store.claimDueMessages(lease, next, 2))).toEqual([c!.id]);
    });

    it('hands out a retried message in the order the messages were made', async () => {
      const [older, newer] = await queue(T0, secondsAfterT0(1));
      await t.store.claimDueMessages(secondsAfterT0(1), secondsAfterT0(60), 10);
      // The newer one failed with the shorter backoff, so it came due first.
      await t.store.messageFailed(older!.id, 'timeout', secondsAfterT0(20), secondsAfterT0(2));
      await t.store.messageFailed(newer!.id, 'timeout', secondsAfterT0(10), secondsAfterT0(2));
      expect(ids(await t.store.claimDueMessages(secondsAfterT0(30), secondsAfterT0(90), 10))).toEqual([
        older!.id,
        newer!.id,
      ]);
    });

    it('gives each message to one of several workers claiming at once', async () => {
      const queued = await queue(...[0, 1, 2, 3, 4].map(secondsAfterT0));
      const claims = await Promise.all(
        Array.from({ length: 3 }, () => t.store.claimDueMessages(secondsAfterT0(10), secondsAfterT0(60), 2)),
      );
      const handedOut = claims.flatMap(ids);
      expect(handedOut.sort()).toEqual(ids(queued).sort());
    });
  });

  describe('messageDelivered, messageFailed and messageState', () => {
    it('never claims a delivered message again, and its state says when it went', async () => {
      const [message] = await queue(T0);
      await t.store.claimDueMessages(T0, secondsAfterT0(60), 10);
      await t.store.messageDelivered(message!.id, secondsAfterT0(3));
      const delivered = { attempts: 1, deliveredAt: secondsAfterT0(3), deadAt: null, lastError: null };
      expect(await t.store.messageState(message!.id)).toEqual(delivered);
      expect(await t.store.claimDueMessages(FAR_FUTURE, FAR_FUTURE, 10)).toEqual([]);
      // Unknown messages: nothing to say, nothing to change.
      await t.store.messageDelivered('no-such-message', secondsAfterT0(4));
      await t.store.messageFailed('no-such-message', 'lost', null, secondsAfterT0(4));
      expect(await t.store.messageState('no-such-message')).toBeUndefined();
      expect(await t.store.messageState(message!.id)).toEqual(delivered);
    });

    it('makes a failed message due at its retry time, and dead-letters it when there is none', async () => {
      const [message] = await queue(T0);
      expect(await t.store.messageState(message!.id)).toEqual({
        attempts: 0,
        deliveredAt: null,
        deadAt: null,
        lastError: null,
      });
      await t.store.claimDueMessages(T0, secondsAfterT0(60), 10);
      const retry = retryAt(secondsAfterT0(1), 1);
      await t.store.messageFailed(message!.id, 'connection refused', retry, secondsAfterT0(1));
      expect(await t.store.messageState(message!.id)).toEqual({
        attempts: 1,
        deliveredAt: null,
        deadAt: null,
        lastError: 'connection refused',
      });
      // The retry time replaces the lease: due then, not before, and not only when the lease ends.
      expect(await t.store.claimDueMessages(secondsAfterT0(2), secondsAfterT0(90), 10)).toEqual([]);
      expect(await t.store.claimDueMessages(retry, secondsAfterT0(90), 10)).toEqual([
        claimed(message!, secondsAfterT0(90), 1),
      ]);

      await t.store.messageFailed(message!.id, 'mailbox unavailable', null, secondsAfterT0(4));
      expect(await t.store.messageState(message!.id)).toEqual({
        attempts: 2,
        deliveredAt: null,
        deadAt: secondsAfterT0(4),
        lastError: 'mailbox unavailable',
      });
      expect(await t.store.claimDueMessages(FAR_FUTURE, FAR_FUTURE, 10)).toEqual([]);
    });
  });

  describe('saveContact and contactsOf', () => {
    it('keep the latest address of each identifier, and give those on file by contactKey', async () => {
      const a = personIdentifier(1);
      const b = personIdentifier(2);
      const c = personIdentifier(3);
      expect(await t.store.contactsOf([a, b])).toEqual(new Map());
      await t.store.saveContact([a, b], 'old@example.com', T0);
      await t.store.saveContact([b], 'new@example.com', secondsAfterT0(1));
      expect(await t.store.contactsOf([a, b, c])).toEqual(
        new Map([
          [contactKey(a), 'old@example.com'],
          [contactKey(b), 'new@example.com'],
        ]),
      );
      expect(await t.store.contactsOf([c])).toEqual(new Map());
      expect(await t.store.contactsOf([])).toEqual(new Map());
    });
  });

  describe('saveWebhook and webhookOf', () => {
    it('keep one webhook per relying party, the latest registered, with its secret', async () => {
      expect(await t.store.webhookOf('air-china')).toBeUndefined();
      await t.store.saveWebhook('air-china', 'https://air-china.example/old', 'secret-1', T0);
      await t.store.saveWebhook('china-eastern', 'https://china-eastern.example/probity', 'secret-2', T0);
      await t.store.saveWebhook('air-china', 'https://air-china.example/new', 'secret-3', secondsAfterT0(1));
      expect(await t.store.webhookOf('air-china')).toEqual({
        url: 'https://air-china.example/new',
        secret: 'secret-3',
      });
      expect(await t.store.webhookOf('china-eastern')).toEqual({
        url: 'https://china-eastern.example/probity',
        secret: 'secret-2',
      });
      expect(await t.store.webhookOf('no-such-party')).toBeUndefined();
    });
  });
});
