import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { DeepReadonly } from '../deep-readonly.js';
import type {
  actionsSchema,
  institutionsSchema,
  legalBasisSchema,
  listsSchema,
  localisedTextSchema,
  manifestSchema,
  recordTypesSchema,
  relyingPartiesSchema,
  restrictionsSchema,
  rulebookSchema,
} from './pack-schema.js';

/**
 * The types of a pack's parts are read from the JSON Schemas in pack-schema.ts, which the
 * loader validates each file against: one source, so a field added there is typed here. The
 * comments on what each field means are there too.
 */
type Described<S extends JSONSchema> = DeepReadonly<FromSchema<S>>;
type ItemOf<S extends { readonly items: JSONSchema }> = Described<S['items']>;

/** Text in the languages every page and message is offered in. */
export type LocalisedText = Described<typeof localisedTextSchema>;

/** The law, regulation or decision that allows something. */
export type LegalBasis = Described<typeof legalBasisSchema>;

/** The only categories a record type may belong to (design.md, "What Probity refuses to do"). */
export const RECORD_CATEGORIES = [
  'judicial',
  'tax',
  'regulatory',
  'financial_obligation',
  'contract_performance',
  'public_service_performance',
  'commendation',
] as const;
export type RecordCategory = (typeof RECORD_CATEGORIES)[number];

export const POLARITIES = ['negative', 'positive'] as const;
export type Polarity = (typeof POLARITIES)[number];

/** Who may see records of a type, or entries of a list. */
export const PUBLICATION_LEVELS = ['public', 'relying_parties', 'subject_only'] as const;
export type PublicationLevel = (typeof PUBLICATION_LEVELS)[number];

/** When a record's retention period starts counting. */
export const RETENTION_STARTS = ['effective', 'obligation_end'] as const;
export type RetentionStart = (typeof RETENTION_STARTS)[number];

/** A JSON Schema (draft 2020-12) object describing a record payload: the pack schema checks only that it is closed. */
export type PayloadSchema = Readonly<Record<string, unknown>>;

type RecordTypeFile = ItemOf<typeof recordTypesSchema>;

/** A record type; its category is one of RECORD_CATEGORIES once checkPackPolicy has passed the pack. */
export type RecordType = Omit<RecordTypeFile, 'category' | 'payloadSchema'> & {
  readonly category: RecordCategory;
  readonly payloadSchema: PayloadSchema;
};
export type Retention = RecordType['retention'];
/** Which later records of the same subject end a record's obligation; its retention counts from the first of them. */
export type ObligationEnd = NonNullable<Retention['endedBy']>;

export type Institution = ItemOf<typeof institutionsSchema>;
/** Something a relying party asks permission for, e.g. `air.ticket.any`. */
export type Action = ItemOf<typeof actionsSchema>;
export type Restriction = ItemOf<typeof restrictionsSchema>;
export type EnforcementList = ItemOf<typeof listsSchema>;
export type ListTerm = EnforcementList['term'];
export type RelyingParty = ItemOf<typeof relyingPartiesSchema>;

/** The manifest of a jurisdiction pack (`pack.yaml`). */
export type PackManifest = Described<typeof manifestSchema>;
export type DisputeSettings = PackManifest['disputes'];

/** Published, versioned scoring rules for one kind of subject (`rulebooks/*.yaml`). */
export type Rulebook = Described<typeof rulebookSchema>;
/** A score band: subjects score at least `min` (and less than the band above). */
export type RatingBand = Rulebook['bands'][number];
export type RulebookRule = Rulebook['rules'][number];
/** While an entry on `list` is in force, the band is at most `band`. */
export type BandCeiling = NonNullable<Rulebook['ceilings']>[number];
/** How a rule's points fade as its record ages. */
export type RuleDecay = NonNullable<RulebookRule['decay']>;

/** A whole jurisdiction pack, as loaded and validated. */
export interface Pack {
  readonly manifest: PackManifest;
  readonly institutions: readonly Institution[];
  readonly recordTypes: readonly RecordType[];
  readonly actions: readonly Action[];
  readonly restrictions: readonly Restriction[];
  readonly lists: readonly EnforcementList[];
  readonly relyingParties: readonly RelyingParty[];
  readonly rulebooks: readonly Rulebook[];
}
