import { parse } from 'csv-parse';
import type { Catalog } from '../domain/catalog/catalog.js';
import type { SourceLine } from '../services/bulk-ingest.js';

/**
 * Reads a CSV file of records. The header names fields by path: `institution`, `type`,
 * `sourceRef`, `subject.scheme`, `subject.value`, `subject.name`, `effectiveAt`, and
 * either `payload` (a JSON object) or `payload.FIELD` columns, which are converted to
 * the type the record type's payload schema gives the field. A byte order mark is dropped;
 * a row over `maxLineBytes` characters is a line_too_long rejection that ends the file, as any
 * CSV syntax error does.
 */
export async function* csvLines(
  input: NodeJS.ReadableStream,
  catalog: Catalog,
  maxLineBytes: number,
): AsyncGenerator<SourceLine> {
  const parser = input.pipe(
    parse({
      columns: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: false,
      bom: true,
      max_record_size: maxLineBytes,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      const line = info.lines;
      const text = JSON.stringify(record);
      try {
        yield { line, text, value: csvRecord(record, catalog) };
      } catch (error) {
        yield { line, text, error: { code: 'malformed_line', path: '/payload', message: (error as Error).message } };
      }
    }
  } catch (error) {
    // A CSV syntax error ends the file: csv-parse cannot resynchronise after it.
    const { lines = 0, code } = error as { lines?: number; code?: string };
    const tooLong = code === 'CSV_MAX_RECORD_SIZE';
    yield {
      line: lines,
      text: '',
      error: {
        code: tooLong ? 'line_too_long' : 'malformed_line',
        path: '',
        message: `CSV: ${(error as Error).message}`,
      },
    };
  }
}

function csvRecord(row: Readonly<Record<string, string>>, catalog: Catalog): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  const subject: Record<string, unknown> = {};
  const properties = payloadProperties(catalog, row['type']);
  let payload: Record<string, unknown> | undefined;
  for (const [column, value] of Object.entries(row)) {
    if (value === '') continue;
    if (column === 'payload') {
      payload = { ...payload, ...(JSON.parse(value) as Record<string, unknown>) };
    } else if (column.startsWith('payload.')) {
      const field = column.slice('payload.'.length);
      payload = { ...payload, [field]: coerce(value, properties[field]) };
    } else if (column.startsWith('subject.')) {
      subject[column.slice('subject.'.length)] = value;
    } else {
      record[column] = value;
    }
  }
  if (Object.keys(subject).length > 0) record['subject'] = subject;
  if (payload !== undefined) record['payload'] = payload;
  return record;
}

function payloadProperties(catalog: Catalog, type: string | undefined): Record<string, { type?: string } | undefined> {
  const schema = type === undefined ? undefined : catalog.recordType(type)?.payloadSchema;
  return (schema?.['properties'] ?? {}) as Record<string, { type?: string } | undefined>;
}

/** CSV cells are text; give numbers and booleans the type their schema asks for, and leave anything else as text. */
function coerce(value: string, property: { type?: string } | undefined): unknown {
  switch (property?.type) {
    case 'number':
    case 'integer':
      return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(value.trim()) ? Number(value) : value;
    case 'boolean':
      return value === 'true' ? true : value === 'false' ? false : value;
    case 'object':
    case 'array':
      return JSON.parse(value);
    default:
      return value;
  }
}
