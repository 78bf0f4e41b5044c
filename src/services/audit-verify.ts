import { sealEntry, type AuditEntry } from '../domain/audit/audit-entry.js';
import { parseCheckpoint, type Checkpoint } from '../domain/audit/checkpoint.js';
import { openNote, type NoteVerifier } from '../domain/audit/signed-note.js';
import { CompactTree } from '../domain/merkle/compact-tree.js';
import { hashLeaf } from '../domain/merkle/merkle-hash.js';
import { verifyConsistency } from '../domain/merkle/verify-proof.js';
import type { StoredAuditEntry } from '../store/store.js';

import type { AuditStore } from '../store/audit-store.js';
import type { AuditLog } from './audit-log.js';

/** Where a verification reads the log from: the database itself (storeAuditSource), or a server's API. */
export interface AuditSource {
  size(): Promise<number>;
  /**
   * Entries [start, end), in order; with the leaf hashes stored while appending when the source
   * has them (a database does).
   */
  entries(start: number, end: number): Promise<StoredAuditEntry[]>;
  /** Signed checkpoints the log published. */
  checkpoints(): Promise<string[]>;
  consistencyProof(from: number, to: number): Promise<Uint8Array[]>;
}

export interface VerifyOptions {
  readonly source: AuditSource;
  /** Keys a checkpoint must be signed with. */
  readonly verifiers: readonly NoteVerifier[];
  /** Checkpoints saved earlier outside the log (an auditor's copy), each checked for consistency with the log. */
  readonly saved?: readonly { readonly label: string; readonly note: string }[];
  readonly pageSize?: number;
}

export interface VerifyProblem {
  /** The first entry index the problem concerns, when it names one. */
  readonly index?: number;
  readonly message: string;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly size: number;
  readonly checkpointsVerified: number;
  /** The largest verified checkpoint size: entries after it are not signed yet. */
  readonly signedSize: number;
  readonly problems: readonly VerifyProblem[];
  readonly firstBadIndex: number | null;
}

interface SignedHead extends Checkpoint {
  readonly label: string;
}

/**
 * Recomputes the Merkle tree from every entry and checks it against every signed
 * checkpoint, the entries against the leaf hashes stored when they were appended,
 * and the saved checkpoints for consistency with the current one. Reads the log
 * once, page by page, keeping O(log n) hashes.
 */
export async function verifyAuditLog(options: VerifyOptions): Promise<VerifyReport> {
  const { source, verifiers } = options;
  const problems: VerifyProblem[] = [];
  const logged = (await source.checkpoints()).map((note, i) => ({ label: `published checkpoint #${i + 1}`, note }));
  const saved = options.saved ?? [];
  const heads = new Map<number, SignedHead>();
  const savedHeads: SignedHead[] = [];
  for (const { label, note } of [...logged, ...saved]) {
    const head = openHead(label, note, verifiers, problems);
    if (!head) continue;
    const other = heads.get(head.size);
    if (other && !Buffer.from(other.root).equals(Buffer.from(head.root))) {
      problems.push({
        message:
          `${label} and ${other.label} are both signed ` +
          `for size ${head.size} with different roots: ` +
          `the log forked`,
      });
    }
    heads.set(head.size, head);
    if (saved.some((s) => s.label === label)) savedHeads.push(head);
  }

  const size = await source.size();
  const tree = new CompactTree();
  const pageSize = options.pageSize ?? 10_000;
  for (let start = 0; start < size; start += pageSize) {
    const end = Math.min(size, start + pageSize);
    const rows = await source.entries(start, end);
    let next = 0;
    for (let index = start; index < end; index++) {
      // Rows come in seq order; a gap means deleted rows.
      while (next < rows.length && rows[next]!.seq < index) next++;
      const row = rows[next]?.seq === index ? rows[next] : undefined;
      if (row === undefined) {
        problems.push({ index, message: `entry ${index} is missing` });
        tree.append(Buffer.alloc(32));
        continue;
      }
      checkEntry(index, row.text, problems);
      const leaf = hashLeaf(row.text);
      if (row.leafHash && !Buffer.from(row.leafHash).equals(leaf)) {
        problems.push({
          index,
          message: `entry ${index} does not match the leaf hash stored when it was appended: it was altered`,
        });
      }
      tree.append(leaf);
      const head = heads.get(tree.size);
      if (head && !Buffer.from(head.root).equals(Buffer.from(tree.root()))) {
        problems.push({
          index: Math.max(0, head.size - 1),
          message:
            `the first ${head.size} entries do not hash to the root of ${head.label}: ` +
            `an entry before ${head.size} was altered, removed or reordered`,
        });
      }
    }
  }

  const largest = Math.max(0, ...heads.keys());
  for (const head of heads.values()) {
    if (head.size > size) {
      problems.push({
        index: size,
        message:
          `${head.label} is signed for ${head.size} entries but the log has ${size}: ` +
          `entries from ${size} on are missing`,
      });
    }
  }
  const latest = heads.get(largest);
  if (latest && latest.size <= size) await checkSavedConsistency(source, savedHeads, latest, problems);
  if (heads.size === 0 && size > 0)
    problems.push({ message: 'no checkpoint verified: nothing ties these entries to a signed tree head' });

  const indexes = problems.flatMap((p) => (p.index === undefined ? [] : [p.index]));
  return {
    ok: problems.length === 0,
    size,
    checkpointsVerified: heads.size,
    signedSize: largest,
    problems,
    firstBadIndex: indexes.length > 0 ? Math.min(...indexes) : null,
  };
}

