import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Catalog } from '../domain/catalog/catalog.js';
import { syntheticRecords, type SyntheticOptions } from './synthetic-records.js';

/** Writes the synthetic records as NDJSON, honouring back-pressure; returns how many lines were written. */
export async function writeSyntheticFile(catalog: Catalog, options: SyntheticOptions, path: string): Promise<number> {
  // The population has names and identity numbers: for its owner's eyes only.
  const out = createWriteStream(path, { mode: 0o600 });
  let lines = 0;
  let chunk = '';
  for (const line of syntheticRecords(catalog, options)) {
    chunk += JSON.stringify(line) + '\n';
    lines++;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'close');
  return lines;
}
