import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FREE_TEXT, IDENTIFYING_TEXT, plainText } from '../../../src/domain/records/plain-text.js';

/** Every character the rule refuses: controls, zero-width, bidirectional marks, overrides and isolates. */
const FORBIDDEN = [
  ...Array.from({ length: 0x20 }, (_, i) => i),
  ...Array.from({ length: 0x21 }, (_, i) => 0x7f + i),
  0x200b,
  0x200c,
  0x200d,
  0x2060,
  0xfeff,
  0x200e,
  0x200f,
  0x061c,
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
].map((code) => String.fromCodePoint(code));
const LINE_BREAKS = ['\t', '\n', '\r'];

const anyText = fc.string({ unit: 'grapheme', maxLength: 20 });
const accepted = (text: string, rule = IDENTIFYING_TEXT) => {
  const result = plainText(text, rule);
  return result.ok ? result.text : undefined;
};

describe('plainText', () => {
  it('is idempotent: an accepted text comes back unchanged when checked again', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = accepted(text);
        if (once !== undefined) expect(accepted(once)).toBe(once);
      }),
    );
  });

  it('gives accepted text in NFC and trimmed', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = accepted(text);
        if (once !== undefined) expect(once).toBe(once.normalize('NFC').trim());
      }),
    );
  });

  it('gives the NFC and NFD forms of a text the same canonical form', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(accepted(text.normalize('NFD'))).toBe(accepted(text.normalize('NFC')));
      }),
    );
  });

  it('refuses any text with a forbidden character, wherever it is', () => {
    fc.assert(
      fc.property(anyText, anyText, fc.constantFrom(...FORBIDDEN), (before, after, bad) => {
        expect(plainText(`${before}${bad}${after}`).ok).toBe(false);
        if (!LINE_BREAKS.includes(bad)) expect(plainText(`${before}${bad}${after}`, FREE_TEXT).ok).toBe(false);
      }),
    );
  });

  it('refuses a lone surrogate but takes a pair', () => {
    expect(plainText('a\ud800b').ok).toBe(false);
    expect(plainText('x\udfff').ok).toBe(false);
    expect(plainText('张三 😀')).toEqual({ ok: true, text: '张三 😀' });
  });

  it('lets free text break lines and keeps its white space', () => {
    expect(plainText(' a\r\n\tb ', FREE_TEXT)).toEqual({ ok: true, text: ' a\r\n\tb ' });
  });

  it('names the character it refuses', () => {
    expect(plainText('\u202egnp.exe')).toMatchObject({ ok: false, message: expect.stringContaining('U+202E') });
  });
});
