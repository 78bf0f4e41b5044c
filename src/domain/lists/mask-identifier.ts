import type { SubjectKind } from '../subject-kind.js';

/**
 * An identifier as a published list shows it. A person's is masked the way the court's
 * list of dishonest judgment debtors shows resident identity numbers (`3604**********0071`):
 * the first four and last four characters, enough to tell namesakes apart, not enough to
 * recover the birth date. Organizations' and government bodies' codes are public registers
 * and are shown in full.
 */
export function maskIdentifier(value: string, kind: SubjectKind): string {
  if (kind !== 'person') return value;
  if (value.length <= 8) return '*'.repeat(Math.max(0, value.length - 2)) + value.slice(-2);
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4);
}
