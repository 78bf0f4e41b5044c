import type { SubjectKind } from '../subject-kind.js';

/** The outcome of checking one raw identifier value against a scheme. */
export type IdentifierCheck =
  | { readonly ok: true; readonly value: string; readonly subjectKind: SubjectKind }
  | { readonly ok: false; readonly message: string };

/** What a check may need from outside the value: the caller's date, since the domain has no clock. */
export interface IdentifierContext {
  /** Today as YYYY-MM-DD in the registry's clock; a date in an identifier may not be after it. */
  readonly today: string;
}

/**
 * A pluggable identifier scheme: normalises a raw value (case, spaces, hyphens)
 * and validates it, telling which kind of subject the identifier denotes.
 * Returns a result rather than throwing: ingest checks millions of values.
 */
export interface IdentifierScheme {
  /** Stable code used in records and URLs, e.g. `CN-RIC`. */
  readonly code: string;
  readonly title: string;
  /** Without `context`, dates inside the value are checked only for being dates (lookups, sign-in); writes pass it. */
  check(raw: string, context?: IdentifierContext): IdentifierCheck;
}
