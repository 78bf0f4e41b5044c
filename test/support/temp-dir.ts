import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { inject } from 'vitest';

/**
 * A fresh folder under the run's temp root, which the global teardown removes: a test run
 * leaves nothing behind in the system's temp folder, however many stores it makes.
 */
export function testTempDir(prefix: string): string {
  return mkdtempSync(join(inject('testTempRoot'), prefix));
}
