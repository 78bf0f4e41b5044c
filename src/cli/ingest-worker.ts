import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { Catalog } from '../domain/catalog/catalog.js';
import type { Pack } from '../domain/catalog/pack.js';
import { IDENTIFIER_SCHEMES } from '../domain/identifiers/identifier-schemes.js';
import { prepareLines, type SourceLine } from '../services/bulk-ingest.js';
import { fileLines, type IngestFormat } from './file-lines.js';

/** What the main thread tells the worker to read. */
export interface IngestWorkerInput {
  readonly pack: Pack;
  readonly file: string;
  readonly format: IngestFormat;
  readonly institution?: string;
  readonly batchSize: number;
  /** YYYY-MM-DD by the registry's clock (todayAnywhere), for dates inside identifiers. */
  readonly today: string;
  /** Longest line read, in bytes; a longer one is rejected as line_too_long. */
  readonly maxLineBytes: number;
}

/** What the worker sends back: one checked batch (with its line texts, for the rejects file), then `done`. */
export type IngestWorkerMessage =
  | {
      readonly kind: 'batch';
      readonly prepared: ReturnType<typeof prepareLines>;
      readonly texts: readonly string[];
      readonly bytesRead: number;
    }
  | { readonly kind: 'done' };

/** Batches the worker may run ahead of the store: enough to keep both cores busy, bounded memory. */
const MAX_IN_FLIGHT = 2;

/**
 * The reading half of `probity ingest`, on its own thread: reads, parses and checks
 * lines while the main thread writes the previous batch to the store.
 */
async function run(port: NonNullable<typeof parentPort>, input: IngestWorkerInput): Promise<void> {
  const catalog = new Catalog(input.pack, IDENTIFIER_SCHEMES);
  const { lines, input: stream } = fileLines(input.file, input.format, catalog, input.maxLineBytes);
  let inFlight = 0;
  port.on('message', () => inFlight--);
  const send = async (batch: SourceLine[]): Promise<void> => {
    const prepared = prepareLines(catalog, batch, {
      today: input.today,
      ...(input.institution === undefined ? {} : { institution: input.institution }),
    });
    const message: IngestWorkerMessage = {
      kind: 'batch',
      prepared,
      texts: batch.map((l) => l.text),
      bytesRead: stream.bytesRead,
    };
    port.postMessage(message);
    inFlight++;
    while (inFlight >= MAX_IN_FLIGHT) await once(port, 'message');
  };
  let batch: SourceLine[] = [];
  for await (const line of lines) {
    batch.push(line);
    if (batch.length >= input.batchSize) {
      await send(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await send(batch);
  port.postMessage({ kind: 'done' } satisfies IngestWorkerMessage);
}

if (parentPort) await run(parentPort, workerData as IngestWorkerInput);
