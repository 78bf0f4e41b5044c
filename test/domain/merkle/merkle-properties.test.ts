import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompactTree } from '../../../src/domain/merkle/compact-tree.js';
import { hashLeaf } from '../../../src/domain/merkle/merkle-hash.js';
import { consistencyRanges, inclusionRanges } from '../../../src/domain/merkle/proof-ranges.js';
import { hashRange } from '../../../src/domain/merkle/subtree-range.js';
import { verifyConsistency, verifyInclusion } from '../../../src/domain/merkle/verify-proof.js';
import { onlyStoredLevels, storedNodes } from './merkle-fixture.js';

const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => hashLeaf(Buffer.from(`entry ${i}`)));
const LEAVES = leavesOf(300);
const NODES = onlyStoredLevels(storedNodes(LEAVES).hashes);
const rootAt = (size: number) => hashRange({ start: 0, end: size }, NODES);
const flipBit = (hash: Uint8Array) => Buffer.from(hash).fill(hash[0]! ^ 1, 0, 1);

describe('Merkle proofs on logs of any size', () => {
  it('keeps about a seventh as many interior nodes as the tree has', () => {
    const all = storedNodes(LEAVES).hashes.size - LEAVES.length;
    const kept = NODES.size - LEAVES.length;
    expect(kept).toBeLessThan(all / 6);
  });

  it('roots hashed from stored subtrees equal the roots of the growing tree', () => {
    const tree = new CompactTree();
    LEAVES.forEach((leaf, i) => {
      tree.append(leaf);
      expect(Buffer.from(rootAt(i + 1)).equals(Buffer.from(tree.root()))).toBe(true);
    });
  });

  it('an inclusion proof verifies, and fails once any hash in it is changed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1))),
        ([size, index]) => {
          const proof = inclusionRanges(index, size).map((r) => hashRange(r, NODES));
          expect(verifyInclusion(index, size, LEAVES[index]!, proof, rootAt(size)).valid).toBe(true);
          proof.forEach((_, i) => {
            const tampered = proof.map((h, j) => (i === j ? flipBit(h) : h));
            expect(verifyInclusion(index, size, LEAVES[index]!, tampered, rootAt(size)).valid).toBe(false);
          });
          expect(verifyInclusion(index, size, flipBit(LEAVES[index]!), proof, rootAt(size)).valid).toBe(false);
        },
      ),
    );
  });

  it('a consistency proof verifies, and fails against another old root', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }).chain((to) => fc.tuple(fc.integer({ min: 1, max: to }), fc.constant(to))),
        ([from, to]) => {
          const proof = consistencyRanges(from, to).map((r) => hashRange(r, NODES));
          expect(verifyConsistency(from, to, proof, rootAt(from), rootAt(to)).valid).toBe(true);
          expect(verifyConsistency(from, to, proof, flipBit(rootAt(from)), rootAt(to)).valid).toBe(false);
          if (from < to)
            expect(verifyConsistency(from, to, proof, rootAt(from), flipBit(rootAt(to))).valid).toBe(false);
        },
      ),
    );
  });

  it('asks for O(log n) stored nodes for a proof in a log of a trillion entries', () => {
    const size = 2 ** 39 + 12345;
    const ranges = [...inclusionRanges(777, size), ...consistencyRanges(size - 99, size)];
    const nodes = new Set(ranges.flatMap((r) => [r.start, r.end]));
    expect(ranges.length).toBeLessThanOrEqual(2 * 40);
    expect(nodes.size).toBeGreaterThan(0);
  });

  it('refuses proofs for leaves or sizes the log does not have', () => {
    expect(() => inclusionRanges(5, 5)).toThrow(RangeError);
    expect(() => consistencyRanges(6, 5)).toThrow(RangeError);
  });
});
