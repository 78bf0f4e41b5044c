import type { IngestSummary } from '../services/record-ingest.js';
import { progressBar, ratePerSecond } from './progress-bar.js';

/** Shows ingest progress by bytes read: records, records/s, ETA and rejections. */
export interface IngestProgress {
  update(bytesRead: number, totals: IngestSummary): void;
  stop(): void;
}

export function ingestProgress(totalBytes: number, out: NodeJS.WriteStream = process.stderr): IngestProgress {
  const started = Date.now();
  const bar = progressBar(
    totalBytes,
    {
      bar: '{bar} {percentage}% | {records} records | {rate} records/s | ETA {eta_formatted} | {rejected} rejected',
      plain: (percent, p) => `${percent}% ${p.records} records ${p.rate} records/s ${p.rejected} rejected`,
    },
    { records: 0, rate: 0, rejected: 0 },
    out,
  );
  return {
    update(bytesRead, totals) {
      const records = totals.accepted + totals.duplicates + totals.rejected;
      bar.update(bytesRead, { records, rate: ratePerSecond(records, started), rejected: totals.rejected });
    },
    stop: () => bar.stop(),
  };
}
