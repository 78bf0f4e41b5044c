import type Database from 'better-sqlite3';
import type { OutboxMessage, QueuedMessage } from '../../domain/notifications/outbox-message.js';
import { messageStateFromRow, oldestFirst, OUTBOX_COLUMNS, outboxValues, queuedFromRow } from '../outbox-rows.js';
import { contactKey } from '../store.js';

type Row = Record<string, unknown>;

/** The outbox, subjects' contacts and relying parties' webhooks of the SQLite store. */
export class SqliteOutbox {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      insert: db.prepare(
        `INSERT INTO outbox (${OUTBOX_COLUMNS.join(', ')}) VALUES (${OUTBOX_COLUMNS.map(() => '?').join(', ')})`,
      ),
      due: db.prepare(
        'SELECT * FROM outbox WHERE delivered_at IS NULL AND dead_at IS NULL AND next_attempt_at <= ? ' +
          'ORDER BY next_attempt_at, id LIMIT ?',
      ),
      lease: db.prepare('UPDATE outbox SET next_attempt_at = ? WHERE id = ?'),
      delivered: db.prepare('UPDATE outbox SET delivered_at = ?, attempts = attempts + 1 WHERE id = ?'),
      failed: db.prepare(
        'UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = coalesce(?, next_attempt_at), ' +
          'dead_at = ? WHERE id = ?',
      ),
      state: db.prepare('SELECT attempts, delivered_at, dead_at, last_error FROM outbox WHERE id = ?'),
      saveContact: db.prepare(
        'INSERT INTO contacts (scheme, value, email, updated_at) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (scheme, value) DO UPDATE SET email = excluded.email, updated_at = excluded.updated_at',
      ),
      contact: db.prepare('SELECT email FROM contacts WHERE scheme = ? AND value = ?').pluck(),
      anyContact: db.prepare('SELECT 1 FROM contacts LIMIT 1').pluck(),
      saveWebhook: db.prepare(
        'INSERT INTO webhooks (relying_party, url, secret, created_at) VALUES (?, ?, ?, ?) ' +
          'ON CONFLICT (relying_party) DO UPDATE SET url = excluded.url, ' +
          'secret = excluded.secret, created_at = excluded.created_at',
      ),
      webhook: db.prepare('SELECT url, secret FROM webhooks WHERE relying_party = ?'),
    };
  }

  /** Inside the caller's transaction: the messages go with the event they tell of. */
  insert(messages: readonly OutboxMessage[]): void {
    for (const message of messages) this.sql.insert.run(...outboxValues(message));
  }

  /** See Store.claimDueMessages; inside the caller's (write) transaction. */
  claimDue(at: string, leaseUntil: string, limit: number): QueuedMessage[] {
    const due = (this.sql.due.all(at, limit) as Row[]).map(queuedFromRow);
    for (const message of due) this.sql.lease.run(leaseUntil, message.id);
    // Each as the claim leaves it, due again when the lease ends (what PostgreSQL's UPDATE … RETURNING gives).
    return oldestFirst(due.map((message) => ({ ...message, nextAttemptAt: leaseUntil })));
  }

  delivered(id: string, at: string): void {
    this.sql.delivered.run(at, id);
  }

  failed(id: string, error: string, retryAt: string | null, at: string): void {
    this.sql.failed.run(error, retryAt, retryAt === null ? at : null, id);
  }

  state(id: string) {
    const row = this.sql.state.get(id) as Row | undefined;
    return row && messageStateFromRow(row);
  }

  saveContact(identifiers: readonly { scheme: string; value: string }[], email: string, at: string): void {
    for (const { scheme, value } of identifiers) this.sql.saveContact.run(scheme, value, email, at);
  }

  contactsOf(identifiers: readonly { scheme: string; value: string }[]): Map<string, string> {
    const contacts = new Map<string, string>();
    // A bulk load into a registry nobody has signed in to yet asks nothing per record.
    if (identifiers.length === 0 || this.sql.anyContact.get() === undefined) return contacts;
    for (const identifier of identifiers) {
      const email = this.sql.contact.get(identifier.scheme, identifier.value) as string | undefined;
      if (email !== undefined) contacts.set(contactKey(identifier), email);
    }
    return contacts;
  }

  saveWebhook(relyingParty: string, url: string, secret: string, at: string): void {
    this.sql.saveWebhook.run(relyingParty, url, secret, at);
  }

  webhookOf(relyingParty: string): { url: string; secret: string } | undefined {
    return this.sql.webhook.get(relyingParty) as { url: string; secret: string } | undefined;
  }
}
