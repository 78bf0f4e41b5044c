import { describe, expect, it } from 'vitest';
import type { Dispute } from '../../../src/domain/disputes/dispute.js';
import { institutionFigures } from '../../../src/domain/disputes/institution-figures.js';

const dispute = (id: string, overrides: Partial<Dispute>): Dispute => ({
  id,
  subjectId: 's',
  target: { kind: 'record', recordId: `r-${id}` },
  institution: 'sh-transport',
  grounds: 'g',
  statement: null,
  suspends: true,
  filedAt: '2026-01-01T00:00:00.000Z',
  deadline: '2026-01-31T00:00:00.000Z',
  answer: null,
  decision: null,
  ...overrides,
});
const decided = (outcome: 'upheld' | 'rejected' | 'partially_upheld', decidedAt: string) => ({
  outcome,
  reasons: 'r',
  reviewer: 'li',
  decidedAt,
});

describe('institutionFigures', () => {
  it('counts each outcome, a dispute decided only after its deadline as resolved at the deadline, and the median days to answer', () => {
    const figures = institutionFigures(
      [
        dispute('a', {
          decision: decided('upheld', '2026-01-10T00:00:00.000Z'),
          answer: { kind: 'verify', reason: 'x', answeredAt: '2026-01-03T00:00:00.000Z' },
        }),
        dispute('b', {
          decision: decided('rejected', '2026-01-20T00:00:00.000Z'),
          answer: { kind: 'verify', reason: 'x', answeredAt: '2026-01-11T00:00:00.000Z' },
        }),
        dispute('c', { decision: decided('rejected', '2026-02-05T00:00:00.000Z') }),
        dispute('d', {}),
        dispute('e', {
          filedAt: '2026-02-20T00:00:00.000Z',
          deadline: '2026-03-22T00:00:00.000Z',
          answer: { kind: 'correct', reason: 'x', answeredAt: '2026-02-25T00:00:00.000Z' },
        }),
        dispute('f', { institution: 'sh-tax' }),
      ],
      '2026-03-01T00:00:00.000Z',
    );
    expect(figures[0]).toEqual({
      institution: 'sh-transport',
      received: 5,
      upheld: 1,
      partiallyUpheld: 0,
      rejected: 1,
      autoResolved: 2,
      pending: 1,
      medianDaysToAnswer: 5,
    });
    expect(figures[1]).toMatchObject({ institution: 'sh-tax', received: 1, autoResolved: 1, medianDaysToAnswer: null });
  });

  it('leaves out disputes filed after the time asked about', () => {
    expect(
      institutionFigures([dispute('a', { filedAt: '2026-05-01T00:00:00.000Z' })], '2026-03-01T00:00:00.000Z'),
    ).toEqual([]);
  });
});
