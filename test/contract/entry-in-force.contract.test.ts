import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listEntryStatus, type ListEntry } from '../../src/domain/lists/list-entry.js';
import type { StorableSubmission } from '../../src/domain/records/record.js';
import { ulidFactory } from '../../src/services/clock.js';
import type { SubjectListings } from '../../src/store/store.js';
import { personIdentifier } from '../support/checked-submissions.js';
import { freshStorePerTest, submission } from '../support/store-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const LIST = 'dishonest-judgment-debtors';
const RECORDED = '2025-01-01T00:00:00.000Z';
const HOUR = 3_600_000;
/** Times are whole hours after the start, so that generated times often coincide (the rule's edges). */
const hour = (n: number) => new Date(Date.parse(RECORDED) + n * HOUR).toISOString();
/** Subjects of one run: two, so that a subject often has several entries. */
const SUBJECTS_PER_RUN = 2;

/**
 * An entry to open (times in hours after the start) and, when `removedAfter` is set, the removal
 * that ends it, dated that many hours after its listing: before, at or after its activation and its end.
 */
interface PlannedEntry {
  readonly subject: number;
  readonly listed: number;
  readonly notice: number;
  readonly term: number;
  readonly removedAfter: number | null;
}

const plannedEntry: fc.Arbitrary<PlannedEntry> = fc.record({
  subject: fc.nat(SUBJECTS_PER_RUN - 1),
  listed: fc.nat(12),
  notice: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 })),
  term: fc.integer({ min: 1, max: 12 }),
  removedAfter: fc.option(fc.nat(20), { nil: null }),
});
const queryTimes = fc.array(fc.nat(32).map(hour), { minLength: 1, maxLength: 4 });

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const inForce = (e: ListEntry, at: string) => listEntryStatus(e, at) === 'active';
/** Open: the screening index must hold it (pending or in force), as opposed to removed or expired. */
const open = (e: ListEntry, at: string) => ['pending', 'active'].includes(listEntryStatus(e, at));

