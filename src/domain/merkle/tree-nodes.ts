/**
 * Addressing the perfect subtrees of an RFC 6962 tree. A node at `level` L and
 * `index` i is the root of leaves [i * 2^L, (i + 1) * 2^L); level 0 holds the
 * leaf hashes. Only such perfect subtrees are ever stored: every other hash the
 * log needs is combined from a few of them.
 */
export interface TreeNode {
  readonly level: number;
  readonly index: number;
}

/** Leaves per level stay below 2^40 (a trillion entries), so an id fits a safe integer and a SQL bigint. */
const LEVEL_STRIDE = 2 ** 40;

/** One integer per node, for storage keys: level-major, so a level's nodes are contiguous. */
export function nodeId(node: TreeNode): number {
  return node.level * LEVEL_STRIDE + node.index;
}

/** Level-0 node ids are the leaf indexes themselves: stores keep leaf hashes beside their entries. */
export function isLeafNodeId(id: number): boolean {
  return id < LEVEL_STRIDE;
}

/** The largest power of two strictly below n (n >= 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees that make up leaves [start, end), left to right, largest
 * first, as RFC 6962's MTH splits them. `start` must be aligned as the tree's
 * own recursion aligns it (every range a proof or root asks for is).
 */
export function perfectSubtrees(start: number, end: number): TreeNode[] {
  const nodes: TreeNode[] = [];
  let at = start;
  while (at < end) {
    let size = 1;
    while (size * 2 <= end - at && at % (size * 2) === 0) size *= 2;
    nodes.push({ level: Math.log2(size), index: at / size });
    at += size;
  }
  return nodes;
}
