import type pg from 'pg';
import type { CheckReplayClaim, StoredCheckReplay } from '../check-replay-store.js';

/** Checks sent with an Idempotency-Key, in the PostgreSQL store (check-replay-store.ts). */
export async function claimCheckReplay(pool: pg.Pool, claim: CheckReplayClaim): Promise<StoredCheckReplay | undefined> {
  const inserted = await pool.query(
    'INSERT INTO check_replays (relying_party, key_tag, request_tag, claimed_at) ' +
      'VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
    [claim.relyingParty, claim.keyTag, claim.requestTag, claim.claimedAt],
  );
  if (inserted.rowCount === 1) return undefined;
  // A statement of its own: its snapshot sees a claim that committed while the insert waited on it.
  const { rows } = await pool.query<{ request_tag: string; claimed_at: string; answer: string | null }>(
    'SELECT request_tag, claimed_at, answer FROM check_replays WHERE relying_party = $1 AND key_tag = $2',
    [claim.relyingParty, claim.keyTag],
  );
  const row = rows[0];
  // Released between the two statements: claim it again.
  if (!row) return claimCheckReplay(pool, claim);
  return { requestTag: row.request_tag, claimedAt: row.claimed_at, answer: row.answer };
}

export async function answerCheckReplay(
  pool: pg.Pool,
  relyingParty: string,
  keyTag: string,
  answer: string,
): Promise<void> {
  await pool.query('UPDATE check_replays SET answer = $3 WHERE relying_party = $1 AND key_tag = $2', [
    relyingParty,
    keyTag,
    answer,
  ]);
}

export async function releaseCheckReplay(
  pool: pg.Pool,
  relyingParty: string,
  keyTag: string,
  claimedAt: string,
): Promise<void> {
  await pool.query(
    'DELETE FROM check_replays WHERE relying_party = $1 AND key_tag = $2 AND claimed_at = $3 AND answer IS NULL',
    [relyingParty, keyTag, claimedAt],
  );
}

export async function purgeCheckReplays(pool: pg.Pool, before: string): Promise<number> {
  return (await pool.query('DELETE FROM check_replays WHERE claimed_at < $1', [before])).rowCount ?? 0;
}
