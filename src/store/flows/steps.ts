/**
 * A write flow written once for both stores. SQLite (better-sqlite3) answers synchronously and
 * its transaction must run to its end without yielding, or other requests of the process would
 * read its uncommitted rows; PostgreSQL answers with promises. A flow is a generator that hands
 * each answer of its transaction through `awaited`: a value passes straight through, a promise
 * is yielded to `runAsync`, which resumes the flow with what it resolves to. `runNow` runs a flow
 * whose transaction never gives a promise, in one go.
 */
export type Step<T> = Generator<Promise<unknown>, T, unknown>;

/** What a transaction gives: a value now (SQLite) or a promise of it (PostgreSQL). */
export type Answer<T> = T | Promise<T>;

/** The value of a transaction's answer, inside a flow: `const ids = yield* awaited(tx.subjectIdsOf(...))`. */
export function* awaited<T>(answer: Answer<T>): Step<T> {
  return answer instanceof Promise ? ((yield answer) as T) : answer;
}

/** Runs a flow over a synchronous transaction, to its end, before returning. */
export function runNow<T>(flow: Step<T>): T {
  const next = flow.next();
  if (!next.done) throw new Error('a synchronous write flow was given a promise');
  return next.value;
}

/** Runs a flow over an asynchronous transaction; a rejected answer is thrown into the flow where it waited. */
export async function runAsync<T>(flow: Step<T>): Promise<T> {
  let next = flow.next();
  while (!next.done) {
    let answer: unknown;
    try {
      answer = await next.value;
    } catch (error) {
      next = flow.throw(error);
      continue;
    }
    next = flow.next(answer);
  }
  return next.value;
}
