/**
 * One phase of `npm run bench:screen`, in its own process (run with --expose-gc): the memory
 * the screening index takes for a store (JS heap plus array buffers), and how long it takes
 * to load. Prints one JSON line.
 *
 *   node --expose-gc dist/bench/screen-index-memory.js DB_URL
 */
import { systemClock } from '../src/services/clock.js';
import { ScreeningIndex } from '../src/services/screening-index.js';
import { openStore } from '../src/store/open-store.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const store = await openStore(process.argv[2]!);
const index = new ScreeningIndex({ store, clock: systemClock });
// The index keeps its columns in typed arrays, whose memory is outside the JS heap: count both.
const used = () => {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};
gc();
const before = used();
const started = process.hrtime.bigint();
await index.load();
const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;
gc();
const after = used();
await store.close();
process.stdout.write(
  `${JSON.stringify({ identifiers: index.size, loadSeconds, heapWithoutIndex: before, heapWithIndex: after })}\n`,
);
