import type { Catalog } from '../domain/catalog/catalog.js';
import type { ItemError } from '../domain/records/item-error.js';
import { prepareBatch, type IngestItem, type ItemResult, type PreparedBatch, type RecordIngest } from './record-ingest.js';

/** One line of a bulk input: its 1-based number and either its parsed value or why it could not be read. */
export type SourceLine =
  | { readonly line: number; readonly text: string; readonly value: unknown }
  | { readonly line: number; readonly text: string; readonly error: ItemError };

export interface BulkOptions {
  /** The institution every line is submitted for (API caller); otherwise each line's `institution` field. */
  readonly institution?: string;
}

/** Lines are numbered from 1; a line's item index is its number less one. */
export const lineOf = (result: ItemResult): number => result.index + 1;

/** Checks a batch of lines (no I/O), ready for RecordIngest.commit. */
export function prepareLines(catalog: Catalog, lines: readonly SourceLine[], options: BulkOptions = {}): PreparedBatch {
  return prepareBatch(catalog, lines.map((line) => lineItem(line, options.institution)));
}

function lineItem(line: SourceLine, institution: string | undefined): IngestItem {
  const index = line.line - 1;
  if ('error' in line) return { index, unreadable: line.error };
  const owner = institution ?? institutionOf(line.value);
  if (owner === undefined) {
    return { index, unreadable: { code: 'missing_field', path: '/institution', message: 'is required when no --institution is given' } };
  }
  return { index, institution: owner, raw: line.value };
}

/**
 * Streams any number of lines through record ingest in batches of bounded size,
 * yielding each batch's results once that batch is durable, in input order.
 * Memory stays bounded by one batch whatever the input length.
 */
export async function* bulkIngest(
  ingest: RecordIngest,
  catalog: Catalog,
  lines: AsyncIterable<SourceLine>,
  options: BulkOptions & { readonly batchSize: number },
): AsyncGenerator<ItemResult[]> {
  let batch: SourceLine[] = [];
  for await (const line of lines) {
    batch.push(line);
    if (batch.length >= options.batchSize) {
      yield await ingest.commit(prepareLines(catalog, batch, options));
      batch = [];
    }
  }
  if (batch.length > 0) yield await ingest.commit(prepareLines(catalog, batch, options));
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
