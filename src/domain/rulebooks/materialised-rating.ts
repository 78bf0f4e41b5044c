/** A subject's current rating, as kept up to date after each write (the full assessment is computed on demand). */
export interface MaterialisedRating {
  readonly subjectId: string;
  readonly rulebookId: string;
  readonly score: number;
  readonly band: string;
  readonly assessedAt: string;
  /**
   * The feed position the assessed records reflect at least. A save never replaces a
   * rating of a later position, so a slow full recompute cannot undo a newer update.
   */
  readonly feedSeq: number;
}
