import { describe, expect, it } from 'vitest';
import type { Dispute } from '../../../src/domain/disputes/dispute.js';
import { reviewConflict, reviewRefusal, type Reviewer } from '../../../src/domain/disputes/review-conflict.js';

const PACK = new Set(['sh-pudong-court', 'sh-transport']);
const isInstitution = (code: string) => PACK.has(code);
const reviewer = (institution: string | null): Reviewer => ({ id: 'staff-1', subjectIds: [], institution });
const dispute = { subjectId: 'subject-1', institution: 'sh-pudong-court' } as Dispute;

describe('reviewRefusal', () => {
  it('lets staff of a pack institution, or of none, review', () => {
    expect(reviewRefusal(reviewer('sh-transport'), isInstitution)).toBeUndefined();
    expect(reviewRefusal(reviewer(null), isInstitution)).toBeUndefined();
  });

  it('refuses staff whose institution claim names no institution of the pack', () => {
    expect(reviewRefusal(reviewer('sh-nowhere'), isInstitution)).toMatch(/names no institution/);
  });
});

describe('reviewConflict', () => {
  it('matches the record\u2019s institution whatever the case of the claim (a session from before claims were normalised)', () => {
    expect(reviewConflict(dispute, reviewer('SH-PUDONG-COURT'))).toMatch(/own institution/);
    expect(reviewConflict(dispute, reviewer('sh-transport'))).toBeUndefined();
  });
});
