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

/**
 * Where an append puts what it makes, as it makes it: straight into a store's
 * statements (nothing is kept for the garbage collector to move), or into COPY rows.
 */
export interface SealSink {
  entry(entry: SealedEntry): void;
  /** An interior perfect subtree at a stored level (subtree-range isStoredLevel). */
  node(node: HashedNode): void;
}

/**
 * Numbers drafts from `size` on, seals them and hashes them into the tree whose right
 * edge is `edge` (edgeHashes(size)), handing each entry and stored node to `sink`;
 * returns the new right edge. Stores call it inside the transaction that holds the
 * log's append lock.
 */
export function sealAuditBatch(
  size: number,
  edge: readonly Uint8Array[],
  drafts: readonly AuditDraft[],
  sink: SealSink,
): Uint8Array[] {
  const tree = new CompactTree(size, edge);
  for (let i = 0; i < drafts.length; i++) {
    const draft = drafts[i]!;
    const seq = size + i;
    const text = sealEntry(seq, draft);
    const leafHash = hashLeaf(text);
    sink.entry({ seq, subject: draft.subject, text, leafHash });
    const completed = tree.append(leafHash);
    for (let k = 1; k < completed.length; k++) if (isStoredLevel(completed[k]!.level)) sink.node(completed[k]!);
  }
  return tree.edgeHashes();
}
