import { ProbityError } from '../../errors.js';
import { HASH_SIZE } from '../merkle/merkle-hash.js';
import { verifyConsistency } from '../merkle/verify-proof.js';
import { parseCheckpoint } from './checkpoint.js';
import { openNote, splitNote, type NoteVerifier } from './signed-note.js';

/** The latest checkpoint a witness cosigned for one log: all it must remember (C2SP tlog-witness). */
export interface WitnessedTree {
  readonly size: number;
  readonly root: Uint8Array;
}

/** An add-checkpoint request: the size the log says the witness last saw, the proof from it, the checkpoint. */
export interface AddCheckpoint {
  readonly oldSize: number;
  readonly proof: readonly Uint8Array[];
  /** The signed note as submitted (it may carry more signatures than the log's). */
  readonly checkpoint: string;
}

/** The witness's answer, as tlog-witness defines its status codes. */
export type WitnessVerdict =
  | { readonly kind: 'cosign'; readonly origin: string; readonly tree: WitnessedTree; readonly body: string }
  | { readonly kind: 'bad_request'; readonly detail: string } // 400
  | { readonly kind: 'bad_signature' } // 403
  | { readonly kind: 'unknown_log' } // 404
  | { readonly kind: 'conflict'; readonly size: number } // 409, with the size the witness holds
  | { readonly kind: 'bad_proof'; readonly detail: string }; // 422

const MAX_PROOF_LINES = 63;
const OLD_SIZE = /^old (0|[1-9]\d*)$/;

/** Reads an add-checkpoint body: `old N`, up to 63 base64 hashes, a blank line, the checkpoint note. */
export function parseAddCheckpoint(body: string): AddCheckpoint {
  const bad = (detail: string) => new ProbityError('invalid_field', `add-checkpoint: ${detail}`);
  const blank = body.indexOf('\n\n');
  if (blank < 0) throw bad('the old size and proof must end with a blank line before the checkpoint');
  const [first = '', ...proofLines] = body.slice(0, blank).split('\n');
  const old = OLD_SIZE.exec(first);
  if (!old) throw bad('the first line must be "old <size>"');
  if (proofLines.length > MAX_PROOF_LINES) throw bad(`at most ${MAX_PROOF_LINES} proof lines`);
  const proof = proofLines.map((line) => {
    const hash = Buffer.from(line, 'base64');
    if (hash.length !== HASH_SIZE || hash.toString('base64') !== line) throw bad('a proof line is not a base64 hash');
    return hash;
  });
  return { oldSize: Number(old[1]), proof, checkpoint: body.slice(blank + 2) };
}

/**
 * What a witness answers to a checkpoint, given the latest tree it cosigned for that log
 * (undefined: never). It cosigns only a checkpoint the log's key signed that extends what it
 * cosigned before, so no two clients can be shown histories that fork.
 */
export function judgeCheckpoint(
  request: AddCheckpoint,
  logKeys: (origin: string) => readonly NoteVerifier[] | undefined,
  latest: (origin: string) => WitnessedTree | undefined,
): WitnessVerdict {
  let body: string;
  let checkpoint: ReturnType<typeof parseCheckpoint>;
  try {
    body = splitNote(request.checkpoint).text;
    checkpoint = parseCheckpoint(body);
  } catch (error) {
    return { kind: 'bad_request', detail: (error as Error).message };
  }
  const keys = logKeys(checkpoint.origin);
  if (!keys) return { kind: 'unknown_log' };
  try {
    openNote(request.checkpoint, keys);
  } catch {
    return { kind: 'bad_signature' };
  }
  if (request.oldSize > checkpoint.size)
    return { kind: 'bad_request', detail: `old size ${request.oldSize} is past the checkpoint's ${checkpoint.size}` };
  const seen = latest(checkpoint.origin);
  if (request.oldSize !== (seen?.size ?? 0)) return { kind: 'conflict', size: seen?.size ?? 0 };
  const tree = { size: checkpoint.size, root: checkpoint.root };
  if (!seen) {
    if (request.proof.length > 0) return { kind: 'bad_proof', detail: 'a proof from size 0 must be empty' };
    return { kind: 'cosign', origin: checkpoint.origin, tree, body };
  }
  if (seen.size === checkpoint.size && Buffer.compare(seen.root, checkpoint.root) !== 0)
    return { kind: 'conflict', size: seen.size };
  const check = verifyConsistency(seen.size, checkpoint.size, request.proof, seen.root, checkpoint.root);
  if (!check.valid) return { kind: 'bad_proof', detail: check.reason };
  return { kind: 'cosign', origin: checkpoint.origin, tree, body };
}
