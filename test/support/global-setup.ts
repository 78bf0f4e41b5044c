import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureChromium } from './chromium.js';
import { ensureRedis } from './redis-server.js';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.js';

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
