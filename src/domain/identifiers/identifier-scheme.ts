import type { SubjectKind } from '../subject-kind.js';

/** The outcome of checking one raw identifier value against a scheme. */
export type IdentifierCheck =
  | { readonly ok: true; readonly value: string; readonly subjectKind: SubjectKind }
  | { readonly ok: false; readonly message: string };

/**
 * A pluggable identifier scheme: normalises a raw value (case, spaces, hyphens)
 * and validates it, telling which kind of subject the identifier denotes.
 * Returns a result rather than throwing: ingest checks millions of values.
 */
export interface IdentifierScheme {
  /** Stable code used in records and URLs, e.g. `CN-RIC`. */
  readonly code: string;
  readonly title: string;
  check(raw: string): IdentifierCheck;
}
