import ms from 'ms';
import { parseRfc3339 } from '../domain/records/rfc3339.js';
import { ProbityError } from '../errors.js';

/** When a key stops: after a duration from now (`24h`, `90d`), at a time, or (neither) never. */
export interface KeyExpiry {
  readonly expiresIn?: string;
  readonly expiresAt?: string;
}

/** A duration with its unit, as `ms` reads it (`90m`, `24h`, `30d`); a bare number is refused, being ambiguous. */
const DURATION = /^\s*\d+(\.\d+)?\s*[a-z]+\s*$/i;
/** Ten years: a key meant to outlive that needs no expiry; longer ones could overflow a Date. */
const LONGEST = 10 * 365.25 * 86_400_000;

/** The expiry time a request asks for, as an RFC 3339 UTC string, or null for none; it must lie after `now`. */
export function keyExpiry(expiry: KeyExpiry, now: Date): string | null {
  if (expiry.expiresIn !== undefined && expiry.expiresAt !== undefined) {
    throw new ProbityError('invalid_field', 'give expiresIn or expiresAt, not both', { path: '/expiresAt' });
  }
  if (expiry.expiresIn !== undefined) {
    const duration = durationMs(expiry.expiresIn, '/expiresIn');
    if (duration <= 0)
      throw new ProbityError('invalid_field', 'expiresIn must be longer than nothing', { path: '/expiresIn' });
    return new Date(now.getTime() + duration).toISOString();
  }
  if (expiry.expiresAt === undefined) return null;
  const at = parseRfc3339(expiry.expiresAt);
  if (at === undefined)
    throw new ProbityError(
      'invalid_field',
      `expiresAt must be an RFC 3339 date-time with offset, got "${expiry.expiresAt}"`,
      { path: '/expiresAt' },
    );
  if (at <= now.toISOString())
    throw new ProbityError('invalid_field', `expiresAt ${at} has passed: revoke the key to stop it now`, {
      path: '/expiresAt',
    });
  return at;
}

/** How long an old key keeps working after rotation: a duration such as `24h`, or `0` for not at all. */
export function overlapMs(text: string): number {
  return text.trim() === '0' ? 0 : durationMs(text, '/overlap');
}

function durationMs(text: string, path: string): number {
  const value = DURATION.test(text) ? ms(text.trim() as ms.StringValue) : NaN;
  if (!Number.isFinite(value) || value < 0 || value > LONGEST) {
    throw new ProbityError(
      'invalid_field',
      `"${text}" is not a duration: write a number and a unit, such as 90m, 24h or 30d, of at most ten years`,
      { path },
    );
  }
  return value;
}
