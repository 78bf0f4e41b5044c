import type { ChildProcess } from 'node:child_process';
import { startCli, untilReady } from '../support/cli.js';

/** A `probity serve` process on a fixed loopback port. */
export interface ProbityNode {
  readonly url: string;
  readonly child: ChildProcess;
  /** What the process wrote (warnings and errors: PROBITY_LOG_LEVEL=warn). */
  output(): string;
  /** SIGTERM, then SIGKILL if it is still there after two seconds. */
  stop(): Promise<void>;
}

/** Starts `probity serve` against `db` and resolves once its /readyz answers 200. */
export async function startNode(
  db: string,
  port: number,
  auditKey: string,
  cookieSecret: string,
): Promise<ProbityNode> {
  const child = startCli(
    ['serve', '--db', db, '--host', '127.0.0.1', '--port', String(port), '--audit-key', auditKey],
    {
      PROBITY_LOG_LEVEL: 'warn',
      PROBITY_COOKIE_SECRET: cookieSecret,
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`serve on ${port} exited with ${code}:\n${output}`))),
  );
  const node: ProbityNode = { url, child, output: () => output, stop: () => stopChild(child) };
  try {
    await Promise.race([untilReadyRetrying(url), exited]);
  } catch (error) {
    await node.stop();
    throw error;
  }
  return node;
}

/** untilReady, but a refused connection while the process starts is a "not yet". */
async function untilReadyRetrying(url: string): Promise<void> {
  for (const started = Date.now(); Date.now() - started < 60_000;) {
    try {
      return await untilReady(url, 60_000 - (Date.now() - started));
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} not ready after 60 s`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
  await gone;
  clearTimeout(timer);
}
