import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Pack } from './domain/catalog/pack.js';
import { PeriodicTask } from './services/periodic-task.js';
import type { Ratings } from './services/ratings.js';
import type { StoreOptions } from './store/store.js';

/** How often the follower looks for new feed events: a subject's rating is current within a second of a write. */
const RATINGS_EVERY_MS = 200;
/**
 * Pages of feed events per follower run: a backlog is worked off run by run, and stopping waits for
 * one run at most.
 */
const RATING_ROUNDS_PER_RUN = 40;
/** How long stopping waits for the thread's run in progress before it ends the thread. */
const STOP_WAIT_MS = 5_000;

/** Keeps the materialised ratings following the change feed while a server is up. */
export interface RatingFollower {
  /** `onError` hears of a run that failed; the next run tries again. */
  start(onError: (error: unknown) => void): void;
  stop(): Promise<void>;
}

/** The periodic run that rates the subjects of new feed events, on whichever thread it runs. */
export function ratingTask(ratings: Ratings, onError: (error: unknown) => void): PeriodicTask {
  return new PeriodicTask(() => ratings.catchUp(RATING_ROUNDS_PER_RUN), onError, RATINGS_EVERY_MS);
}

/** The follower on the caller's own thread (tests, and stores only this thread can open, such as `sqlite::memory:`). */
export function ratingFollowerInProcess(ratings: Ratings): RatingFollower {
  let task: PeriodicTask | undefined;
  return {
    start(onError) {
      task = ratingTask(ratings, onError);
      task.start();
    },
    stop: async () => task?.stop(),
  };
}

/**
 * What the follower's thread needs: the checked pack (plain data, so checking it again is
 * not the thread's half second of start-up) and its own connection to the same store.
 */
export interface RatingFollowerInput {
  readonly db: string;
  readonly pack: Pack;
  readonly store: StoreOptions | undefined;
}

/** A message from the follower's thread: a run that failed. */
export interface RatingFollowerMessage {
  readonly kind: 'error';
  readonly error: unknown;
}

/**
 * The follower on a thread of its own, with its own connection to the store. Rating a
 * bulk load's subjects is CPU work (CEL rules over every record of each subject) that
 * would otherwise hold the server's event loop between requests: single checks waited
 * behind it for hundreds of milliseconds while a bulk ingest ran.
 */
export function ratingFollowerThread(input: RatingFollowerInput): RatingFollower {
  let worker: Worker | undefined;
  let stopping = false;
  const run = (onError: (error: unknown) => void): void => {
    const thread = new Worker(new URL('./rating-follower-worker.js', import.meta.url), { workerData: input });
    thread.on('message', (message: RatingFollowerMessage) => onError(message.error));
    thread.on('error', onError);
    // A thread that died (out of memory, say) is started again; the cursor in the store says where it was.
    thread.on('exit', () => {
      if (!stopping) setTimeout(() => !stopping && run(onError), RATINGS_EVERY_MS).unref();
    });
    worker = thread;
  };
  return {
    start: run,
    async stop() {
      stopping = true;
      if (!worker) return;
      const exited = once(worker, 'exit');
      worker.postMessage('stop');
      const timer = setTimeout(() => void worker?.terminate(), STOP_WAIT_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}
