import cliProgress from 'cli-progress';

/** A long job's progress: a bar on a terminal, a plain line every few seconds otherwise (logs, CI). */
export interface ProgressBar<P extends Record<string, unknown>> {
  update(value: number, payload: P): void;
  stop(): void;
}

export interface ProgressFormat<P> {
  /** cli-progress format string; {bar}, {percentage}, {eta_formatted} and the payload's keys. */
  readonly bar: string;
  /** The line printed when the output is not a terminal. */
  readonly plain: (percent: number, payload: P) => string;
}

const PLAIN_EVERY_MS = 5000;

export function progressBar<P extends Record<string, unknown>>(
  total: number,
  format: ProgressFormat<P>,
  initial: P,
  out: NodeJS.WriteStream = process.stderr,
): ProgressBar<P> {
  if (out.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: out, format: format.bar, hideCursor: true, etaBuffer: 50 },
      cliProgress.Presets.shades_classic,
    );
    bar.start(Math.max(total, 1), 0, initial);
    return { update: (value, payload) => bar.update(Math.min(value, total), payload), stop: () => bar.stop() };
  }
  let lastPrinted = Date.now();
  return {
    update(value, payload) {
      const now = Date.now();
      if (now - lastPrinted < PLAIN_EVERY_MS) return;
      lastPrinted = now;
      const percent = total > 0 ? Math.floor((100 * Math.min(value, total)) / total) : 100;
      out.write(`progress: ${format.plain(percent, payload)}\n`);
    },
    stop() {},
  };
}

/** Items per second since `started`. */
export const ratePerSecond = (items: number, started: number): number =>
  Math.round(items / Math.max((Date.now() - started) / 1000, 0.001));
