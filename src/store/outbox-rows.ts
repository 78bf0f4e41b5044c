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

export function messageStateFromRow(row: Record<string, unknown>) {
  return {
    attempts: Number(row['attempts']),
    deliveredAt: (row['delivered_at'] as string | null) ?? null,
    deadAt: (row['dead_at'] as string | null) ?? null,
    lastError: (row['last_error'] as string | null) ?? null,
  };
}
