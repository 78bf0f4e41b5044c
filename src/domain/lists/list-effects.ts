import type { Catalog } from '../catalog/catalog.js';
import type { EnforcementList } from '../catalog/pack.js';
import type { ItemError } from '../records/item-error.js';
import type { SubjectKind } from '../subject-kind.js';

/** A list entry a newly accepted record opens for its subject, or for the representative it names. */
export interface Listing {
  readonly listCode: string;
  readonly listedAt: string;
  readonly activeFrom: string;
  readonly until: string;
  readonly matchKey: string | null;
  /** The organization's legal representative the record names (a person); absent for the record's own subject. */
  readonly representative?: NamedPerson;
}

/** A person as a listing decision names them: a valid identifier, normalised, and the name. */
export interface NamedPerson {
  readonly scheme: string;
  readonly value: string;
  readonly name: string | null;
}

/** A list a newly accepted record removes its subject from (the entries with its match key). */
export interface Removal {
  readonly listCode: string;
  readonly matchKey: string | null;
  readonly removedAt: string;
  /** The list restricts representatives: their entries from the subject's listings end too. */
  readonly representatives: boolean;
}

/**
 * What accepting a record does to the lists, decided from the pack alone; the store applies it
 * in the same transaction.
 */
export interface ListEffects {
  readonly listings: readonly Listing[];
  readonly removals: readonly Removal[];
}

export interface ListedRecord {
  readonly type: string;
  readonly subjectKind: SubjectKind;
  readonly effectiveAt: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

const DAY_MS = 86_400_000;
export const NO_LIST_EFFECTS: ListEffects = { listings: [], removals: [] };

/**
 * The entries a record opens (lists it adds to, for its subject's kind: notice from its
 * effective time, the term the record sets or the list's default) and the entries it
 * removes (lists it removes from, matched on the list's match field).
 */
export function listEffectsOf(catalog: Catalog, record: ListedRecord): ListEffects {
  const adding = catalog.listsAddedBy(record.type).filter((list) => list.subjectKinds.includes(record.subjectKind));
  const removing = catalog.listsRemovedBy(record.type).filter((list) => list.subjectKinds.includes(record.subjectKind));
  if (adding.length === 0 && removing.length === 0) return NO_LIST_EFFECTS;
  const effective = Date.parse(record.effectiveAt);
  return {
    listings: adding.flatMap((list) => {
      const activeFrom = effective + list.noticeDays * DAY_MS;
      const listing: Listing = {
        listCode: list.code,
        listedAt: record.effectiveAt,
        activeFrom: new Date(activeFrom).toISOString(),
        until: new Date(activeFrom + termDays(list, record.payload) * DAY_MS).toISOString(),
        matchKey: matchKey(list, record.payload),
      };
      const named = representativeOf(catalog, list, record);
      return named && 'person' in named ? [listing, { ...listing, representative: named.person }] : [listing];
    }),
    removals: removing.map((list) => ({
      listCode: list.code,
      matchKey: matchKey(list, record.payload),
      removedAt: record.effectiveAt,
      // A person's own listings name no representative: no need to look for theirs.
      representatives: list.representative !== undefined && record.subjectKind !== 'person',
    })),
  };
}

/**
 * The term the listing record sets, if the list lets it and it is a positive whole number of
 * days; else the default.
 */
function termDays(list: EnforcementList, payload: Readonly<Record<string, unknown>>): number {
  const field = list.term.payloadField;
  const value = field === undefined ? undefined : payload[field];
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : list.term.defaultDays;
}

function matchKey(list: EnforcementList, payload: Readonly<Record<string, unknown>>): string | null {
  if (list.matchOn === undefined) return null;
  const value = payload[list.matchOn];
  return value === undefined || value === null ? null : String(value);
}

/**
 * The legal representative a listing of an organization names, for a list that restricts
 * representatives: the person, or why the identifier given is not a person's valid one.
 * Nothing when the list does not restrict representatives or the record names none.
 */
export function representativeOf(
  catalog: Catalog,
  list: EnforcementList,
  record: ListedRecord,
): { person: NamedPerson } | { error: ItemError } | undefined {
  const field = list.representative?.payloadField;
  if (field === undefined || record.subjectKind === 'person') return undefined;
  const named = record.payload[field];
  if (named === null || typeof named !== 'object') return undefined;
  const { scheme: code, value, name } = named as Record<string, unknown>;
  const path = `/payload/${field}/value`;
  if (typeof code !== 'string' || typeof value !== 'string')
    return { error: { code: 'invalid_identifier', path, message: 'must be a person identifier of an enabled scheme' } };
  const check = catalog.checkIdentifier(code, value);
  if (!check.ok) return { error: { code: 'invalid_identifier', path, message: check.message } };
  if (check.subjectKind !== 'person')
    return { error: { code: 'invalid_identifier', path, message: 'the legal representative must be a person' } };
  return { person: { scheme: check.scheme, value: check.value, name: typeof name === 'string' ? name : null } };
}

/** Why a record's named representative cannot be listed (checked with the rest of the submission), if it cannot. */
export function representativeError(catalog: Catalog, record: ListedRecord): ItemError | undefined {
  for (const list of catalog.listsAddedBy(record.type)) {
    const named = representativeOf(catalog, list, record);
    if (named && 'error' in named) return named.error;
  }
  return undefined;
}
