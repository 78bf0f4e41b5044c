import type { SubjectKind } from '../subject-kind.js';

/** Text in the languages every page and message is offered in. */
export interface LocalisedText {
  readonly en: string;
  readonly zh: string;
}

/** The law, regulation or decision that allows something. */
export interface LegalBasis {
  readonly citation: string;
  readonly url?: string;
}

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

export interface Retention {
  readonly years: number;
  readonly from: RetentionStart;
  /** For `obligation_end`: the records that end the obligation (a judgment performed ends a judgment unperformed). */
  readonly endedBy?: ObligationEnd;
}

/** Which later records of the same subject end a record's obligation; its retention counts from the first of them. */
export interface ObligationEnd {
  readonly recordTypes: readonly string[];
  /**
   * A payload field both records carry that must be equal (a case number), so that
   * performing one judgment does not end another. Without it, any such record does.
   */
  readonly matchOn?: string;
}

/** A JSON Schema (draft 2020-12) object describing a record payload. */
export type PayloadSchema = Readonly<Record<string, unknown>>;

export interface RecordType {
  readonly code: string;
  readonly title: LocalisedText;
  readonly description?: LocalisedText;
  readonly category: RecordCategory;
  readonly subjectKinds: readonly SubjectKind[];
  readonly polarity: Polarity;
  readonly payloadSchema: PayloadSchema;
  readonly legalBasis: LegalBasis;
  readonly retention: Retention;
  readonly publication: PublicationLevel;
  /** Whether an open dispute stops the record counting (false: it stays in force, marked disputed). */
  readonly disputeSuspends: boolean;
}

export interface Institution {
  readonly code: string;
  readonly name: LocalisedText;
  readonly sector: string;
  /** Record types this institution is authorised to submit (principle 1, provenance). */
  readonly recordTypes: readonly string[];
  /** Where disputes about its records are sent. */
  readonly contactEmail?: string;
}

/** Something a relying party asks permission for, e.g. `air.ticket.any`. */
export interface Action {
  readonly code: string;
  readonly title: LocalisedText;
}

export interface Restriction {
  readonly code: string;
  readonly title: LocalisedText;
  readonly actions: readonly string[];
  readonly legalBasis: LegalBasis;
}

export interface ListTerm {
  /** Term applied when the listing record does not set one. */
  readonly defaultDays: number;
  /** Payload field of the listing record that may set the term in days. */
  readonly payloadField?: string;
}

export interface EnforcementList {
  readonly code: string;
  readonly title: LocalisedText;
  readonly legalBasis: LegalBasis;
  readonly subjectKinds: readonly SubjectKind[];
  readonly addedBy: readonly string[];
  readonly removedBy: readonly string[];
  /**
   * A payload field the listing and the removing record both carry that must be equal
   * (the case number), so that performing one judgment does not lift another's listing.
   * Without it, a removing record removes every entry of its subject on the list.
   */
  readonly matchOn?: string;
  /**
   * For an organization listed: the payload field (an object with scheme, value and name)
   * in which the listing decision itself names its legal representative, who then gets an
   * entry of their own (the bans of Fa Shi [2015] No. 17, Art. 3 extend to them). Nobody the
   * decision does not name is ever reached.
   */
  readonly representative?: { readonly payloadField: string };
  readonly noticeDays: number;
  readonly term: ListTerm;
  readonly publication: PublicationLevel;
  readonly disputeSuspends: boolean;
  readonly restrictions: readonly string[];
}

export interface RelyingParty {
  readonly code: string;
  readonly name: LocalisedText;
  readonly sector: string;
  readonly actions: readonly string[];
  readonly purposes: readonly string[];
}

export interface DisputeSettings {
  readonly deadlineDays: number;
  readonly dayCount: 'calendar' | 'working';
}

/** The manifest of a jurisdiction pack (`pack.yaml`). */
export interface PackManifest {
  readonly id: string;
  readonly version: string;
  readonly title: LocalisedText;
  readonly identifierSchemes: readonly string[];
  readonly disputes: DisputeSettings;
}

/** A score band: subjects score at least `min` (and less than the band above). */
export interface RatingBand {
  readonly code: string;
  readonly min: number;
  readonly label: LocalisedText;
}

/** How a rule's points fade as its record ages. */
export type RuleDecay =
  | { readonly halfLifeDays: number }
  /** Linear to zero when the record type's retention ends. */
  | { readonly linearToRetentionEnd: true };

export interface RulebookRule {
  readonly id: string;
  readonly recordTypes: readonly string[];
  /** CEL over `type`, `payload`, `ageDays` and `status`; the rule applies when true. */
  readonly when?: string;
  /** Points a matching record adds (negative: adverse), or a CEL expression giving them. */
  readonly points: number | string;
  readonly decay?: RuleDecay;
  /** Largest absolute total the rule may contribute over all of a subject's records. */
  readonly cap?: number;
  readonly reason: { readonly code: string; readonly text: LocalisedText };
}

/** Published, versioned scoring rules for one kind of subject (`rulebooks/*.yaml`). */
export interface Rulebook {
  readonly code: string;
  readonly title: LocalisedText;
  readonly subjectKind: SubjectKind;
  readonly version: string;
  /** The first day (YYYY-MM-DD) the rulebook applies to. */
  readonly effectiveFrom: string;
  readonly baseScore: number;
  readonly range: { readonly min: number; readonly max: number };
  /** Highest band first. */
  readonly bands: readonly RatingBand[];
  readonly rules: readonly RulebookRule[];
}

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
