import { parentPort, workerData } from 'node:worker_threads';
import { ratingTask, type RatingFollowerInput, type RatingFollowerMessage } from './rating-follower.js';
import { Catalog } from './domain/catalog/catalog.js';
import { IDENTIFIER_SCHEMES } from './domain/identifiers/identifier-schemes.js';
import { Assessments } from './services/assessments.js';
import { systemClock } from './services/clock.js';
import { Ratings } from './services/ratings.js';
import { openStore } from './store/open-store.js';

/** The rating follower's thread (ratingFollowerThread): follows the feed until told to stop. */
async function run(port: NonNullable<typeof parentPort>, input: RatingFollowerInput): Promise<void> {
  const catalog = new Catalog(input.pack, IDENTIFIER_SCHEMES);
  const store = await openStore(input.db, input.store);
  const clock = systemClock;
  const ratings = new Ratings({ store, assessments: new Assessments({ store, catalog, clock }), clock });
  const report = (error: unknown) => port.postMessage({ kind: 'error', error } satisfies RatingFollowerMessage);
  const task = ratingTask(ratings, report);
  port.once('message', () => {
    void task
      .stop()
      .finally(() => store.close())
      .finally(() => port.close());
  });
  task.start();
  task.runNow();
}

await run(parentPort!, workerData as RatingFollowerInput);
