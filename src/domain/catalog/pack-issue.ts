/** The sections of a jurisdiction pack, one per kind of definition. */
export const PACK_SECTIONS = [
  'manifest',
  'institutions',
  'recordTypes',
  'actions',
  'restrictions',
  'lists',
  'relyingParties',
  'rulebooks',
] as const;
export type PackSection = (typeof PACK_SECTIONS)[number];

/** A path into one item of a section, e.g. `['payloadSchema', 'properties', 'amount']`. */
export type PackPath = readonly (string | number)[];

/** One problem found in a pack; the loader turns section + index + path into `file:line`. */
export interface PackIssue {
  readonly section: PackSection;
  /** Index of the item within its section (0 for the manifest). */
  readonly index: number;
  readonly path: PackPath;
  readonly message: string;
}
