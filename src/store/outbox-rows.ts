import type { OutboxMessage, QueuedMessage } from '../domain/notifications/outbox-message.js';

/** Outbox rows as both adapters write and read them. */
export const OUTBOX_COLUMNS = [
  'id',
  'channel',
  'recipient',
  'topic',
  'payload',
  'created_at',
  'next_attempt_at',
] as const;

export function outboxValues(m: OutboxMessage): string[] {
  return [m.id, m.channel, m.recipient, m.topic, JSON.stringify(m.payload), m.createdAt, m.createdAt];
}

export function queuedFromRow(row: Record<string, unknown>): QueuedMessage {
  return {
    id: row['id'] as string,
    channel: row['channel'] as QueuedMessage['channel'],
    recipient: row['recipient'] as string,
    topic: row['topic'] as string,
    payload: JSON.parse(row['payload'] as string) as QueuedMessage['payload'],
    createdAt: row['created_at'] as string,
    attempts: Number(row['attempts']),
    nextAttemptAt: row['next_attempt_at'] as string,
  };
}

/**
 * Claimed messages as Store.claimDueMessages hands them out: oldest first (by creation,
 * then id), whatever the order their due times gave.
 */
export function oldestFirst(messages: QueuedMessage[]): QueuedMessage[] {
  return messages.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
}

export function messageStateFromRow(row: Record<string, unknown>) {
  return {
    attempts: Number(row['attempts']),
    deliveredAt: (row['delivered_at'] as string | null) ?? null,
    deadAt: (row['dead_at'] as string | null) ?? null,
    lastError: (row['last_error'] as string | null) ?? null,
  };
}
