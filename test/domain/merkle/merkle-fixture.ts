import { CompactTree } from '../../../src/domain/merkle/compact-tree.js';
import {
  hashRange,
  isStoredLevel,
  type NodeHashes,
  type SubtreeRange,
} from '../../../src/domain/merkle/subtree-range.js';
import { nodeId } from '../../../src/domain/merkle/tree-nodes.js';

/** Every perfect subtree a log of these leaves stores, by node id and as "level/index=hex" lines. */
export function storedNodes(leaves: readonly Uint8Array[]): { hashes: NodeHashes; entries: string[] } {
  const tree = new CompactTree();
  const hashes = new Map<number, Uint8Array>();
  const entries: string[] = [];
  for (const leaf of leaves) {
    for (const node of tree.append(leaf)) {
      hashes.set(nodeId(node), node.hash);
      entries.push(`${node.level}/${node.index}=${Buffer.from(node.hash).toString('hex')}`);
    }
  }
  return { hashes, entries };
}

/** Only the nodes a store keeps (leaves and every third level), to show proofs need no more. */
export function onlyStoredLevels(nodes: NodeHashes): NodeHashes {
  return new Map([...nodes].filter(([id]) => isStoredLevel(Math.floor(id / 2 ** 40))));
}

/** A proof as base64 strings, hashed from stored nodes. */
export function proofFrom(ranges: readonly SubtreeRange[], nodes: NodeHashes): string[] {
  return ranges.map((range) => Buffer.from(hashRange(range, nodes)).toString('base64'));
}
