import type { Reporter, File, Task } from 'vitest';

/**
 * Ends the run with the plain line `N passed, N failed[, N skipped]` that CI reads,
 * whatever the default reporter printed above it.
 */
export default class SummaryReporter implements Reporter {
  onFinished(files: File[] = [], errors: unknown[] = []): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const visit = (task: Task): void => {
      if (task.type === 'suite') {
        // A file that failed to load has no tests; count it as one failure.
        if (task.result?.state === 'fail' && task.tasks.length === 0) counts.failed++;
        task.tasks.forEach(visit);
        return;
      }
      const state = task.result?.state;
      if (state === 'pass') counts.passed++;
      else if (state === 'fail') counts.failed++;
      else counts.skipped++;
    };
    files.forEach(visit);
    counts.failed += errors.length;
    process.stdout.write(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped\n`);
  }
}
