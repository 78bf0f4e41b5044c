/**
 * A client that keeps asking until it gets an answer, and counts honestly what it met on the
 * way: answers (any status but 503 and a proxy's 502/504), 503s (the registry said "retry"),
 * and failures with no answer (a connection refused or reset, a proxy's 502/504 because the
 * node behind it died, a request that timed out). A request is lost if its deadline passes
 * with no answer at all.
 */

/** One attempt's outcome, with the time it ended. */
export interface Attempt {
  readonly at: number;
  /** The HTTP status, or 'no_answer' for a connection error or a timeout. */
  readonly status: number | 'no_answer';
  /** For a problem+json answer, its type. */
  readonly problem?: string;
}

export type Outcome =
  | { readonly answered: true; readonly status: number; readonly body: unknown; readonly attempts: readonly Attempt[] }
  | { readonly answered: false; readonly attempts: readonly Attempt[] };

export interface RetryPolicy {
  /** Give up (the request is lost) after this long. */
  readonly deadlineMs: number;
  /** One attempt's limit: longer is a hang, counted as no answer. */
  readonly attemptTimeoutMs: number;
  /** Pause before trying again after a 503 or no answer. */
  readonly retryDelayMs: number;
}

/** Sends until answered; `target(attempt)` picks the base URL of each attempt (a client may switch nodes). */
export async function sendUntilAnswered(
  target: (attempt: number, previous: Attempt | undefined) => string,
  path: string,
  init: { readonly headers: Record<string, string>; readonly body: string },
  policy: RetryPolicy,
): Promise<Outcome> {
  const attempts: Attempt[] = [];
  const deadline = Date.now() + policy.deadlineMs;
  while (Date.now() < deadline) {
    const attempt = await once(`${target(attempts.length, attempts.at(-1))}${path}`, init, policy.attemptTimeoutMs);
    attempts.push(attempt.attempt);
    if (attempt.answer)
      return { answered: true, status: attempt.attempt.status as number, body: attempt.answer.body, attempts };
    await new Promise((resolve) => setTimeout(resolve, policy.retryDelayMs));
  }
  return { answered: false, attempts };
}

async function once(
  url: string,
  init: { readonly headers: Record<string, string>; readonly body: string },
  timeoutMs: number,
) {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch {
    return { attempt: { at: Date.now(), status: 'no_answer' as const } };
  }
  const problem = response.headers.get('content-type')?.startsWith('application/problem+json')
    ? problemType(text)
    : undefined;
  const attempt: Attempt = { at: Date.now(), status: response.status, ...(problem === undefined ? {} : { problem }) };
  // A proxy's own 502/504 (no problem+json): the node behind it died or hung, no answer.
  const noAnswer =
    response.status === 503 || ((response.status === 502 || response.status === 504) && problem === undefined);
  return noAnswer ? { attempt } : { attempt, answer: { body: parse(text) } };
}

function problemType(text: string): string | undefined {
  const body = parse(text);
  return typeof body === 'object' && body !== null && 'type' in body ? String(body.type) : undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** What a load met, for the figures. */
export interface Tally {
  requests: number;
  answered: number;
  /** Requests whose deadline passed with no answer. */
  lost: number;
  /** Requests that met at least one attempt with no answer (connection error, proxy 502/504, timeout) before theirs. */
  neededRetry: number;
  /** 503 answers, by problem type (a node's store_unavailable, or the balancer's not_ready with no node ready). */
  unavailable: Record<string, number>;
  /** Answers that are neither the expected success nor a 503: each is a defect to report. */
  unexpected: { status: number; body: unknown }[];
}

export function newTally(): Tally {
  return { requests: 0, answered: 0, lost: 0, neededRetry: 0, unavailable: {}, unexpected: [] };
}

/** Adds one request's outcome; `expected` is the success status. */
export function count(tally: Tally, outcome: Outcome, expected: number): void {
  tally.requests += 1;
  if (
    outcome.attempts.some(
      (attempt) => attempt.status === 'no_answer' || attempt.status === 502 || attempt.status === 504,
    )
  )
    tally.neededRetry += 1;
  for (const attempt of outcome.attempts) {
    if (attempt.status === 503)
      tally.unavailable[attempt.problem ?? 'no problem type'] =
        (tally.unavailable[attempt.problem ?? 'no problem type'] ?? 0) + 1;
  }
  if (!outcome.answered) tally.lost += 1;
  else {
    tally.answered += 1;
    if (outcome.status !== expected) tally.unexpected.push({ status: outcome.status, body: outcome.body });
  }
}
