import { closeSync, fdatasyncSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { ProbityError } from '../errors.js';
import type { Registry } from '../registry.js';
import { lineOf } from '../services/bulk-ingest.js';
import {
  slicePrepared,
  summarise,
  type IngestSummary,
  type ItemResult,
  type PreparedBatch,
} from '../services/record-ingest.js';
import { DEFAULT_MAX_LINE_BYTES } from '../services/text-lines.js';
import { formatOf, type IngestFormat } from './file-lines.js';
import { ingestProgress } from './ingest-progress.js';
import type { IngestWorkerInput, IngestWorkerMessage } from './ingest-worker.js';
import { TransactionSizer } from './transaction-sizer.js';

export interface IngestFileOptions {
  readonly file: string;
  readonly institution?: string;
  readonly format?: IngestFormat;
  /** Show progress on stderr (default true). */
  readonly progress?: boolean;
  /** Records checked at a time; each batch is stored in transactions of at most this many. */
  readonly batchSize?: number;
  /** Longest line, in bytes (default 1 MiB); a longer one goes to the rejects file as line_too_long with its number. */
  readonly maxLineBytes?: number;
}

export interface IngestFileResult {
  readonly summary: IngestSummary;
  readonly rejectsFile: string | undefined;
  readonly seconds: number;
}

/**
 * Records checked at a time. Larger batches ingest no faster and hold more in memory, past the
 * 400 MB peak RSS an ingest may use (docs/performance.md, "Ingest").
 */
export const DEFAULT_INGEST_BATCH = 2_000;

/** Pause between transactions, in which another writer (a server logging checks) takes the lock. */
const TRANSACTION_GAP_MS = 2;

/**
 * Ingests an NDJSON or CSV file with bounded memory: a worker thread reads, parses
 * and checks batches while this thread stores the previous one. Rejected lines go to
 * FILE.rejects.ndjson with line number, text and reasons. Each batch is one
 * transaction and resubmission is idempotent, so a run killed at any point and run
 * again stores every record exactly once.
 */
export async function ingestFile(registry: Registry, options: IngestFileOptions): Promise<IngestFileResult> {
  const started = process.hrtime.bigint();
  let totalBytes: number;
  try {
    totalBytes = statSync(options.file).size;
  } catch {
    throw new ProbityError('invalid_config', `cannot read ${options.file}`);
  }
  const rejectsPath = `${options.file}.rejects.ndjson`;
  rmSync(rejectsPath, { force: true });
  // Flushed batch by batch: the lines refused on their own before the batch commits, those the
  // store refused (a reused source reference) right after. A run killed at any point leaves a
  // rejects file complete up to its last committed batch.
  let rejects: number | undefined;
  const writeRejects = (
    results: readonly (ItemResult | undefined)[],
    texts: readonly string[],
    only: (k: number) => boolean,
  ) => {
    const lines = results.flatMap((result, k) =>
      result?.status === 'rejected' && only(k) ? [rejectLine(result, texts[k]!)] : [],
    );
    if (lines.length === 0) return;
    rejects ??= openSync(rejectsPath, 'a', 0o600);
    writeFileSync(rejects, lines.join(''));
    fdatasyncSync(rejects);
  };
  const progress = options.progress === false ? undefined : ingestProgress(totalBytes);
  let totals: IngestSummary = { accepted: 0, duplicates: 0, rejected: 0 };
  const batchSize = options.batchSize ?? DEFAULT_INGEST_BATCH;
  // Transactions sized by time, not by the batch: a server's checks wait for the transaction in
  // progress, and a whole batch held them too long (docs/performance.md).
  const pace = registry.store.bulkTransaction;
  const sizer = new TransactionSizer(pace.budgetMs, { min: Math.min(pace.minRecords, batchSize), max: batchSize });
  /** Stores a prepared batch in transactions the sizer sizes, writing each one's rejects once it commits. */
  const commit = async (prepared: PreparedBatch, texts: readonly string[]) => {
    for (let from = 0; from < prepared.results.length;) {
      const to = Math.min(prepared.results.length, from + sizer.size);
      const started = performance.now();
      const slice = slicePrepared(prepared, from, to);
      const results = await registry.ingest.commit(slice);
      // A slice of rejected lines only never reached the store: it says nothing of its speed.
      if (slice.valid.length > 0) sizer.took(to - from, performance.now() - started);
      totals = summarise(results, totals);
      writeRejects(results, texts.slice(from, to), (k) => slice.results[k] === undefined);
      from = to;
      // Leave the store free for a moment: a server's checks waiting to be logged get in
      // between two transactions instead of behind the whole load.
      await new Promise((resolve) => setTimeout(resolve, TRANSACTION_GAP_MS));
    }
  };

  const input: IngestWorkerInput = {
    pack: registry.catalog.pack,
    file: options.file,
    format: options.format ?? formatOf(options.file),
    batchSize,
    maxLineBytes: options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES,
    today: registry.ingest.today(),
    ...(options.institution === undefined ? {} : { institution: options.institution }),
  };
  const worker = new Worker(new URL('./ingest-worker.js', import.meta.url), {
    workerData: input,
    // The worker holds a couple of batches at a time; a small heap keeps the process's memory flat.
    resourceLimits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 },
  });
  try {
    for await (const message of workerMessages(worker)) {
      if (message.kind === 'done') break;
      const refusedBefore = message.prepared.results;
      writeRejects(refusedBefore, message.texts, () => true);
      await commit(message.prepared, message.texts);
      worker.postMessage('ack');
      progress?.update(message.bytesRead, totals);
    }
  } finally {
    progress?.stop();
    await worker.terminate();
    if (rejects !== undefined) closeSync(rejects);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { summary: totals, rejectsFile: rejects !== undefined ? rejectsPath : undefined, seconds };
}

function rejectLine(result: Extract<ItemResult, { status: 'rejected' }>, text: string): string {
  return (
    JSON.stringify({ line: lineOf(result), text, errors: result.errors, ...(result.id ? { id: result.id } : {}) }) +
    '\n'
  );
}

/** The worker's messages in order; an error or an early exit of the worker ends the loop with an error. */
async function* workerMessages(worker: Worker): AsyncGenerator<IngestWorkerMessage> {
  const queue: IngestWorkerMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  worker.on('message', (message: IngestWorkerMessage) => {
    queue.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    failure = error;
    wake?.();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`ingest worker exited with code ${code}`);
    wake?.();
  });
  for (;;) {
    const next = queue.shift();
    if (next) {
      yield next;
      continue;
    }
    if (failure) throw failure;
    await new Promise<void>((resolve) => (wake = resolve));
  }
}
