import type { AuditDraft } from '../domain/audit/audit-entry.js';
import { formatCheckpoint } from '../domain/audit/checkpoint.js';
import { REFERENCE_TAG_KEY_INFO, referenceTag } from '../domain/audit/reference-tag.js';
import type { NoteSigner } from '../domain/audit/signed-note.js';
import { EMPTY_TREE_ROOT } from '../domain/merkle/merkle-hash.js';
import { consistencyRanges, inclusionRanges } from '../domain/merkle/proof-ranges.js';
import { hashRange, nodeIdsFor, type SubtreeRange } from '../domain/merkle/subtree-range.js';
import { ProbityError } from '../errors.js';
import type { StoredCheckpoint } from '../store/store.js';

import type { AuditStore } from '../store/audit-store.js';
import type { Clock } from './clock.js';
import { GroupCommit } from './group-commit.js';

/** A proof as the API gives it: hashes in base64, in RFC 9162 order. */
export interface AuditProof {
  readonly hashes: readonly string[];
}

export interface SubjectAuditView {
  readonly checkpoint: string;
  readonly size: number;
  /** `entry` is the exact canonical JSON text hashed into the tree. */
  readonly entries: readonly {
    readonly seq: number;
    readonly entry: string;
    readonly inclusionProof: readonly string[];
  }[];
  /** Where to continue, or null at the end. */
  readonly next: number | null;
}

/**
 * The tamper-evident log as a use case: personal-data reads appended with group
 * commit, roots and proofs from stored subtrees (O(log n) reads), and signed
 * checkpoints. Writes append their own entries inside the store's transactions.
 */
export class AuditLog {
  private readonly reads: GroupCommit<AuditDraft>;
  /** Derived from the signing key: every server of one registry tags a reference alike, across restarts. */
  private readonly referenceKey: Buffer | undefined;

  constructor(
    private readonly deps: {
      readonly store: AuditStore;
      readonly clock: Clock;
      readonly signer?: NoteSigner | undefined;
    },
  ) {
    this.reads = new GroupCommit((drafts) => deps.store.appendAudit(drafts));
    this.referenceKey = deps.signer?.deriveKey(REFERENCE_TAG_KEY_INFO);
  }

  /** What an entry keeps of a relying party's free-text reference: its keyed tag (see referenceTag). */
  tagReference(reference: string): string {
    // Fail closed: without the key there is no way to keep a reference out of the log but dropping it silently.
    if (!this.referenceKey)
      throw new ProbityError('invalid_config', 'no audit log key is configured (probity audit keygen)');
    return referenceTag(this.referenceKey, reference);
  }

  /**
   * Appends the entry of a read once per `series`: a later read in the same series with the
   * same object hash appends nothing (several servers agree, through the store). A series
   * named after a time window records repeated reads as one entry per window.
   */
  recordReadOnce(series: string, draft: Omit<AuditDraft, 'time'>): Promise<boolean> {
    return this.deps.store.publish(series, { ...draft, time: this.deps.clock.now().toISOString() });
  }

  /** Appends the entry of a read; resolve before the answer leaves the server. */
  recordRead(draft: Omit<AuditDraft, 'time'>): Promise<number> {
    return this.recordReads([draft]);
  }

  /** Appends the entries of many reads in one group (a batch of checks); resolves once all are durable. */
  recordReads(drafts: readonly Omit<AuditDraft, 'time'>[]): Promise<number> {
    const time = this.deps.clock.now().toISOString();
    return this.reads.addAll(drafts.map((draft) => ({ ...draft, time })));
  }

  /** Waits for reads being appended; before shutting down. */
  drain(): Promise<void> {
    return this.reads.drain();
  }

  size(): Promise<number> {
    return this.deps.store.auditSize();
  }

  /** The latest signed checkpoint, if any. */
  latestCheckpoint(): Promise<StoredCheckpoint | undefined> {
    return this.deps.store.latestCheckpoint();
  }

