import { CompactTree, type HashedNode } from '../merkle/compact-tree.js';
import { hashLeaf } from '../merkle/merkle-hash.js';
import { sealEntry, type AuditDraft } from './audit-entry.js';

/** One sealed entry, ready to store. */
export interface SealedEntry {
  readonly seq: number;
  readonly subject: string | null;
  readonly text: string;
}

/** What one append writes: the entries and every perfect subtree they complete. */
export interface SealedBatch {
  readonly entries: readonly SealedEntry[];
  readonly nodes: readonly HashedNode[];
  /** The tree's right edge after the batch, to append the next batch without reading it back. */
  readonly edge: readonly Uint8Array[];
}

/**
 * Numbers drafts from `size` on, seals them and hashes them into the tree whose
 * right edge is `edge` (the hashes of CompactTree.frontier(size)). Stores call it
 * inside the transaction that holds the log's append lock.
 */
export function sealAuditBatch(size: number, edge: readonly Uint8Array[], drafts: readonly AuditDraft[]): SealedBatch {
  const tree = new CompactTree(size, edge);
  const entries: SealedEntry[] = [];
  const nodes: HashedNode[] = [];
  drafts.forEach((draft, i) => {
    const seq = size + i;
    const text = sealEntry(seq, draft);
    entries.push({ seq, subject: draft.subject, text });
    nodes.push(...tree.append(hashLeaf(text)));
  });
  return { entries, nodes, edge: tree.edgeHashes() };
}
