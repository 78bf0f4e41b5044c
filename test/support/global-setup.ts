import type { TestProject } from 'vitest/node';
import { ensureChromium } from './chromium.js';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres.js';

let server: RunningPostgres | undefined;

/** One real PostgreSQL server for the whole run; each test file makes its own database. */
export async function setup(project: TestProject): Promise<void> {
  ensureChromium();
  server = await startEmbeddedPostgres();
  project.provide('postgresAdminUrl', server.adminUrl);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}
