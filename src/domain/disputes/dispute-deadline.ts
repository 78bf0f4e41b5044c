import type { DisputeSettings } from '../catalog/pack.js';

const DAY_MS = 86_400_000;

/**
 * When the answer to a dispute filed at `filedAt` is due: `deadlineDays` calendar days
 * later, or that many working days (Monday to Friday) later, at the same time of day. A
 * dispute filed on a weekend starts counting working days from the Monday.
 */
export function disputeDeadline(filedAt: string, settings: DisputeSettings): string {
  const start = Date.parse(filedAt);
  if (settings.dayCount === 'calendar') return new Date(start + settings.deadlineDays * DAY_MS).toISOString();
  let at = start;
  for (let counted = 0; counted < settings.deadlineDays;) {
    at += DAY_MS;
    const weekday = new Date(at).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted++;
  }
  return new Date(at).toISOString();
}
