import { createReadStream, createWriteStream, statSync, rmSync, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import type { Registry } from '../registry.js';
import { bulkIngest, ndjsonLines, type SourceLine } from '../services/bulk-ingest.js';
import { summarise, type IngestSummary } from '../services/record-ingest.js';
import { csvLines } from './csv-lines.js';
import { ingestProgress } from './ingest-progress.js';

export type IngestFormat = 'ndjson' | 'csv';

export interface IngestFileOptions {
  readonly file: string;
  readonly institution?: string;
  readonly format?: IngestFormat;
  /** Show progress on stderr (default true). */
  readonly progress?: boolean;
  readonly batchSize?: number;
}

export interface IngestFileResult {
  readonly summary: IngestSummary;
  readonly rejectsFile: string | undefined;
  readonly seconds: number;
}

/**
 * Ingests an NDJSON or CSV file with bounded memory. Rejected lines go to
 * FILE.rejects.ndjson with line number, text and reasons. Each batch is one
 * transaction and resubmission is idempotent, so a run killed at any point
 * and run again stores every record exactly once.
 */
export async function ingestFile(registry: Registry, options: IngestFileOptions): Promise<IngestFileResult> {
  const started = process.hrtime.bigint();
  const format = options.format ?? (/\.csv$/i.test(options.file) ? 'csv' : 'ndjson');
  const totalBytes = statSync(options.file).size;
  const input = createReadStream(options.file, { highWaterMark: 1 << 20 });
  const lines: AsyncIterable<SourceLine> =
    format === 'csv'
      ? csvLines(input, registry.catalog)
      : ndjsonLines(createInterface({ input, crlfDelay: Infinity }));

  const rejectsPath = `${options.file}.rejects.ndjson`;
  rmSync(rejectsPath, { force: true });
  let rejects: WriteStream | undefined;
  const progress = options.progress === false ? undefined : ingestProgress(totalBytes);
  let totals: IngestSummary = { accepted: 0, duplicates: 0, rejected: 0 };
  try {
    const batches = bulkIngest(registry.ingest, lines, {
      ...(options.institution === undefined ? {} : { institution: options.institution }),
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    });
    for await (const batch of batches) {
      totals = summarise(batch.results, totals);
      for (const [k, result] of batch.results.entries()) {
        if (result.status !== 'rejected') continue;
        rejects ??= createWriteStream(rejectsPath);
        const line = { line: result.line, text: batch.lines[k]!.text, errors: result.errors, ...(result.id ? { id: result.id } : {}) };
        if (!rejects.write(JSON.stringify(line) + '\n')) await once(rejects, 'drain');
      }
      progress?.update(input.bytesRead, totals);
    }
  } finally {
    progress?.stop();
    if (rejects) {
      rejects.end();
      await once(rejects, 'close');
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { summary: totals, rejectsFile: rejects ? rejectsPath : undefined, seconds };
}
