/** One versioned schema change of a store dialect. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
