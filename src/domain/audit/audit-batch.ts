import { CompactTree, type HashedNode } from '../merkle/compact-tree.js';
import { hashLeaf } from '../merkle/merkle-hash.js';
import { isStoredLevel } from '../merkle/subtree-range.js';
import { sealEntry, type AuditDraft } from './audit-entry.js';

/** One sealed entry, ready to store. */
export interface SealedEntry {
  readonly seq: number;
  readonly subject: string | null;
  readonly text: string;
  /** RFC 6962 leaf hash of the text (the level-0 node), stored beside it. */
  readonly leafHash: Uint8Array;
}

/** What one append writes: the entries and the interior perfect subtrees they complete at stored levels. */
export interface SealedBatch {
  readonly entries: readonly SealedEntry[];
  readonly nodes: readonly HashedNode[];
  /** The tree's right edge after the batch, to append the next batch without reading it back. */
  readonly edge: readonly Uint8Array[];
}

/**
 * Numbers drafts from `size` on, seals them and hashes them into the tree whose
 * right edge is `edge` (edgeHashes(size)). Stores call it
 * inside the transaction that holds the log's append lock.
 */
export function sealAuditBatch(size: number, edge: readonly Uint8Array[], drafts: readonly AuditDraft[]): SealedBatch {
  const tree = new CompactTree(size, edge);
  const entries: SealedEntry[] = [];
  const nodes: HashedNode[] = [];
  drafts.forEach((draft, i) => {
    const seq = size + i;
    const text = sealEntry(seq, draft);
    const leafHash = hashLeaf(text);
    entries.push({ seq, subject: draft.subject, text, leafHash });
    const completed = tree.append(leafHash);
    for (let k = 1; k < completed.length; k++) if (isStoredLevel(completed[k]!.level)) nodes.push(completed[k]!);
  });
  return { entries, nodes, edge: tree.edgeHashes() };
}
