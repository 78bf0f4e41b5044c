import { sha256Hex } from '../audit/audit-entry.js';

/** What the audit entry of a check pins down: never the identifier asked about, only the opaque subject id. */
export interface CheckRecord {
  readonly checkId: string;
  readonly relyingParty: string;
  readonly subjectId: string | null;
  readonly action: string;
  readonly purpose: string;
  readonly reference: string | null;
  /** An answered check: the decision, the entries behind a deny, the feed position reflected. */
  readonly outcome:
    | { readonly decision: 'allow' | 'deny'; readonly entryIds: readonly string[]; readonly asOfSequence: number }
    | { readonly refusal: string };
}

/**
 * The objectHash of a check's audit entry: SHA-256 of the record's RFC 8785 canonical
 * JSON. The shape is fixed (strings, integers, an array of strings), so building it with
 * keys in code-point order and JSON.stringify gives the canonical form without the general
 * canonicaliser, which cost a batch of a million checks half a second; a property test
 * holds the two equal.
 */
export function checkRecordHash(record: CheckRecord): string {
  const { outcome } = record;
  const flat =
    'refusal' in outcome
      ? {
          action: record.action,
          checkId: record.checkId,
          purpose: record.purpose,
          reference: record.reference,
          refusal: outcome.refusal,
          relyingParty: record.relyingParty,
          subjectId: record.subjectId,
        }
      : {
          action: record.action,
          asOfSequence: outcome.asOfSequence,
          checkId: record.checkId,
          decision: outcome.decision,
          entryIds: outcome.entryIds,
          purpose: record.purpose,
          reference: record.reference,
          relyingParty: record.relyingParty,
          subjectId: record.subjectId,
        };
  return sha256Hex(JSON.stringify(flat));
}
