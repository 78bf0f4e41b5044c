import type { ItemError } from '../domain/records/item-error.js';
import { ProbityError } from '../errors.js';
import type { SourceLine } from './bulk-ingest.js';
import type { CheckAnswer, CheckOutcome, Screening } from './screening.js';

/** The counts that close a batch's answer. */
export interface BatchSummary {
  checks: number;
  allowed: number;
  denied: number;
  errors: number;
}

/** One line's answer, or why it got none: unreadable (its own code and pointer) or refused. */
export type BatchLineAnswer =
  | { readonly line: number; readonly answer: CheckAnswer }
  | { readonly line: number; readonly unreadable: ItemError }
  | { readonly line: number; readonly refused: ProbityError };

/**
 * What a batch yields: the answers of a chunk of lines, in order, then its summary (with the
 * failure that stopped it early, if one did).
 */
export type BatchPart =
  { readonly answers: readonly BatchLineAnswer[] } | { readonly summary: BatchSummary; readonly failure?: unknown };

/** Chunks of a batch (each screened and logged in one call) screened at a time. */
const CHUNKS_IN_FLIGHT = 2;

/**
 * Screens a stream of check lines for one relying party, chunk by chunk, each chunk logged in
 * one append of `chunkSize` checks (what the store logs best at once). The next chunk is
 * screened while the one before is being made durable (a PostgreSQL commit is a wait, not
 * work); answers still leave in order, each after its log entry. When screening fails part
 * way, `stopReading` is called, the chunks screened ahead of the failure (logged) are still
 * answered, and the summary carries the failure.
 */
export async function* screenBatch(
  screening: Screening,
  chunkSize: number,
  relyingParty: string,
  lines: AsyncIterable<SourceLine>,
  stopReading: () => void,
): AsyncGenerator<BatchPart> {
  const summary: BatchSummary = { checks: 0, allowed: 0, denied: 0, errors: 0 };
  const inFlight: Promise<BatchLineAnswer[]>[] = [];
  try {
    for await (const chunk of chunks(lines, chunkSize)) {
      const screened = screening.checkMany(
        relyingParty,
        chunk.map((line) => ('error' in line ? undefined : line.value)),
      );
      inFlight.push(
        screened.then((outcomes) => chunk.map((line, i) => counted(lineAnswer(line, outcomes[i]!), summary))),
      );
      // Settled later in order; a failure is met there, not as an unhandled rejection now.
      inFlight.at(-1)!.catch(() => {});
      if (inFlight.length === CHUNKS_IN_FLIGHT) yield { answers: await inFlight.shift()! };
    }
    while (inFlight.length > 0) yield { answers: await inFlight.shift()! };
    yield { summary };
  } catch (failure) {
    stopReading();
    for (const ahead of inFlight) {
      const answers = await ahead.catch(() => undefined);
      if (answers !== undefined) yield { answers };
    }
    yield { summary, failure };
  }
}

async function* chunks<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let chunk: T[] = [];
  for await (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

function lineAnswer(line: SourceLine, outcome: CheckOutcome): BatchLineAnswer {
  if ('error' in line) return { line: line.line, unreadable: line.error };
  if (!outcome.ok) return { line: line.line, refused: outcome.error };
  return { line: line.line, answer: outcome.answer };
}

function counted(answer: BatchLineAnswer, summary: BatchSummary): BatchLineAnswer {
  summary.checks++;
  if (!('answer' in answer)) summary.errors++;
  else if (answer.answer.decision === 'allow') summary.allowed++;
  else summary.denied++;
  return answer;
}
