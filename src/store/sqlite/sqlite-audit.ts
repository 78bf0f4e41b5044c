import type Database from 'better-sqlite3';
import type { AuditDraft } from '../../domain/audit/audit-entry.js';
import { sealAuditBatch } from '../../domain/audit/audit-batch.js';
import { edgeHashes, edgeNodeIds } from '../../domain/merkle/subtree-range.js';
import { isLeafNodeId, nodeId } from '../../domain/merkle/tree-nodes.js';
import type { StoredAuditEntry, StoredCheckpoint } from '../store.js';

/** The audit-log tables of the SQLite store; `append` runs inside the caller's transaction. */
export class SqliteAuditLog {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      size: db.prepare('SELECT coalesce(max(seq) + 1, 0) AS size FROM audit_entries').pluck(),
      node: db.prepare('SELECT hash FROM audit_nodes WHERE id = ?').pluck(),
      leaf: db.prepare('SELECT leaf_hash FROM audit_entries WHERE seq = ?').pluck(),
      insertEntry: db.prepare('INSERT INTO audit_entries (seq, subject_id, entry, leaf_hash) VALUES (?, ?, ?, ?)'),
      insertNode: db.prepare('INSERT INTO audit_nodes (id, hash) VALUES (?, ?)'),
      entries: db
        .prepare('SELECT seq, entry, leaf_hash FROM audit_entries WHERE seq >= ? AND seq < ? ORDER BY seq')
        .raw(),
      entriesAbout: db.prepare(
        'SELECT seq, entry AS text FROM audit_entries WHERE subject_id = ? AND seq >= ? ORDER BY seq LIMIT ?',
      ),
      lastPublication: db
        .prepare('SELECT object_hash FROM publications WHERE series = ? ORDER BY seq DESC LIMIT 1')
        .pluck(),
      insertPublication: db.prepare('INSERT INTO publications (seq, series, object_hash) VALUES (?, ?, ?)'),
      insertCheckpoint: db.prepare('INSERT OR IGNORE INTO audit_checkpoints (size, note, created_at) VALUES (?, ?, ?)'),
      latestCheckpoint: db.prepare(
        'SELECT size, note, created_at AS createdAt FROM audit_checkpoints ORDER BY size DESC LIMIT 1',
      ),
      checkpoints: db.prepare(
        'SELECT size, note, created_at AS createdAt FROM ' +
          '(SELECT size, note, created_at, row_number() OVER (ORDER BY size) AS n, ' +
          'count(*) OVER () AS total FROM audit_checkpoints) ' +
          'WHERE n = total OR n % ((total + ? - 1) / ?) = 0 ORDER BY size',
      ),
    };
  }

  size(): number {
    return this.sql.size.get() as number;
  }

  /** Numbers, seals and stores the drafts with the subtrees they complete; returns the first seq. */
  append(drafts: readonly AuditDraft[]): number {
    const size = this.size();
    if (drafts.length === 0) return size;
    const edge = edgeHashes(size, this.nodes(edgeNodeIds(size)));
    const { insertEntry, insertNode } = this.sql;
    sealAuditBatch(size, edge, drafts, {
      entry: (entry) => insertEntry.run(entry.seq, entry.subject, entry.text, entry.leafHash),
      node: (node) => insertNode.run(nodeId(node), node.hash),
    });
    return size;
  }

  publish(series: string, draft: AuditDraft): boolean {
    if (this.sql.lastPublication.get(series) === draft.objectHash) return false;
    this.sql.insertPublication.run(this.append([draft]), series, draft.objectHash);
    return true;
  }

  entries(start: number, end: number): StoredAuditEntry[] {
    return (this.sql.entries.all(start, end) as [number, string, Buffer][]).map(([seq, text, leafHash]) => ({
      seq,
      text,
      leafHash,
    }));
  }

  entriesAbout(subjectId: string, from: number, limit: number): StoredAuditEntry[] {
    return this.sql.entriesAbout.all(subjectId, from, limit) as StoredAuditEntry[];
  }

  nodes(ids: readonly number[]): Map<number, Uint8Array> {
    const found = new Map<number, Uint8Array>();
    for (const id of ids) {
      const hash = this.hashOf(id);
      if (hash) found.set(id, hash);
    }
    return found;
  }

  private hashOf(id: number): Buffer | undefined {
    return (isLeafNodeId(id) ? this.sql.leaf.get(id) : this.sql.node.get(id)) as Buffer | undefined;
  }

  saveCheckpoint(checkpoint: StoredCheckpoint): void {
    this.sql.insertCheckpoint.run(checkpoint.size, checkpoint.note, checkpoint.createdAt);
  }

  latestCheckpoint(): StoredCheckpoint | undefined {
    return this.sql.latestCheckpoint.get() as StoredCheckpoint | undefined;
  }

  checkpoints(limit: number): StoredCheckpoint[] {
    return this.sql.checkpoints.all(limit, limit) as StoredCheckpoint[];
  }
}