  async inclusionProof(index: number, size: number): Promise<AuditProof> {
    await this.requireSize(size);
    if (!Number.isSafeInteger(index) || index < 0 || index >= size) {
      throw new ProbityError('invalid_tree_size', `there is no entry ${index} in a tree of size ${size}`);
    }
    return { hashes: await this.hashes(inclusionRanges(index, size)) };
  }

  async consistencyProof(from: number, to: number): Promise<AuditProof> {
    await this.requireSize(to);
    if (!Number.isSafeInteger(from) || from < 1 || from > to) {
      throw new ProbityError(
        'invalid_tree_size',
        `no consistency proof from size ${from} to size ${to} (need 1 <= from <= to)`,
      );
    }
    return { hashes: await this.hashes(consistencyRanges(from, to)) };
  }

  /** MTH of the first `size` entries, from O(log n) stored subtrees. */
  async root(size: number): Promise<Uint8Array> {
    if (size === 0) return EMPTY_TREE_ROOT;
    const range = { start: 0, end: size };
    return hashRange(range, await this.deps.store.auditNodes(nodeIdsFor([range])));
  }

  /** At most `limit` entries from `start` on, each as the exact text hashed into the tree. */
  async entries(
    start: number,
    limit: number,
  ): Promise<{ entries: { seq: number; entry: string }[]; next: number | null }> {
    const size = await this.size();
    const end = Math.min(size, start + limit);
    const rows = start < end ? await this.deps.store.auditEntries(start, end) : [];
    return { entries: rows.map((row) => ({ seq: row.seq, entry: row.text })), next: end < size ? end : null };
  }

  /** The entries about one subject, each with its inclusion proof in a freshly signed checkpoint. */
  async aboutSubject(subjectId: string, from: number, limit: number): Promise<SubjectAuditView> {
    const checkpoint = await this.publishCheckpoint();
    const rows = (await this.deps.store.auditEntriesAbout(subjectId, from, limit + 1)).filter(
      (row) => row.seq < checkpoint.size,
    );
    const page = rows.slice(0, limit);
    const ranges = page.map((row) => inclusionRanges(row.seq, checkpoint.size));
    const nodes = await this.deps.store.auditNodes(nodeIdsFor(ranges.flat()));
    return {
      checkpoint: checkpoint.note,
      size: checkpoint.size,
      entries: page.map((row, i) => ({
        seq: row.seq,
        entry: row.text,
        inclusionProof: ranges[i]!.map((range) => base64(hashRange(range, nodes))),
      })),
      next: rows.length > limit ? rows[limit]!.seq : null,
    };
  }

  /**
   * Signs a checkpoint of the current size unless the latest one already has it;
   * returns the latest checkpoint either way.
   */
  async publishCheckpoint(): Promise<StoredCheckpoint> {
    const { store, signer, clock } = this.deps;
    if (!signer) throw new ProbityError('invalid_config', 'no audit log key is configured (probity audit keygen)');
    const [size, latest] = await Promise.all([store.auditSize(), store.latestCheckpoint()]);
    if (latest && latest.size >= size) return latest;
    const note = signer.sign(formatCheckpoint({ origin: signer.name, size, root: await this.root(size) }));
    const checkpoint = { size, note, createdAt: clock.now().toISOString() };
    await store.saveCheckpoint(checkpoint);
    return checkpoint;
  }

  private async requireSize(size: number): Promise<void> {
    const current = await this.size();
    if (!Number.isSafeInteger(size) || size < 1 || size > current) {
      throw new ProbityError('invalid_tree_size', `tree size ${size} is not between 1 and the log's size ${current}`);
    }
  }

  private async hashes(ranges: readonly SubtreeRange[]): Promise<string[]> {
    const nodes = await this.deps.store.auditNodes(nodeIdsFor(ranges));
    return ranges.map((range) => base64(hashRange(range, nodes)));
  }
}

const base64 = (hash: Uint8Array): string => Buffer.from(hash).toString('base64');
