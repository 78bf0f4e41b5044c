import { EMPTY_TREE_ROOT, hashChildren } from './merkle-hash.js';
import { perfectSubtrees, type TreeNode } from './tree-nodes.js';

/** A perfect subtree with its hash. */
export interface HashedNode extends TreeNode {
  readonly hash: Uint8Array;
}

/**
 * The right edge of an append-only RFC 6962 tree: one hash per perfect subtree
 * of the current size (at most log2(size) of them). Enough to append leaves and
 * to compute the root without looking at anything older.
 */
export class CompactTree {
  private readonly edge: HashedNode[];
  private leaves: number;

  /** `edge` holds the hashes of frontier(size), left to right. */
  constructor(size = 0, edge: readonly Uint8Array[] = []) {
    const nodes = CompactTree.frontier(size);
    if (nodes.length !== edge.length)
      throw new RangeError(`a tree of size ${size} has ${nodes.length} edge hashes, not ${edge.length}`);
    this.edge = nodes.map((node, i) => ({ ...node, hash: edge[i]! }));
    this.leaves = size;
  }

  /** The perfect subtrees a tree of `size` leaves ends with: the nodes to load to resume appending. */
  static frontier(size: number): TreeNode[] {
    return perfectSubtrees(0, size);
  }

  get size(): number {
    return this.leaves;
  }

  /** Appends one leaf hash; returns every perfect subtree it completes, the leaf itself first. */
  append(leafHash: Uint8Array): HashedNode[] {
    let node: HashedNode = { level: 0, index: this.leaves, hash: leafHash };
    const completed = [node];
    while (this.edge.length > 0 && this.edge.at(-1)!.level === node.level) {
      const left = this.edge.pop()!;
      node = { level: node.level + 1, index: left.index / 2, hash: hashChildren(left.hash, node.hash) };
      completed.push(node);
    }
    this.edge.push(node);
    this.leaves += 1;
    return completed;
  }

  /** The hashes of frontier(size), left to right: what a new CompactTree needs to carry on. */
  edgeHashes(): Uint8Array[] {
    return this.edge.map((node) => node.hash);
  }

  /** MTH of the whole tree (RFC 6962 section 2.1). */
  root(): Uint8Array {
    if (this.edge.length === 0) return EMPTY_TREE_ROOT;
    let hash = this.edge.at(-1)!.hash;
    for (let i = this.edge.length - 2; i >= 0; i--) hash = hashChildren(this.edge[i]!.hash, hash);
    return hash;
  }
}
