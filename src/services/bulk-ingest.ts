import type { ItemError } from '../domain/records/item-error.js';
import type { IngestItem, ItemResult, RecordIngest } from './record-ingest.js';

/** One line of a bulk input: its 1-based number and either its parsed value or why it could not be read. */
export type SourceLine =
  | { readonly line: number; readonly text: string; readonly value: unknown }
  | { readonly line: number; readonly text: string; readonly error: ItemError };

/** A result of a bulk input, tied to its line. */
export type LineResult = ItemResult & { readonly line: number };

export interface BulkIngestOptions {
  /** The institution every line is submitted for (API caller); otherwise each line's `institution` field. */
  readonly institution?: string;
  readonly batchSize?: number;
}

const DEFAULT_BATCH = 1000;

/** One batch of lines and their results, in the same order. */
export interface BulkBatch {
  readonly lines: readonly SourceLine[];
  readonly results: readonly LineResult[];
}

/**
 * Streams any number of lines through record ingest in batches of bounded size,
 * yielding each batch with its results once that batch is durable, in input order.
 * Memory stays bounded by one batch whatever the input length.
 */
export async function* bulkIngest(
  ingest: RecordIngest,
  lines: AsyncIterable<SourceLine>,
  options: BulkIngestOptions = {},
): AsyncGenerator<BulkBatch> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH;
  let batch: SourceLine[] = [];
  for await (const line of lines) {
    batch.push(line);
    if (batch.length >= batchSize) {
      yield { lines: batch, results: await ingestBatch(ingest, batch, options.institution) };
      batch = [];
    }
  }
  if (batch.length > 0) yield { lines: batch, results: await ingestBatch(ingest, batch, options.institution) };
}

async function ingestBatch(ingest: RecordIngest, lines: readonly SourceLine[], institution?: string): Promise<LineResult[]> {
  const results: LineResult[] = new Array(lines.length);
  const items: IngestItem[] = [];
  const itemLines: number[] = [];
  lines.forEach((line, k) => {
    if ('error' in line) {
      results[k] = { index: line.line - 1, line: line.line, status: 'rejected', errors: [line.error] };
      return;
    }
    const owner = institution ?? institutionOf(line.value);
    if (owner === undefined) {
      const error: ItemError = { code: 'missing_field', path: '/institution', message: 'is required when no --institution is given' };
      results[k] = { index: line.line - 1, line: line.line, status: 'rejected', errors: [error] };
      return;
    }
    items.push({ index: line.line - 1, institution: owner, raw: line.value });
    itemLines.push(k);
  });
  const itemResults = await ingest.ingest(items);
  itemResults.forEach((result, i) => {
    const k = itemLines[i]!;
    results[k] = { ...result, line: lines[k]!.line };
  });
  return results;
}

function institutionOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const institution = (value as Record<string, unknown>)['institution'];
  return typeof institution === 'string' && institution.length > 0 ? institution : undefined;
}

/** Reads NDJSON: one JSON value per line; blank lines are skipped, bad lines become errors. */
export async function* ndjsonLines(lines: AsyncIterable<string>): AsyncGenerator<SourceLine> {
  let number = 0;
  for await (const text of lines) {
    number++;
    if (text.trim() === '') continue;
    try {
      yield { line: number, text, value: JSON.parse(text) };
    } catch (error) {
      yield {
        line: number,
        text,
        error: { code: 'malformed_line', path: '', message: `not valid JSON: ${(error as Error).message}` },
      };
    }
  }
}
