import { HASH_SIZE, hashChildren } from './merkle-hash.js';

/** A verifier's answer: valid, or why not. Malformed input is never valid. */
export type ProofCheck = { readonly valid: true } | { readonly valid: false; readonly reason: string };

const VALID: ProofCheck = { valid: true };
const invalid = (reason: string): ProofCheck => ({ valid: false, reason });

const sameHash = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && Buffer.compare(a, b) === 0;
const isSize = (n: number): boolean => Number.isSafeInteger(n) && n >= 0;
const isPowerOfTwo = (n: number): boolean => (BigInt(n) & BigInt(n - 1)) === 0n;
const badHash = (hashes: readonly Uint8Array[]): boolean => hashes.some((h) => h.length !== HASH_SIZE);

/** RFC 9162 section 2.1.3.2: does `proof` put `leafHash` at `index` in the tree with `root` of `size` leaves? */
export function verifyInclusion(
  index: number,
  size: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): ProofCheck {
  if (!isSize(index) || !isSize(size) || index >= size)
    return invalid(`leaf index ${index} is outside a tree of size ${size}`);
  if (badHash([leafHash, root, ...proof])) return invalid(`every hash must be ${HASH_SIZE} bytes`);
  let fn = BigInt(index);
  let sn = BigInt(size - 1);
  let r: Uint8Array = leafHash;
  for (const p of proof) {
    if (sn === 0n) return invalid('the proof is longer than the tree is deep');
    if ((fn & 1n) === 1n || fn === sn) {
      r = hashChildren(p, r);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      r = hashChildren(r, p);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return invalid('the proof is shorter than the tree is deep');
  return sameHash(r, root) ? VALID : invalid('the proof does not lead to the root');
}

/** RFC 9162 section 2.1.4.2: is the tree (`size1`, `root1`) a prefix of the tree (`size2`, `root2`)? */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): ProofCheck {
  if (!isSize(size1) || !isSize(size2) || size1 > size2) return invalid(`size ${size1} cannot grow into size ${size2}`);
  // As transparency-dev/merkle decides: from the empty tree there is nothing to prove, so no proof is accepted.
  if (size1 === 0) return invalid('a consistency proof from the empty tree proves nothing');
  if (size1 === size2) {
    if (proof.length > 0) return invalid('trees of equal size need an empty proof');
    return sameHash(root1, root2) ? VALID : invalid('trees of equal size have different roots');
  }
  if (proof.length === 0) return invalid('the proof is empty');
  if (badHash([root1, root2, ...proof])) return invalid(`every hash must be ${HASH_SIZE} bytes`);

  // When the old tree is a perfect subtree of the new one, its root is the proof's implied first hash.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = BigInt(size1 - 1);
  let sn = BigInt(size2 - 1);
  while ((fn & 1n) === 1n) {
    fn >>= 1n;
    sn >>= 1n;
  }
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0n) return invalid('the proof is longer than the trees need');
    if ((fn & 1n) === 1n || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while ((fn & 1n) === 0n && fn !== 0n) {
        fn >>= 1n;
        sn >>= 1n;
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn >>= 1n;
    sn >>= 1n;
  }
  if (sn !== 0n) return invalid('the proof is shorter than the trees need');
  if (!sameHash(fr, root1)) return invalid('the proof does not lead to the old root');
  return sameHash(sr, root2) ? VALID : invalid('the proof does not lead to the new root');
}
