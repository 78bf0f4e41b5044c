import { describe, expect, it } from 'vitest';
import { disputeDeadline } from '../../../src/domain/disputes/dispute-deadline.js';
import {
  disputeStatus,
  statementWords,
  suspendedRecords,
  suspendsAt,
  type Dispute,
} from '../../../src/domain/disputes/dispute.js';
import { priorRecipients } from '../../../src/domain/disputes/prior-recipients.js';
import type { AuditEntry } from '../../../src/domain/audit/audit-entry.js';

const base: Dispute = {
  id: 'd',
  subjectId: 's',
  target: { kind: 'record', recordId: 'r' },
  institution: 'sh-transport',
  grounds: 'g',
  statement: null,
  suspends: false,
  filedAt: '2026-06-01T09:00:00.000Z',
  deadline: '2026-07-01T09:00:00.000Z',
  answer: null,
  decision: null,
};

describe('disputeDeadline', () => {
  it('counts calendar days', () => {
    expect(disputeDeadline('2026-06-01T09:00:00.000Z', { deadlineDays: 30, dayCount: 'calendar' })).toBe(
      '2026-07-01T09:00:00.000Z',
    );
  });

  it('counts working days, skipping Saturdays and Sundays (10 working days from a Friday end on the second Friday after)', () => {
    // 2026-06-05 is a Friday.
    expect(disputeDeadline('2026-06-05T09:00:00.000Z', { deadlineDays: 10, dayCount: 'working' })).toBe(
      '2026-06-19T09:00:00.000Z',
    );
    // Filed on a Saturday: counting starts on the Monday.
    expect(disputeDeadline('2026-06-06T09:00:00.000Z', { deadlineDays: 1, dayCount: 'working' })).toBe(
      '2026-06-08T09:00:00.000Z',
    );
  });
});

describe('a dispute over time (no job runs: state from timestamps)', () => {
  it('is open, then lapsed at its deadline, then decided when a reviewer decides', () => {
    const decidedLater = {
      ...base,
      decision: { outcome: 'rejected' as const, reasons: 'r', reviewer: 'li', decidedAt: '2026-07-10T00:00:00.000Z' },
    };
    expect(disputeStatus(decidedLater, '2026-06-15T00:00:00.000Z')).toBe('open');
    expect(disputeStatus(decidedLater, '2026-07-01T09:00:00.000Z')).toBe('lapsed');
    expect(disputeStatus(decidedLater, '2026-07-10T00:00:00.000Z')).toBe('decided');
  });

  it('keeps a record in force while open when its type says so, takes it out from the deadline, and puts it back on a decision', () => {
    const decided = {
      ...base,
      decision: { outcome: 'rejected' as const, reasons: 'r', reviewer: 'li', decidedAt: '2026-07-10T00:00:00.000Z' },
    };
    expect(suspendsAt(decided, '2026-06-15T00:00:00.000Z')).toBe(false);
    expect(suspendsAt(decided, '2026-07-02T00:00:00.000Z')).toBe(true);
    expect(suspendsAt(decided, '2026-07-10T00:00:00.000Z')).toBe(false);
  });

  it('suspends an administrative record from the filing on', () => {
    const suspending = { ...base, suspends: true };
    expect(suspendsAt(suspending, '2026-05-31T00:00:00.000Z')).toBe(false);
    expect(suspendedRecords([suspending], '2026-06-02T00:00:00.000Z')).toEqual(new Set(['r']));
  });
});

describe('statementWords', () => {
  it('counts words in alphabetic text and each Chinese character as one', () => {
    expect(statementWords('The card was my son’s.')).toBe(5);
    expect(statementWords('卡是我儿子的')).toBe(6);
    expect(statementWords('')).toBe(0);
  });
});

describe('priorRecipients', () => {
  const check = (id: string, party: string, time: string): AuditEntry => ({
    seq: 0,
    time,
    actor: { kind: 'relying_party', id: party },
    action: 'check.performed',
    subject: 's',
    object: { kind: 'check', id },
    objectHash: 'h',
  });
  it('names the relying parties that screened the subject in the last 180 days, with their checks', () => {
    const entries = [
      check('c1', 'air-china', '2026-05-01T00:00:00.000Z'),
      check('c2', 'air-china', '2026-05-02T00:00:00.000Z'),
      check('c3', 'china-railway-12306', '2025-11-01T00:00:00.000Z'),
    ];
    expect(priorRecipients(entries, '2026-06-01T00:00:00.000Z')).toEqual({ 'air-china': ['c1', 'c2'] });
  });
});
