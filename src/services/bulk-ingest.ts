import type { Catalog } from '../domain/catalog/catalog.js';
import type { ItemError } from '../domain/records/item-error.js';
import { prototypeKeyPointer } from '../domain/records/prototype-keys.js';
import type { TextLine } from './text-lines.js';
import {
  prepareBatch,
  type IngestItem,
  type ItemResult,
  type PreparedBatch,
  type RecordIngest,
} from './record-ingest.js';

/** One line of a bulk input: its 1-based number and either its parsed value or why it could not be read. */
export type SourceLine =
  | { readonly line: number; readonly text: string; readonly value: unknown }
  | { readonly line: number; readonly text: string; readonly error: ItemError };

export interface BulkOptions {
  /** The institution every line is submitted for (API caller); otherwise each line's `institution` field. */
  readonly institution?: string;
}

export interface PrepareOptions extends BulkOptions {
  /** YYYY-MM-DD, from todayAnywhere: dates inside identifiers may not be later. */
  readonly today: string;
}

/** Lines are numbered from 1; a line's item index is its number less one. */
export const lineOf = (result: ItemResult): number => result.index + 1;

/** Checks a batch of lines (no I/O), ready for RecordIngest.commit. */
export function prepareLines(catalog: Catalog, lines: readonly SourceLine[], options: PrepareOptions): PreparedBatch {
  return prepareBatch(
    catalog,
    lines.map((line) => lineItem(line, options.institution)),
    options.today,
  );
}

function lineItem(line: SourceLine, institution: string | undefined): IngestItem {
  const index = line.line - 1;
  if ('error' in line) return { index, unreadable: line.error };
  const owner = institution ?? institutionOf(line.value);
  if (owner === undefined) {
    return {
      index,
      unreadable: {
        code: 'missing_field',
        path: '/institution',
        message: 'is required when no --institution is given',
      },
    };
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
      yield await ingest.commit(prepareLines(catalog, batch, { ...options, today: ingest.today() }));
      batch = [];
    }
  }
  if (batch.length > 0) yield await ingest.commit(prepareLines(catalog, batch, { ...options, today: ingest.today() }));
}

function institutionOf(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const institution = (value as Record<string, unknown>)['institution'];
  return typeof institution === 'string' && institution.length > 0 ? institution : undefined;
}

/**
 * Reads NDJSON: one JSON value per line; blank lines are skipped, bad lines become errors
 * naming what is wrong (not JSON, over the line limit, a prototype key), and the next line
 * goes on. A UTF-8 byte order mark before the first line is dropped: editors write one.
 */
export async function* ndjsonLines(lines: AsyncIterable<TextLine>): AsyncGenerator<SourceLine> {
  let number = 0;
  for await (const line of lines) {
    number++;
    if (typeof line !== 'string') {
      yield {
        line: number,
        text: '',
        error: {
          code: 'line_too_long',
          path: '',
          message: `line ${number} has ${line.bytes} bytes; the limit is ${line.limit}`,
        },
      };
      continue;
    }
    const text = number === 1 && line.startsWith(BOM) ? line.slice(BOM.length) : line;
    if (text.trim() === '') continue;
    yield parsedLine(number, text);
  }
}

const BOM = '\uFEFF';

function parsedLine(line: number, text: string): SourceLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      line,
      text,
      error: { code: 'malformed_line', path: '', message: `not valid JSON: ${(error as Error).message}` },
    };
  }
  const pointer = prototypeKeyPointer(value);
  if (pointer !== undefined) {
    return {
      line,
      text,
      error: {
        code: 'malformed_line',
        path: pointer,
        message:
          `has the key ${JSON.stringify(pointer.slice(pointer.lastIndexOf('/') + 1))}, ` +
          `which is refused (prototype pollution)`,
      },
    };
  }
  return { line, text, value };
}
