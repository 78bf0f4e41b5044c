import type { Pack } from '../catalog/pack.js';

/** The codes a check's audit entry may name: the pack's action codes and its relying parties' purposes. */
export interface CheckVocabulary {
  readonly actions: ReadonlySet<string>;
  readonly purposes: ReadonlySet<string>;
}

/** What a check's entry keeps of what the relying party sent: codes and a reference tag, never its free text. */
export interface CheckLogFields {
  /** A catalog action code, or `unknown_action`. */
  readonly action: string;
  /** A purpose some relying party of the pack is registered for, or `unknown_purpose`. */
  readonly purpose: string;
  /** The reference's keyed tag (referenceTag), or null when none was sent. */
  readonly reference: string | null;
}

export const UNKNOWN_ACTION = 'unknown_action';
export const UNKNOWN_PURPOSE = 'unknown_purpose';

/**
 * The fields of a check as its audit entry (detail and hashed object) holds them. A refused
 * check may name an action or purpose that is no code at all but text the relying party typed,
 * possibly about the person; such text is replaced by a fixed word, so the log keeps only
 * codes the pack defines (see docs/audit-log.md, "What an entry may hold").
 */
export function checkLogFields(
  request: { readonly action: string; readonly purpose: string; readonly reference?: string | undefined },
  vocabulary: CheckVocabulary,
  tag: (reference: string) => string,
): CheckLogFields {
  return {
    action: vocabulary.actions.has(request.action) ? request.action : UNKNOWN_ACTION,
    purpose: vocabulary.purposes.has(request.purpose) ? request.purpose : UNKNOWN_PURPOSE,
    reference: request.reference === undefined ? null : tag(request.reference),
  };
}

/** The vocabulary of a pack: every action it defines, every purpose any relying party is registered for. */
export function checkVocabulary(pack: Pick<Pack, 'actions' | 'relyingParties'>): CheckVocabulary {
  return {
    actions: new Set(pack.actions.map((action) => action.code)),
    purposes: new Set(pack.relyingParties.flatMap((party) => party.purposes)),
  };
}
