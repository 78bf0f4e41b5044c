/**
 * What a store keeps of checks sent with an `Idempotency-Key`, so that a retry gets the first
 * answer instead of a second check (and a second line under "who looked"). Keys and requests
 * are kept as keyed tags: a relying party's key is free text, and a request names a subject.
 */
export interface CheckReplayClaim {
  readonly relyingParty: string;
  readonly keyTag: string;
  readonly requestTag: string;
  readonly claimedAt: string;
}

/** A key already claimed: by which request, and the answer once it has one. */
export interface StoredCheckReplay {
  readonly requestTag: string;
  readonly claimedAt: string;
  /** The first answer as JSON, or null while that check is still being answered. */
  readonly answer: string | null;
}

/** The store port for check replays (part of Store). */
export interface CheckReplayStore {
  /** Claims the key for this request; resolves undefined when claimed now, else with what holds it. */
  claimCheckReplay(claim: CheckReplayClaim): Promise<StoredCheckReplay | undefined>;
  /** Keeps the answer of a claimed key. */
  answerCheckReplay(relyingParty: string, keyTag: string, answer: string): Promise<void>;
  /** Gives a key up (its check got no answer to keep), if it was claimed at `claimedAt`. */
  releaseCheckReplay(relyingParty: string, keyTag: string, claimedAt: string): Promise<void>;
  /** Forgets keys claimed before `before`; resolves with how many. */
  purgeCheckReplays(before: string): Promise<number>;
}
