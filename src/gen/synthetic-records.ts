import type { Catalog } from '../domain/catalog/catalog.js';
import type { Polarity, RecordType } from '../domain/catalog/pack.js';
import type { SubjectKind } from '../domain/subject-kind.js';
import { fakePayload } from './payload-faker.js';
import { Random } from './random.js';
import { syntheticOrganization, syntheticPerson, type SyntheticSubject } from './synthetic-subjects.js';

export interface PopulationSize {
  readonly persons: number;
  readonly orgs: number;
  readonly gov: number;
}

export interface SyntheticOptions extends PopulationSize {
  readonly seed: number;
  /** Records fall in the ten years before this time; with the seed it fixes the output. */
  readonly asOf: Date;
  /** Stop after this many records, going round the population again if needed. */
  readonly records?: number;
}

/** One line of generated input: a record submission with the institution that submits it. */
export interface SyntheticLine {
  readonly institution: string;
  readonly type: string;
  readonly sourceRef: string;
  readonly subject: { readonly scheme: string; readonly value: string; readonly name: string };
  readonly effectiveAt: string;
  readonly payload: Record<string, unknown>;
}

/**
 * How many records of each polarity a subject of each kind gets: most subjects have
 * no negative record, a few percent have several (weights for 0, 1, 2, 3 … records).
 */
const SKEW: Readonly<Record<SubjectKind, Readonly<Record<Polarity, readonly number[]>>>> = {
  person: { negative: [85, 10, 2.5, 1.5, 0.5, 0.3, 0.2], positive: [60, 30, 7, 3] },
  organization: { negative: [70, 18, 6, 3, 1.5, 1, 0.5], positive: [45, 35, 12, 8] },
  government: { negative: [55, 25, 10, 6, 4], positive: [35, 40, 15, 10] },
};
const TEN_YEARS_DAYS = 3652;
const CASE_COURTS = ['沪0115', '沪0101', '沪01', '沪02', '京0105', '京0108', '粤0106', '浙0106'];

/** Generates a deterministic population and its records: the same options always give the same lines. */
export function* syntheticRecords(catalog: Catalog, options: SyntheticOptions): Generator<SyntheticLine> {
  const random = new Random(options.seed);
  const types = recordTypesByKindAndPolarity(catalog);
  const submitters = new Map(
    catalog.pack.recordTypes.map((t) => [
      t.code,
      catalog.pack.institutions.filter((i) => i.recordTypes.includes(t.code)),
    ]),
  );
  const limit = options.records ?? Infinity;
  let emitted = 0;
  for (let round = 0; emitted < limit; round++) {
    const before = emitted;
    for (const subject of population(options, random)) {
      for (const polarity of ['negative', 'positive'] as const) {
        const candidates = types.get(`${subject.kind}/${polarity}`) ?? [];
        if (candidates.length === 0) continue;
        const count = random.weighted(SKEW[subject.kind][polarity]);
        for (let n = 0; n < count && emitted < limit; n++) {
          const recordType = random.pick(candidates);
          const institution = random.pick(submitters.get(recordType.code) ?? []);
          const effectiveAt = new Date(options.asOf.getTime() - random.int(1, TEN_YEARS_DAYS) * 86_400_000);
          effectiveAt.setUTCHours(0, 0, 0, 0);
          yield {
            institution: institution.code,
            type: recordType.code,
            sourceRef: `GEN-${options.seed}-${(emitted++).toString(36).toUpperCase().padStart(7, '0')}`,
            subject: { scheme: subject.scheme, value: subject.value, name: subject.name },
            effectiveAt: effectiveAt.toISOString(),
            payload: withRepresentative(
              catalog,
              recordType.code,
              subject.kind,
              fakePayload(recordType.payloadSchema, { random, effectiveAt, caseCourt: random.pick(CASE_COURTS) }),
              random,
            ),
          };
        }
      }
    }
    if (options.records === undefined || emitted === before) return;
  }
}

/**
 * A listing names a legal representative only for an organization, and then as a real
 * person (a valid identifier, not the faker's filler); a person's listing names none.
 */
function withRepresentative(
  catalog: Catalog,
  type: string,
  kind: SubjectKind,
  payload: Record<string, unknown>,
  random: Random,
): Record<string, unknown> {
  for (const list of catalog.listsAddedBy(type)) {
    const field = list.representative?.payloadField;
    if (field === undefined || !(field in payload)) continue;
    if (kind === 'person') {
      delete payload[field];
    } else {
      const person = syntheticPerson(random.int(0, 100_000_000), random);
      payload[field] = { scheme: person.scheme, value: person.value, name: person.name };
    }
  }
  return payload;
}

/** The subjects of a population, persons first; regenerated (not stored) so memory stays flat. */
export function* population(size: PopulationSize, random: Random): Generator<SyntheticSubject> {
  for (let i = 0; i < size.persons; i++) yield syntheticPerson(i, random);
  for (let i = 0; i < size.orgs; i++) yield syntheticOrganization(i, 'organization', random);
  for (let i = 0; i < size.gov; i++) yield syntheticOrganization(i, 'government', random);
}

function recordTypesByKindAndPolarity(catalog: Catalog): Map<string, RecordType[]> {
  const byKey = new Map<string, RecordType[]>();
  for (const recordType of catalog.pack.recordTypes) {
    if (!catalog.pack.institutions.some((i) => i.recordTypes.includes(recordType.code))) continue;
    for (const kind of recordType.subjectKinds) {
      const key = `${kind}/${recordType.polarity}`;
      byKey.set(key, [...(byKey.get(key) ?? []), recordType]);
    }
  }
  return byKey;
}
