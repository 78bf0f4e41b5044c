import { ProbityError } from '../../errors.js';
import { HASH_SIZE } from '../merkle/merkle-hash.js';

/** A tree head (C2SP tlog-checkpoint): which log, how many entries, and the root hash. */
export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
}

/** The checkpoint body: origin line, decimal size, base64 root, each ending in a newline. */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  return `${checkpoint.origin}\n${checkpoint.size}\n${Buffer.from(checkpoint.root).toString('base64')}\n`;
}

/** Parses a checkpoint body (extension lines are allowed and ignored); malformed bodies are errors. */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  const [origin, size, root] = lines;
  const malformed = (detail: string) => new ProbityError('malformed_note', `not a checkpoint: ${detail}`);
  if (!origin || lines.length < 4) throw malformed('it needs an origin, a size and a root hash line');
  if (!size || !/^(0|[1-9][0-9]*)$/.test(size) || !Number.isSafeInteger(Number(size)))
    throw malformed(`bad tree size ${JSON.stringify(size)}`);
  const hash = Buffer.from(root ?? '', 'base64');
  if (hash.length !== HASH_SIZE || hash.toString('base64') !== root)
    throw malformed('the root is not a base64 SHA-256 hash');
  return { origin, size: Number(size), root: hash };
}
