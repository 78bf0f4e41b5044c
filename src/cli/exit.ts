import { ProbityError } from '../errors.js';

/** Exit codes of the `probity` command. */
export const EXIT = { ok: 0, rejected: 1, fatal: 2 } as const;

/** Runs a command body; a typed error becomes one line on stderr and exit code 2, anything else a stack. */
export async function runCommand(body: () => Promise<number | void>): Promise<void> {
  try {
    const code = await body();
    process.exitCode = code ?? EXIT.ok;
  } catch (error) {
    if (error instanceof ProbityError) process.stderr.write(`probity: ${error.code}: ${error.message}\n`);
    else process.stderr.write(`probity: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = EXIT.fatal;
  }
}
