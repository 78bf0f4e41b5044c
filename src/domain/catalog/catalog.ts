import type { ValidateFunction } from 'ajv';
import type { IdentifierContext, IdentifierScheme } from '../identifiers/identifier-scheme.js';
import type { SubjectKind } from '../subject-kind.js';
import { DEFAULT_TIME_ZONE } from '../time/zoned-time.js';
import { payloadValidator, schemaViolations, type SchemaViolation } from '../json-schema.js';
import type {
  Action,
  EnforcementList,
  Institution,
  Pack,
  RecordType,
  RelyingParty,
  Restriction,
  Rulebook,
} from './pack.js';

/**
 * A validated jurisdiction pack, indexed for use: look-ups by code, the
 * institution → record type authorisations, and compiled payload validators
 * (compiled once here, not per record).
 */
export class Catalog {
  readonly pack: Pack;
  private readonly recordTypes: ReadonlyMap<string, RecordType>;
  private readonly institutions: ReadonlyMap<string, Institution>;
  private readonly relyingParties: ReadonlyMap<string, RelyingParty>;
  private readonly authorised: ReadonlyMap<string, ReadonlySet<string>>;
  private readonly schemes: ReadonlyMap<string, IdentifierScheme>;
  private readonly payloadValidators: ReadonlyMap<string, ValidateFunction>;
  private readonly lists: ReadonlyMap<string, EnforcementList>;
  private readonly restrictions: ReadonlyMap<string, Restriction>;
  private readonly actions: ReadonlyMap<string, Action>;
  private readonly listsAdding: ReadonlyMap<string, readonly EnforcementList[]>;
  private readonly listsRemoving: ReadonlyMap<string, readonly EnforcementList[]>;

  /** `schemes` are all schemes the core knows; only those the manifest enables are used. */
  constructor(pack: Pack, schemes: ReadonlyMap<string, IdentifierScheme>) {
    this.pack = pack;
    this.recordTypes = byCode(pack.recordTypes);
    this.institutions = byCode(pack.institutions);
    this.relyingParties = byCode(pack.relyingParties);
    this.authorised = new Map(pack.institutions.map((i) => [i.code, new Set(i.recordTypes)]));
    this.schemes = new Map(
      pack.manifest.identifierSchemes.flatMap((code) => {
        const scheme = schemes.get(code);
        return scheme ? [[code, scheme] as const] : [];
      }),
    );
    this.payloadValidators = new Map(pack.recordTypes.map((t) => [t.code, payloadValidator(t.payloadSchema)]));
    this.lists = byCode(pack.lists);
    this.restrictions = byCode(pack.restrictions);
    this.actions = byCode(pack.actions);
    this.listsAdding = groupBy(pack.lists, (list) => list.addedBy);
    this.listsRemoving = groupBy(pack.lists, (list) => list.removedBy);
  }

  /** The jurisdiction's time zone (IANA name), in which pages show dates and times. */
  get timeZone(): string {
    return this.pack.manifest.calendar?.timeZone ?? DEFAULT_TIME_ZONE;
  }

  list(code: string): EnforcementList | undefined {
    return this.lists.get(code);
  }

  /** The rulebook (code and version) an assessment was made under. */
  rulebookOf(rated: { readonly rulebookCode: string; readonly rulebookVersion: string }): Rulebook | undefined {
    return this.pack.rulebooks.find((r) => r.code === rated.rulebookCode && r.version === rated.rulebookVersion);
  }

  action(code: string): Action | undefined {
    return this.actions.get(code);
  }

  restriction(code: string): Restriction | undefined {
    return this.restrictions.get(code);
  }

  /** The lists whose entries a record of this type opens. */
  listsAddedBy(recordTypeCode: string): readonly EnforcementList[] {
    return this.listsAdding.get(recordTypeCode) ?? [];
  }

  /** The lists a record of this type removes its subject from. */
  listsRemovedBy(recordTypeCode: string): readonly EnforcementList[] {
    return this.listsRemoving.get(recordTypeCode) ?? [];
  }

  recordType(code: string): RecordType | undefined {
    return this.recordTypes.get(code);
  }

  institution(code: string): Institution | undefined {
    return this.institutions.get(code);
  }

  relyingParty(code: string): RelyingParty | undefined {
    return this.relyingParties.get(code);
  }

  /** Whether the institution is authorised to submit records of this type (principle 1). */
  maySubmit(institutionCode: string, recordTypeCode: string): boolean {
    return this.authorised.get(institutionCode)?.has(recordTypeCode) ?? false;
  }

  /** The identifier scheme, if this jurisdiction enables it. */
  identifierScheme(code: string): IdentifierScheme | undefined {
    return this.schemes.get(code);
  }

  identifierSchemeCodes(): string[] {
    return [...this.schemes.keys()];
  }

  /**
   * An identifier checked against an enabled scheme: normalised, with the kind of subject
   * it denotes; or why not, with the error code and a message naming the scheme.
   */
  checkIdentifier(schemeCode: string, value: string, context?: IdentifierContext): IdentifierVerdict {
    const scheme = this.schemes.get(schemeCode);
    if (!scheme) {
      return {
        ok: false,
        code: 'unknown_identifier_scheme',
        message: `"${schemeCode}" is not one of ${this.identifierSchemeCodes().join(', ')}`,
      };
    }
    const check = scheme.check(value, context);
    if (!check.ok) return { ok: false, code: 'invalid_identifier', message: `${scheme.code}: ${check.message}` };
    return { ok: true, scheme: scheme.code, value: check.value, subjectKind: check.subjectKind };
  }

  /** Violations of the record type's payload schema, with pointers relative to the payload. */
  payloadViolations(recordTypeCode: string, payload: unknown): SchemaViolation[] {
    const validate = this.payloadValidators.get(recordTypeCode);
    if (!validate) throw new Error(`no record type ${recordTypeCode}`);
    return validate(payload) ? [] : schemaViolations(validate.errors);
  }
}

/** Lists by each record type code they name under `codes`. */
export type IdentifierVerdict =
  | { readonly ok: true; readonly scheme: string; readonly value: string; readonly subjectKind: SubjectKind }
  | { readonly ok: false; readonly code: 'unknown_identifier_scheme' | 'invalid_identifier'; readonly message: string };

function groupBy(
  lists: readonly EnforcementList[],
  codes: (list: EnforcementList) => readonly string[],
): ReadonlyMap<string, readonly EnforcementList[]> {
  const byType = new Map<string, EnforcementList[]>();
  for (const list of lists) for (const code of codes(list)) byType.set(code, [...(byType.get(code) ?? []), list]);
  return byType;
}

function byCode<T extends { readonly code: string }>(items: readonly T[]): ReadonlyMap<string, T> {
  return new Map(items.map((item) => [item.code, item]));
}
