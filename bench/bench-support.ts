import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NoteSigner } from '../src/domain/audit/signed-note.js';

/** Shared by the benchmark drivers: the built CLI, phases in child processes, medians. */
export const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
export const CLI = join(BENCH_DIR, '..', 'src', 'cli', 'main.js');

/** The log key of benchmark stores (a fixed seed: nothing here is secret). */
export const BENCH_LOG_KEY = new NoteSigner('probity.bench/audit-log', Buffer.alloc(32, 7));

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Runs a phase script in its own process (its own peak RSS) and parses the JSON it prints last. */
export function runPhase<T>(script: string, args: readonly string[]): T {
  const output = execFileSync(process.execPath, [join(BENCH_DIR, script), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as T;
}

/** A file of `records` synthetic records made with `probity gen` (kept between runs of one bench). */
export function recordsFile(records: number, work: string): string {
  const file = join(work, `records-${records}.ndjson`);
  if (existsSync(file)) return file;
  // About 0.75 records per person with the generator's skew: size the population to reach N.
  generateRecords(file, records, Math.ceil(records * 1.4));
  return file;
}

/** Writes `records` records about `persons` persons (and organizations and bodies in proportion) with `probity gen`. */
export function generateRecords(file: string, records: number, persons: number): void {
  execFileSync(process.execPath, [
    CLI,
    'gen',
    '--persons',
    String(persons),
    '--orgs',
    String(Math.ceil(persons / 14)),
    '--gov',
    '2000',
    '--seed',
    '1',
    '--records',
    String(records),
    '--as-of',
    '2026-01-01',
    '--out',
    file,
  ]);
}

/**
 * Starts a node process (quiet logs), adds it to `children` for the caller to stop, and resolves
 * with the first group of `ready` in its output (a server's URL); rejects if it exits first.
 */
export function startProcess(args: readonly string[], ready: RegExp, children: ChildProcess[]): Promise<string> {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, PROBITY_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = ready.exec(output)?.[1];
      if (url) resolve(url);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}: ${output}`)));
  });
}

/**
 * Sends single checks at `rate` a second, the i-th about `subject(i)`, until `until` settles;
 * the latency of each, in ms (a check answered other than 200 fails the bench).
 */
export async function checksWhile(
  base: string,
  headers: Record<string, string>,
  until: Promise<unknown>,
  rate: number,
  subject: (i: number) => { scheme: string; value: string },
): Promise<number[]> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let done = false;
  void until.finally(() => (done = true));
  for (let i = 0; !done; i++) {
    const started = performance.now();
    pending.push(
      fetch(`${base}/v1/checks`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ subject: subject(i), action: 'air.ticket.any', purpose: 'ticket_sale' }),
      }).then(async (response) => {
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`check answered ${response.status}`);
        latencies.push(performance.now() - started);
      }),
    );
    await sleep(1000 / rate);
  }
  await Promise.all(pending);
  return latencies;
}

export function quantile(xs: readonly number[], q: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
