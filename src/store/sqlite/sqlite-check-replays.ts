import type Database from 'better-sqlite3';
import type { CheckReplayClaim, StoredCheckReplay } from '../check-replay-store.js';

/** Checks sent with an Idempotency-Key, in the SQLite store; each method runs inside the caller's transaction. */
export class SqliteCheckReplays {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      claim: db.prepare(
        'INSERT INTO check_replays (relying_party, key_tag, request_tag, claimed_at) ' +
          'VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      held: db.prepare(
        'SELECT request_tag, claimed_at, answer FROM check_replays WHERE relying_party = ? AND key_tag = ?',
      ),
      answer: db.prepare('UPDATE check_replays SET answer = ? WHERE relying_party = ? AND key_tag = ?'),
      release: db.prepare(
        'DELETE FROM check_replays WHERE relying_party = ? AND key_tag = ? AND claimed_at = ? AND answer IS NULL',
      ),
      purge: db.prepare('DELETE FROM check_replays WHERE claimed_at < ?'),
    };
  }

  claim(claim: CheckReplayClaim): StoredCheckReplay | undefined {
    if (this.sql.claim.run(claim.relyingParty, claim.keyTag, claim.requestTag, claim.claimedAt).changes === 1)
      return undefined;
    const row = this.sql.held.get(claim.relyingParty, claim.keyTag) as {
      request_tag: string;
      claimed_at: string;
      answer: string | null;
    };
    return { requestTag: row.request_tag, claimedAt: row.claimed_at, answer: row.answer };
  }

  answer(relyingParty: string, keyTag: string, answer: string): void {
    this.sql.answer.run(answer, relyingParty, keyTag);
  }

  release(relyingParty: string, keyTag: string, claimedAt: string): void {
    this.sql.release.run(relyingParty, keyTag, claimedAt);
  }

  purge(before: string): number {
    return this.sql.purge.run(before).changes;
  }
}
