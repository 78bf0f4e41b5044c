import { parseCheckpoint } from '../domain/audit/checkpoint.js';
import { openNote, type NoteVerifier } from '../domain/audit/signed-note.js';
import { CompactTree } from '../domain/merkle/compact-tree.js';
import { hashLeaf } from '../domain/merkle/merkle-hash.js';
import { tilePath, TILE_WIDTH } from '../domain/merkle/tile.js';
import { checkEntry, type VerifyProblem } from './audit-verify.js';

/** Where a monitor reads a log: its checkpoint and its entry bundles (C2SP tlog-tiles). */
export interface TileSource {
  checkpoint(): Promise<string>;
  /** The bundle at `tile/entries/<path>`. */
  entryBundle(path: string): Promise<Buffer>;
}

/** What a monitor keeps between runs: the last checkpoint it checked and the tree's right edge there. */
export interface MonitorState {
  readonly checkpoint: string;
  readonly size: number;
  /** Base64 hashes of the tree's right edge at `size` (CompactTree), to go on without rereading. */
  readonly edge: readonly string[];
}

export interface MonitorReport {
  /** The state to keep: the new checkpoint's, or the old one if this one could not be trusted. */
  readonly state: MonitorState | undefined;
  /** A split view or a rewritten history, with the two checkpoints that prove it. */
  readonly evidence: readonly string[];
  /** Entries edited or moved, by index. */
  readonly problems: readonly VerifyProblem[];
}

/**
 * One pass of a monitor: reads the log's latest checkpoint, checks its signature, rebuilds the
 * tree from where the last pass stopped with every new entry (each in canonical form at its
 * place) and compares the root. A checkpoint whose root the entries do not give, one of the same
 * size as the last with another root, or a smaller one, is evidence that the log shows more than
 * one history.
 */
export async function followLog(
  source: TileSource,
  verifier: NoteVerifier,
  previous: MonitorState | undefined,
): Promise<MonitorReport> {
  const note = await source.checkpoint();
  openNote(note, [verifier]);
  const checkpoint = parseCheckpoint(note);
  const evidence = (what: string) => ({
    state: previous,
    evidence: [what, ...(previous ? [`checkpoint before:\n${previous.checkpoint}`] : []), `checkpoint now:\n${note}`],
    problems: [],
  });
  if (previous && checkpoint.size < previous.size)
    return evidence(`the log shrank from ${previous.size} to ${checkpoint.size} entries`);
  const tree = new CompactTree(
    previous?.size ?? 0,
    (previous?.edge ?? []).map((hash) => Buffer.from(hash, 'base64')),
  );
  const problems: VerifyProblem[] = [];
  for (let index = tree.size; index < checkpoint.size;) {
    const tile = Math.floor(index / TILE_WIDTH);
    const width = Math.min(TILE_WIDTH, checkpoint.size - tile * TILE_WIDTH);
    const entries = splitBundle(await source.entryBundle(tilePath({ level: 0, index: tile, width })));
    for (let k = index - tile * TILE_WIDTH; k < width; k++, index++) {
      const entry = entries[k];
      if (entry === undefined) {
        problems.push({ index, message: `the bundle of tile ${tile} ends before entry ${index}` });
        return { state: previous, evidence: [], problems };
      }
      checkEntry(index, entry.toString('utf8'), problems);
      tree.append(hashLeaf(entry));
    }
  }
  if (problems.length > 0) return { state: previous, evidence: [], problems };
  if (Buffer.compare(tree.root(), checkpoint.root) !== 0) {
    return evidence(
      previous
        ? `the checkpoint of ${checkpoint.size} entries does not extend the one of ${previous.size} the monitor checked: ` +
            'the log shows another history'
        : `the log's entries do not hash to its checkpoint of ${checkpoint.size} entries`,
    );
  }
  const edge = tree.edgeHashes().map((hash) => Buffer.from(hash).toString('base64'));
  return { state: { checkpoint: note, size: checkpoint.size, edge }, evidence: [], problems };
}

/** An entry bundle's entries, each after its length as a big-endian uint16. */
export function splitBundle(bundle: Buffer): Buffer[] {
  const entries: Buffer[] = [];
  for (let at = 0; at + 2 <= bundle.length;) {
    const length = bundle.readUInt16BE(at);
    entries.push(bundle.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
}
