import type { SubtreeRange } from './subtree-range.js';
import { splitPoint } from './tree-nodes.js';

/**
 * The subtrees whose hashes form the inclusion proof of leaf `index` in the tree
 * of `size` leaves, in proof order (RFC 9162 section 2.1.3.1, PATH).
 */
export function inclusionRanges(index: number, size: number): SubtreeRange[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`no leaf ${index} in a tree of size ${size}`);
  }
  return path(index, 0, size);
}

function path(index: number, start: number, end: number): SubtreeRange[] {
  if (end - start === 1) return [];
  const k = splitPoint(end - start);
  return index < start + k
    ? [...path(index, start, start + k), { start: start + k, end }]
    : [...path(index, start + k, end), { start, end: start + k }];
}

/**
 * The subtrees whose hashes prove that the tree of `from` leaves is a prefix of
 * the tree of `to` leaves, in proof order (RFC 9162 section 2.1.4.1, PROOF).
 * Empty when from is 0 or equals to: there is nothing to prove.
 */
export function consistencyRanges(from: number, to: number): SubtreeRange[] {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 0 || from > to) {
    throw new RangeError(`no consistency proof from size ${from} to size ${to}`);
  }
  if (from === 0 || from === to) return [];
  return subproof(from, 0, to, true);
}

function subproof(m: number, start: number, end: number, whole: boolean): SubtreeRange[] {
  const n = end - start;
  if (m === n) return whole ? [] : [{ start, end }];
  const k = splitPoint(n);
  return m <= k
    ? [...subproof(m, start, start + k, whole), { start: start + k, end }]
    : [...subproof(m - k, start + k, end, false), { start, end: start + k }];
}
