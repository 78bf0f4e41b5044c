import { createReadStream, type ReadStream } from 'node:fs';
import type { Catalog } from '../domain/catalog/catalog.js';
import { ndjsonLines, type SourceLine } from '../services/bulk-ingest.js';
import { DEFAULT_MAX_LINE_BYTES, textLines } from '../services/text-lines.js';
import { csvLines } from './csv-lines.js';

export type IngestFormat = 'ndjson' | 'csv';

/** The format a file name suggests: CSV for `.csv`, NDJSON otherwise. */
export function formatOf(file: string): IngestFormat {
  return /\.csv$/i.test(file) ? 'csv' : 'ndjson';
}

/**
 * Streams the lines of an NDJSON or CSV file, each at most `maxLineBytes` long (a longer one
 * is a line_too_long rejection); `input.bytesRead` tells how far it got.
 */
export function fileLines(
  file: string,
  format: IngestFormat,
  catalog: Catalog,
  maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
): { lines: AsyncIterable<SourceLine>; input: ReadStream } {
  const input = createReadStream(file, { highWaterMark: 1 << 20 });
  const lines = format === 'csv' ? csvLines(input, catalog, maxLineBytes) : ndjsonLines(textLines(input, maxLineBytes));
  return { lines, input };
}
