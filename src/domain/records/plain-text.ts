/**
 * The rule for text an institution submits: one canonical form (Unicode NFC, so that
 * "José" typed two ways is one reference, not two records) and no characters that make
 * text look other than it is: controls, zero-width characters, byte order marks,
 * bidirectional marks, overrides and isolates (Unicode TR #9; the "Trojan Source" class of
 * attack), and lone surrogates, which have no UTF-8 form.
 */

/** C0 and C1 controls and DEL. */
const CONTROL = '\\u0000-\\u001f\\u007f-\\u009f';
/** Zero-width space, non-joiner and joiner, word joiner, zero-width no-break space (BOM). */
const ZERO_WIDTH = '\\u200b-\\u200d\\u2060\\ufeff';
/** Left-to-right and right-to-left marks, Arabic letter mark, embeddings and overrides, isolates. */
const BIDI = '\\u200e\\u200f\\u061c\\u202a-\\u202e\\u2066-\\u2069';

/** In `u` mode a surrogate pair is one code point, so this matches lone surrogates only. */
const LONE_SURROGATE = '\\p{Cs}';

const FORBIDDEN = new RegExp(`[${CONTROL}${ZERO_WIDTH}${BIDI}${LONE_SURROGATE}]`, 'u');
/** Free text (a payload's description) may break lines; identifiers and names may not. */
const FORBIDDEN_IN_FREE_TEXT = new RegExp(`(?![\\t\\n\\r])[${CONTROL}${ZERO_WIDTH}${BIDI}${LONE_SURROGATE}]`, 'u');

export type PlainText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

export interface PlainTextRule {
  /** Trim white space at both ends (references and names; not free text, whose layout is the sender's). */
  readonly trim: boolean;
  /** Allow tab, line feed and carriage return (free text only). */
  readonly lineBreaks: boolean;
}

/** References and names: trimmed, on one line. */
export const IDENTIFYING_TEXT: PlainTextRule = Object.freeze({ trim: true, lineBreaks: false });
/** Strings inside a payload: kept as sent apart from NFC, line breaks allowed. */
export const FREE_TEXT: PlainTextRule = Object.freeze({ trim: false, lineBreaks: true });

/** `text` in its canonical form under `rule`, or why it is refused (a message for the field's error). */
export function plainText(text: string, rule: PlainTextRule = IDENTIFYING_TEXT): PlainText {
  const found = (rule.lineBreaks ? FORBIDDEN_IN_FREE_TEXT : FORBIDDEN).exec(text);
  if (found)
    return {
      ok: false,
      message:
        `has the character ${codePoint(found[0])} ` +
        `(a control, invisible or bidirectional character, or a lone surrogate), which is not allowed`,
    };
  const normal = text.normalize('NFC');
  return { ok: true, text: rule.trim ? normal.trim() : normal };
}

function codePoint(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