function openHead(
  label: string,
  note: string,
  verifiers: readonly NoteVerifier[],
  problems: VerifyProblem[],
): SignedHead | undefined {
  try {
    const { text } = openNote(note, verifiers);
    return { label, ...parseCheckpoint(text) };
  } catch (error) {
    problems.push({ message: `${label}: ${(error as Error).message} (was the log key replaced?)` });
    return undefined;
  }
}

/**
 * An entry must carry its own position and be exactly an audit entry in canonical
 * form (sealEntry is RFC 8785 for that shape): otherwise entries were edited or moved.
 */
export function checkEntry(index: number, text: string, problems: VerifyProblem[]): void {
  let entry: AuditEntry;
  try {
    entry = JSON.parse(text) as AuditEntry;
  } catch {
    problems.push({ index, message: `entry ${index} is not JSON` });
    return;
  }
  if (entry.seq !== index) {
    problems.push({
      index,
      message: `entry ${index} carries sequence number ${String(entry.seq)}: entries were reordered or replaced`,
    });
  } else if (sealEntry(index, entry) !== text) {
    problems.push({ index, message: `entry ${index} is not an audit entry in RFC 8785 canonical form: it was edited` });
  }
}

/** Each saved checkpoint must be a prefix of the latest signed one (RFC 9162 consistency proof). */
async function checkSavedConsistency(
  source: AuditSource,
  saved: readonly SignedHead[],
  latest: SignedHead,
  problems: VerifyProblem[],
): Promise<void> {
  for (const head of saved) {
    if (head.size > latest.size) {
      problems.push({
        index: latest.size,
        message:
          `${head.label} has ${head.size} entries, more than the log's latest signed size ${latest.size}: ` +
          `the log was truncated`,
      });
      continue;
    }
    if (head.size === 0 || head === latest) continue;
    const proof = await source.consistencyProof(head.size, latest.size);
    const check = verifyConsistency(head.size, latest.size, proof, head.root, latest.root);
    if (!check.valid)
      problems.push({
        message:
          `${head.label} (size ${head.size}) is not consistent with ${latest.label} (size ${latest.size}): ` +
          `${check.reason}`,
      });
  }
}

/** Signed checkpoints checked from a store: every one of a young log, an even spread and the latest of an old one. */
const CHECKPOINTS_TO_CHECK = 1000;

/** Reads the log straight from a store, stored leaf hashes included. */
export function storeAuditSource(store: AuditStore, audit: AuditLog): AuditSource {
  return {
    size: () => store.auditSize(),
    entries: (start, end) => store.auditEntries(start, end),
    checkpoints: async () => (await store.checkpoints(CHECKPOINTS_TO_CHECK)).map((c) => c.note),
    consistencyProof: async (from, to) =>
      (await audit.consistencyProof(from, to)).hashes.map((h) => Buffer.from(h, 'base64')),
  };
}
