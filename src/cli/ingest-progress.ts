import cliProgress from 'cli-progress';
import type { IngestSummary } from '../services/record-ingest.js';

/** Shows ingest progress: a bar with records/s and ETA on a terminal, a plain line every few seconds otherwise. */
export interface IngestProgress {
  update(bytesRead: number, totals: IngestSummary): void;
  stop(): void;
}

const PLAIN_EVERY_MS = 5000;

export function ingestProgress(totalBytes: number, out: NodeJS.WriteStream = process.stderr): IngestProgress {
  const started = Date.now();
  const rate = (totals: IngestSummary) => {
    const done = totals.accepted + totals.duplicates + totals.rejected;
    return Math.round(done / Math.max((Date.now() - started) / 1000, 0.001));
  };
  if (out.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: out,
        format: '{bar} {percentage}% | {records} records | {rate} records/s | ETA {eta_formatted} | {rejected} rejected',
        hideCursor: true,
        etaBuffer: 50,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(totalBytes, 1), 0, { records: 0, rate: 0, rejected: 0 });
    return {
      update(bytesRead, totals) {
        const records = totals.accepted + totals.duplicates + totals.rejected;
        bar.update(Math.min(bytesRead, totalBytes), { records, rate: rate(totals), rejected: totals.rejected });
      },
      stop: () => bar.stop(),
    };
  }
  let lastPrinted = started;
  return {
    update(bytesRead, totals) {
      const now = Date.now();
      if (now - lastPrinted < PLAIN_EVERY_MS) return;
      lastPrinted = now;
      const percent = totalBytes > 0 ? Math.floor((100 * bytesRead) / totalBytes) : 100;
      const records = totals.accepted + totals.duplicates + totals.rejected;
      out.write(`progress: ${percent}% ${records} records ${rate(totals)} records/s ${totals.rejected} rejected\n`);
    },
    stop() {},
  };
}
