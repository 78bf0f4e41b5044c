import Database from 'better-sqlite3';
import type { WitnessedTree } from '../domain/audit/witness.js';

/**
 * What a witness remembers, durably: the latest tree it cosigned for each log. It must survive a
 * restart, or a restarted witness could be talked into cosigning a fork of what it signed before.
 * SQLite in WAL mode with synchronous FULL: a cosignature leaves only after its tree is on disk.
 */
export class WitnessState {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS trees (origin TEXT PRIMARY KEY, size INTEGER NOT NULL, root BLOB NOT NULL)',
    );
  }

  readonly latest = (origin: string): WitnessedTree | undefined => {
    const row = this.db.prepare('SELECT size, root FROM trees WHERE origin = ?').get(origin) as
      { size: number; root: Buffer } | undefined;
    return row && { size: row.size, root: row.root };
  };

  /**
   * Runs `decide` on the stored tree and keeps the tree it returns, in one transaction: two
   * requests judged at once cannot roll the tree back (tlog-witness, "atomically").
   */
  update<T>(decide: () => { keep?: { origin: string; tree: WitnessedTree }; answer: T }): T {
    return this.db
      .transaction(() => {
        const { keep, answer } = decide();
        if (keep)
          this.db
            .prepare(
              'INSERT INTO trees (origin, size, root) VALUES (?, ?, ?) ON CONFLICT (origin) DO UPDATE SET size = excluded.size, root = excluded.root',
            )
            .run(keep.origin, keep.tree.size, Buffer.from(keep.tree.root));
        return answer;
      })
      .immediate();
  }

  close(): void {
    this.db.close();
  }
}
