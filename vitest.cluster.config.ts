import { defineConfig } from 'vitest/config';

/**
 * The chaos test of issue 15 (npm run test:cluster): a real Patroni cluster from Debian's
 * packages (cluster/cluster.sh), so it runs on its own and not in npm test.
 */
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.test.ts'],
    testTimeout: 480_000,
    hookTimeout: 300_000,
    maxWorkers: 1,
    minWorkers: 1,
  },
});
