import type { Catalog } from '../catalog/catalog.js';
import type { EnforcementList } from '../catalog/pack.js';
import type { SubjectKind } from '../subject-kind.js';

/** A list entry a newly accepted record opens for its subject. */
export interface Listing {
  readonly listCode: string;
  readonly listedAt: string;
  readonly activeFrom: string;
  readonly until: string;
  readonly matchKey: string | null;
}

/** A list a newly accepted record removes its subject from (the entries with its match key). */
export interface Removal {
  readonly listCode: string;
  readonly matchKey: string | null;
  readonly removedAt: string;
}

/** What accepting a record does to the lists, decided from the pack alone; the store applies it in the same transaction. */
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
    listings: adding.map((list) => {
      const activeFrom = effective + list.noticeDays * DAY_MS;
      return {
        listCode: list.code,
        listedAt: record.effectiveAt,
        activeFrom: new Date(activeFrom).toISOString(),
        until: new Date(activeFrom + termDays(list, record.payload) * DAY_MS).toISOString(),
        matchKey: matchKey(list, record.payload),
      };
    }),
    removals: removing.map((list) => ({ listCode: list.code, matchKey: matchKey(list, record.payload), removedAt: record.effectiveAt })),
  };
}

/** The term the listing record sets, if the list lets it and it is a positive whole number of days; else the default. */
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
