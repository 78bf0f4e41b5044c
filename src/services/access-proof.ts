import type { AuditEntry } from '../domain/audit/audit-entry.js';
import { parseCheckpoint } from '../domain/audit/checkpoint.js';
import { openNote, type NoteVerifier } from '../domain/audit/signed-note.js';
import { hashLeaf } from '../domain/merkle/merkle-hash.js';
import { verifyInclusion, type ProofCheck } from '../domain/merkle/verify-proof.js';
import type { AuditLog } from './audit-log.js';
import { ACCESS_ACTIONS } from './subject-data.js';

/**
 * The proof that one access to a subject's data is in the log, as the server checked it: the
 * entry, the signed checkpoint that includes it, the inclusion proof and the verdict.
 */
export interface AccessProof {
  readonly index: number;
  /** The exact text hashed into the tree. */
  readonly entry: string;
  readonly leafHash: Uint8Array;
  /** The signed note of the checkpoint the proof leads to. */
  readonly checkpoint: string;
  /** The checkpoint's tree size: the proof's `size`. */
  readonly size: number;
  readonly root: Uint8Array;
  readonly hashes: readonly Uint8Array[];
  /** Valid only when the checkpoint's signature verifies with the log's key and the proof leads to its root. */
  readonly check: ProofCheck;
}

/**
 * The inclusion proof of entry `index`, for the subject it is about only: undefined when the log
 * has no such entry or it is not an access to the data of one of `subjectIds` (others' entries
 * are not to be seen, not even that they exist). The latest checkpoint is signed first if it
 * does not hold the entry yet. Verification is the log's own (RFC 9162 inclusion, C2SP signed
 * note with the log's public key), run here so the page can say whether it held.
 */
export async function accessProof(
  audit: AuditLog,
  verifier: NoteVerifier,
  index: number,
  subjectIds: readonly string[],
): Promise<AccessProof | undefined> {
  if (!Number.isSafeInteger(index) || index < 0) return undefined;
  const [row] = (await audit.entries(index, 1)).entries;
  if (!row || row.seq !== index || !isAccessTo(row.entry, subjectIds)) return undefined;
  const latest = await audit.latestCheckpoint();
  const signed = latest && latest.size > index ? latest : await audit.publishCheckpoint();
  const leafHash = hashLeaf(row.entry);
  const base = { index, entry: row.entry, leafHash, checkpoint: signed.note };
  let head;
  try {
    head = parseCheckpoint(openNote(signed.note, [verifier]).text);
  } catch (error) {
    const reason = `the checkpoint does not verify with the log's key: ${(error as Error).message}`;
    return { ...base, size: signed.size, root: new Uint8Array(), hashes: [], check: { valid: false, reason } };
  }
  const hashes = (await audit.inclusionProof(index, head.size)).hashes.map((h) => Buffer.from(h, 'base64'));
  const check = verifyInclusion(index, head.size, leafHash, hashes, head.root);
  return { ...base, size: head.size, root: head.root, hashes, check };
}

/** Whether an entry's text records someone reading the data of one of these subjects. */
function isAccessTo(text: string, subjectIds: readonly string[]): boolean {
  let entry: Partial<AuditEntry>;
  try {
    entry = JSON.parse(text) as Partial<AuditEntry>;
  } catch {
    return false;
  }
  return (
    typeof entry.subject === 'string' &&
    subjectIds.includes(entry.subject) &&
    typeof entry.action === 'string' &&
    ACCESS_ACTIONS.has(entry.action)
  );
}
