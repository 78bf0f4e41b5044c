import { hashChildren } from './merkle-hash.js';
import { nodeId, perfectSubtrees, type TreeNode } from './tree-nodes.js';

/** Leaves [start, end) of the log: a subtree whose hash (MTH) a root or proof needs. */
export interface SubtreeRange {
  readonly start: number;
  readonly end: number;
}

/** Looks up stored perfect-subtree hashes by node id (see nodeId). */
export type NodeHashes = ReadonlyMap<number, Uint8Array>;

/**
 * Stores keep the leaves and every third level of interior nodes (levels 0, 3, 6, …):
 * a seventh of the rows of keeping them all, while any other node is folded from at
 * most four stored ones, so proofs still take O(log n) reads.
 */
const STORED_LEVEL_STRIDE = 3;

export function isStoredLevel(level: number): boolean {
  return level % STORED_LEVEL_STRIDE === 0;
}

/** The stored nodes beneath a node (itself, if its level is stored), left to right. */
function storedCover(node: TreeNode): TreeNode[] {
  const drop = node.level % STORED_LEVEL_STRIDE;
  const width = 2 ** drop;
  return Array.from({ length: width }, (_, k) => ({ level: node.level - drop, index: node.index * width + k }));
}

/** The hash of a perfect subtree, folded pairwise from its stored cover. */
function nodeHash(node: TreeNode, nodes: NodeHashes): Uint8Array {
  let hashes = storedCover(node).map((stored) => {
    const hash = nodes.get(nodeId(stored));
    if (!hash) throw new RangeError(`node ${stored.level}/${stored.index} is not stored`);
    return hash;
  });
  while (hashes.length > 1)
    hashes = hashes.filter((_, i) => i % 2 === 0).map((left, i) => hashChildren(left, hashes[2 * i + 1]!));
  return hashes[0]!;
}

/** The ids of the stored nodes needed to hash every range: what to read, in one batch. */
export function nodeIdsFor(ranges: readonly SubtreeRange[]): number[] {
  const ids = new Set<number>();
  for (const range of ranges) {
    for (const node of perfectSubtrees(range.start, range.end))
      for (const stored of storedCover(node)) ids.add(nodeId(stored));
  }
  return [...ids];
}

/**
 * MTH(D[start:end]) from stored nodes: RFC 6962 splits at the largest power of two,
 * so folding the perfect subtrees from the right rebuilds the same tree.
 */
export function hashRange(range: SubtreeRange, nodes: NodeHashes): Uint8Array {
  const pieces = perfectSubtrees(range.start, range.end).map((node) => nodeHash(node, nodes));
  let hash = pieces.pop();
  if (!hash) throw new RangeError('an empty range has no subtree hash');
  while (pieces.length > 0) hash = hashChildren(pieces.pop()!, hash);
  return hash;
}

/** The stored nodes to read to resume appending to a tree of `size` leaves. */
export function edgeNodeIds(size: number): number[] {
  return size === 0 ? [] : nodeIdsFor([{ start: 0, end: size }]);
}

/** The hashes of the right edge of a tree of `size` leaves (CompactTree's edge), from stored nodes. */
export function edgeHashes(size: number, nodes: NodeHashes): Uint8Array[] {
  return perfectSubtrees(0, size).map((node) => nodeHash(node, nodes));
}
