import { createHash } from 'node:crypto';

/** SHA-256 output length: every node and root hash of the log has it. */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** RFC 6962 section 2.1: the hash of a leaf is SHA-256(0x00 || entry). */
export function hashLeaf(entry: Uint8Array): Buffer {
  return createHash('sha256').update(LEAF_PREFIX).update(entry).digest();
}

/** RFC 6962 section 2.1: an interior node is SHA-256(0x01 || left || right). */
export function hashChildren(left: Uint8Array, right: Uint8Array): Buffer {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The root of the empty tree is the hash of the empty string. */
export const EMPTY_TREE_ROOT: Buffer = createHash('sha256').digest();
