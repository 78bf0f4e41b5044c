import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suspendedEntries } from '../../src/domain/disputes/dispute.js';
import { listEntryStatus } from '../../src/domain/lists/list-entry.js';
import { DEMO_POPULATION } from '../../src/demo/demo-population.js';
import { syntheticRecords } from '../../src/gen/synthetic-records.js';
import { openRegistry, type Registry } from '../../src/registry.js';
import { DEMO_PACK } from '../support/pack-fixture.js';
import { freshStoreUrl } from '../support/stores.js';

const NOW = '2026-06-01T00:00:00.000Z';

/**
 * Walks every subject of the demo population, as `probity demo` loads it, and checks that what
 * its rating page says (band, ceiling, the records behind each reason) never contradicts what its
 * lists page says (the entries and their state).
 */
describe('the demo population: every rating agrees with the subject’s lists', () => {
  let registry: Registry;
  const contradictions: string[] = [];
  let walked = 0;
  let capped = 0;

  beforeAll(async () => {
    registry = await openRegistry({
      db: await freshStoreUrl('sqlite'),
      pack: DEMO_PACK,
      clock: { now: () => new Date(NOW) },
    });
    let batch: { index: number; institution: string; raw: unknown }[] = [];
    for (const { institution, ...raw } of syntheticRecords(registry.catalog, {
      ...DEMO_POPULATION,
      asOf: new Date(NOW),
    })) {
      batch.push({ index: batch.length, institution, raw });
      if (batch.length < 1_000) continue;
      await registry.ingest.ingest(batch);
      batch = [];
    }
    await registry.ingest.ingest(batch);
    const { store, catalog, assessments } = registry;
    for (let after: string | undefined; ;) {
      const page = await store.subjectsWithRecords({ after, limit: 1_000 });
      if (page.length === 0) break;
      const ids = page.map(({ subject }) => subject.id);
      const [listings, disputes] = await Promise.all([store.listingsOf(ids), store.disputesOf(ids)]);
      for (const { subject, records } of page) {
        walked++;
        const entries = listings.find((l) => l.subjectId === subject.id)?.entries ?? [];
        const own = disputes.filter((d) => d.subjectId === subject.id);
        const assessment = assessments.current(subject, { records, disputes: own, entries });
        if (!assessment) continue;
        const say = (what: string) => contradictions.push(`${subject.kind} ${subject.id}: ${what}`);
        const suspended = suspendedEntries(own, NOW);
        const inForce = entries.filter((e) => listEntryStatus(e, NOW, suspended.has(e.id)) === 'active');
        const rulebook = catalog.pack.rulebooks.find((r) => r.code === assessment.rulebookCode)!;
        const rank = (band: string) => rulebook.bands.findIndex((b) => b.code === band);
        for (const ceiling of rulebook.ceilings ?? []) {
          if (!inForce.some((e) => e.listCode === ceiling.list)) continue;
          if (rank(assessment.band.code) < rank(ceiling.band))
            say(`on ${ceiling.list} yet rated ${assessment.band.code}, above ${ceiling.band}`);
        }
        if (assessment.ceiling) {
          capped++;
          const basis = new Set(inForce.map((e) => e.basisRecordId));
          if (!assessment.ceiling.recordIds.every((id) => basis.has(id)))
            say(`the ceiling names a record that put the subject on no list in force`);
        }
        for (const factor of [...assessment.adverse, ...assessment.positive]) {
          for (const recordId of factor.recordIds) {
            const record = records.find((r) => r.id === recordId);
            if (!record || record.versions.at(-1)?.action === 'withdrawn')
              say(`${factor.reasonCode} names a record the records page does not show as standing`);
            const lists = catalog.listsAddedBy(record?.type ?? '').filter((l) => l.subjectKinds.includes(subject.kind));
            for (const list of lists) {
              if (!entries.some((e) => e.listCode === list.code && e.basisRecordId === recordId))
                say(`${factor.reasonCode} counts a listing on ${list.code} that the lists page does not show`);
            }
          }
        }
      }
      after = page.at(-1)!.subject.id;
    }
  }, 600_000);
  afterAll(() => registry.close());

  it('walks every rated subject and finds no contradiction', () => {
    expect(walked).toBeGreaterThan(1_000);
    expect(contradictions.slice(0, 20)).toEqual([]);
  });

  it('has listed subjects whose band a ceiling holds down, so the check above is not vacuous', () => {
    expect(capped).toBeGreaterThan(0);
  });
});