describe.each(STORE_KINDS)('Store contract on %s: the rule for an entry in force', (kind) => {
  const t = freshStorePerTest(kind);
  const newId = ulidFactory();
  let run = 0;

  /** Stores the planned entries of a new run and gives its subjects' ids and their entries as stored. */
  const storeRun = async (planned: readonly PlannedEntry[]) => {
    run += 1;
    const party = (s: number) => ({
      ...personIdentifier(run * SUBJECTS_PER_RUN + s),
      kind: 'person' as const,
      name: `run${run}-${s}`,
    });
    const listing = (p: PlannedEntry, n: number): StorableSubmission => {
      const activeFrom = p.listed + p.notice;
      return submission(`run${run}-listing-${n}`, {
        type: 'court.dishonest_debtor_listing',
        subject: party(p.subject),
        effectiveAt: hour(p.listed),
        listEffects: {
          listings: [
            {
              listCode: LIST,
              listedAt: hour(p.listed),
              activeFrom: hour(activeFrom),
              until: hour(activeFrom + p.term),
              matchKey: `case-${n}`,
            },
          ],
          removals: [],
        },
      });
    };
    const removal = (p: PlannedEntry, n: number): StorableSubmission[] => {
      if (p.removedAfter === null) return [];
      const removedAt = hour(p.listed + p.removedAfter);
      return [
        submission(`run${run}-removal-${n}`, {
          type: 'court.judgment_performed',
          subject: party(p.subject),
          effectiveAt: removedAt,
          listEffects: {
            listings: [],
            removals: [{ listCode: LIST, matchKey: `case-${n}`, removedAt, representatives: false }],
          },
        }),
      ];
    };
    await t.store.ingest({ items: planned.map(listing), recordedAt: RECORDED, newId });
    const removals = planned.flatMap(removal);
    if (removals.length > 0) await t.store.ingest({ items: removals, recordedAt: RECORDED, newId });
    const subjects: { id: string; entries: ListEntry[] }[] = [];
    for (let s = 0; s < SUBJECTS_PER_RUN; s++) {
      const subject = await t.store.subjectByIdentifier(party(s).scheme, party(s).value);
      if (subject) subjects.push({ id: subject.id, entries: await t.store.listEntries(subject.id) });
    }
    // The removals were all applied: the property below is about reading them, not writing them.
    const stored = subjects.flatMap((s) => s.entries);
    expect(stored.filter((e) => e.removedAt !== null)).toHaveLength(
      planned.filter((p) => p.removedAfter !== null).length,
    );
    return { prefix: `run${run}-`, subjects };
  };

  /** Every page of openListingsPage at `at`, kept to the given subjects. */
  const openListings = async (at: string, subjectIds: readonly string[]) => {
    const found: SubjectListings[] = [];
    for (let after: string | undefined; ;) {
      const page = await t.store.openListingsPage({ after, at, limit: 3 });
      if (page.length === 0) return found;
      found.push(...page.filter((l) => subjectIds.includes(l.subjectId)));
      after = page.at(-1)!.subjectId;
    }
  };
  const sorted = (entries: readonly ListEntry[]) => [...entries].sort(byId);

  it('entriesInForce gives exactly the entries listEntryStatus says are active, by subject and by name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(plannedEntry, { minLength: 1, maxLength: 5 }), queryTimes, async (planned, times) => {
        const { prefix, subjects } = await storeRun(planned);
        for (const at of times) {
          for (const { id, entries } of subjects) {
            const found = await t.store.entriesInForce(LIST, { subjectId: id }, at, 100);
            expect(sorted(found.map((f) => f.entry))).toEqual(sorted(entries.filter((e) => inForce(e, at))));
          }
          const named = await t.store.entriesInForce(LIST, { nameContains: prefix }, at, 100);
          const all = subjects.flatMap((s) => s.entries);
          expect(sorted(named.map((f) => f.entry))).toEqual(sorted(all.filter((e) => inForce(e, at))));
        }
      }),
      { numRuns: 25 },
    );
  });

  it('listingsOf and openListingsPage give exactly the entries listEntryStatus says are open', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(plannedEntry, { minLength: 1, maxLength: 5 }), queryTimes, async (planned, times) => {
        const { subjects } = await storeRun(planned);
        const ids = subjects.map((s) => s.id);
        for (const at of times) {
          const expected = subjects.map(({ id, entries }) => ({
            id,
            entries: sorted(entries.filter((e) => open(e, at))),
          }));
          const listed = await t.store.listingsOf(ids, at);
          expect(listed.map((l) => ({ id: l.subjectId, entries: sorted(l.entries) }))).toEqual(expected);
          const paged = await openListings(at, ids);
          expect(paged.map((l) => ({ id: l.subjectId, entries: sorted(l.entries) }))).toEqual(
            expected.filter((s) => s.entries.length > 0).sort(byId),
          );
        }
      }),
      { numRuns: 25 },
    );
  });

  it('announceListTransitions announces an activation or expiry if the entry was not removed by then', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(plannedEntry, { minLength: 1, maxLength: 5 }),
        fc.nat(32).map(hour),
        async (planned, at) => {
          const { subjects } = await storeRun(planned);
          const { feedSeq } = await t.store.counts();
          await t.store.announceListTransitions(at, 10_000);
          const entries = subjects.flatMap((s) => s.entries);
          const announced = (await t.store.feed(feedSeq, 10_000)).flatMap((event) => {
            const entryId = (event.detail as { entryId?: string } | undefined)?.entryId;
            return entries.some((e) => e.id === entryId) ? [`${event.type} ${entryId}`] : [];
          });
          const activated = entries.filter(
            (e) => e.activeFrom > e.listedAt && e.activeFrom <= at && listEntryStatus(e, e.activeFrom) === 'active',
          );
          const expired = entries.filter((e) => e.until <= at && listEntryStatus(e, e.until) === 'expired');
          expect(announced.sort()).toEqual(
            [
              ...activated.map((e) => `list_entry.activated ${e.id}`),
              ...expired.map((e) => `list_entry.expired ${e.id}`),
            ].sort(),
          );
        },
      ),
      { numRuns: 25 },
    );
  });
});
