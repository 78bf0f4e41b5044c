import { disputeStatus, type Dispute } from './dispute.js';

/** How one source institution handles disputes about its records: public, so that one often wrong is visible to all. */
export interface InstitutionFigures {
  readonly institution: string;
  readonly received: number;
  readonly upheld: number;
  readonly partiallyUpheld: number;
  readonly rejected: number;
  /** Deadline passed without a decision: resolved in the subject's favour, whatever came later. */
  readonly autoResolved: number;
  /** Neither decided nor past the deadline yet. */
  readonly pending: number;
  /** Median days from filing to the institution's answer, over the answered ones; null if none answered. */
  readonly medianDaysToAnswer: number | null;
}

const DAY_MS = 86_400_000;

/** The figures of every institution with at least one dispute, as of `at`, most disputes first. */
export function institutionFigures(disputes: readonly Dispute[], at: string): InstitutionFigures[] {
  const byInstitution = new Map<string, Dispute[]>();
  for (const dispute of disputes) {
    if (dispute.filedAt > at) continue;
    byInstitution.set(dispute.institution, [...(byInstitution.get(dispute.institution) ?? []), dispute]);
  }
  return [...byInstitution]
    .map(([institution, list]) => {
      const lapsedFirst = (d: Dispute) =>
        d.deadline <= at && (d.decision === null || d.decision.decidedAt > d.deadline);
      const decided = (outcome: string) =>
        list.filter((d) => !lapsedFirst(d) && d.decision?.outcome === outcome && d.decision.decidedAt <= at).length;
      const answerDays = list
        .filter((d) => d.answer !== null && d.answer.answeredAt <= at)
        .map((d) => (Date.parse(d.answer!.answeredAt) - Date.parse(d.filedAt)) / DAY_MS)
        .sort((a, b) => a - b);
      return {
        institution,
        received: list.length,
        upheld: decided('upheld'),
        partiallyUpheld: decided('partially_upheld'),
        rejected: decided('rejected'),
        autoResolved: list.filter(lapsedFirst).length,
        pending: list.filter((d) => disputeStatus(d, at) === 'open' || disputeStatus(d, at) === 'answered').length,
        medianDaysToAnswer: answerDays.length === 0 ? null : Math.round(median(answerDays) * 10) / 10,
      };
    })
    .sort((a, b) => b.received - a.received || a.institution.localeCompare(b.institution));
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
