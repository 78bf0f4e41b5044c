import { hashChildren } from './merkle-hash.js';
import { nodeId, perfectSubtrees } from './tree-nodes.js';

/** Leaves [start, end) of the log: a subtree whose hash (MTH) a root or proof needs. */
export interface SubtreeRange {
  readonly start: number;
  readonly end: number;
}

/** Looks up stored perfect-subtree hashes by node id (see nodeId). */
export type NodeHashes = ReadonlyMap<number, Uint8Array>;

/** The ids of the stored nodes needed to hash every range: what to read, in one batch. */
export function nodeIdsFor(ranges: readonly SubtreeRange[]): number[] {
  const ids = new Set<number>();
  for (const range of ranges) for (const node of perfectSubtrees(range.start, range.end)) ids.add(nodeId(node));
  return [...ids];
}

/**
 * MTH(D[start:end]) from stored perfect subtrees: RFC 6962 splits at the largest
 * power of two, so folding the pieces from the right rebuilds the same tree.
 */
export function hashRange(range: SubtreeRange, nodes: NodeHashes): Uint8Array {
  const pieces = perfectSubtrees(range.start, range.end).map((node) => {
    const hash = nodes.get(nodeId(node));
    if (!hash) throw new RangeError(`node ${node.level}/${node.index} is not stored`);
    return hash;
  });
  let hash = pieces.pop();
  if (!hash) throw new RangeError('an empty range has no subtree hash');
  while (pieces.length > 0) hash = hashChildren(pieces.pop()!, hash);
  return hash;
}
