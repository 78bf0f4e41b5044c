/** A line longer than the limit: its bytes were counted and dropped as they came, never held. */
export interface OverlongLine {
  readonly kind: 'too_long';
  /** Its length in bytes, without the line ending. */
  readonly bytes: number;
  /** The limit it is over. */
  readonly limit: number;
}

/** One line: its text, or the note that it was over the limit. */
export type TextLine = string | OverlongLine;

/** The default longest line, in bytes: far above any record, far below what would hold a server up. */
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;

/**
 * The lines of a byte or text stream (`\n` or `\r\n` endings; a last line without an
 * ending counts), each at most `maxLineBytes` long. Used instead of node:readline for
 * request bodies: readline's async iterator dropped the lines still buffered when a socket
 * body ended while the consumer was busy, so a bulk request lost its tail without a word
 * (test/http/ndjson-streams).
 *
 * Linear in the input: the current line is kept as a list of chunks and only each new chunk
 * is searched for `\n`, so a long line is never copied again per chunk (which made a sender's
 * long line cost quadratic time). Work per chunk is bounded by its size, so the event loop stays
 * free while a huge line arrives; and past the limit a line's bytes are dropped, so memory is
 * bounded by the limit. Lines are split on bytes, then decoded: `\n` never occurs inside a
 * UTF-8 sequence, so a character split across chunks comes out whole.
 */
export async function* textLines(
  input: AsyncIterable<Buffer | string> | Iterable<Buffer | string>,
  maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
): AsyncGenerator<TextLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let overlong = false;
  /** Ends the current line with `tail`, the bytes of the last chunk up to the `\n`. */
  const finish = (tail: Buffer): TextLine => {
    const total = length + tail.length;
    const line = overlong ? undefined : parts.length === 0 ? tail : Buffer.concat([...parts, tail], total);
    parts = [];
    length = 0;
    overlong = false;
    if (line === undefined) return { kind: 'too_long', bytes: total, limit: maxLineBytes };
    const content = line.length > 0 && line[line.length - 1] === CR ? line.subarray(0, -1) : line;
    return content.length > maxLineBytes
      ? { kind: 'too_long', bytes: content.length, limit: maxLineBytes }
      : content.toString('utf8');
  };
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let from = 0;
    for (let at = bytes.indexOf(LF, from); at !== -1; at = bytes.indexOf(LF, from)) {
      yield finish(bytes.subarray(from, at));
      from = at + 1;
    }
    const rest = bytes.subarray(from);
    if (rest.length === 0) continue;
    length += rest.length;
    // One byte of slack for the `\r` of a `\r\n` ending that has not arrived yet.
    if (length > maxLineBytes + 1) {
      overlong = true;
      parts = [];
    } else {
      parts.push(rest);
    }
  }
  if (length > 0) yield finish(Buffer.alloc(0));
}
