import type { Readable } from 'node:stream';
import { ndjsonLines, type SourceLine } from '../services/bulk-ingest.js';
import { textLines } from '../services/text-lines.js';

/**
 * The lines of an NDJSON request body, and `drain`, which reads and drops what is left of it.
 * A route that stops reading early (a store failure) must not destroy the body: that closes
 * the connection under a client that keeps it alive for its next request, which then fails.
 * So the lines come through an iterator that leaves the stream open when stopped, and the
 * route drains the rest, letting the client finish sending. A line over `maxLineBytes` is a
 * line_too_long result and the next line goes on.
 */
export function ndjsonBody(
  body: Readable,
  maxLineBytes: number,
): { readonly lines: AsyncGenerator<SourceLine>; readonly drain: () => void } {
  return {
    lines: ndjsonLines(textLines(body.iterator({ destroyOnReturn: false }), maxLineBytes)),
    drain: () => void body.resume(),
  };
}
