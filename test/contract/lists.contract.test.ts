import { describe, expect, it } from 'vitest';
import { ulidFactory } from '../../src/services/clock.js';
import { checkedSubmissions, organizationIdentifier, personIdentifier } from '../support/checked-submissions.js';
import {
  debtorListing,
  judgmentPerformed,
  judgmentUnperformed,
  taxListing,
  type Party,
} from '../support/demo-records.js';
import { freshStorePerTest } from '../support/store-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const RECORDED = '2026-01-02T03:04:05.000Z';
const COURT = 'sh-pudong-court';
const TAX = 'sh-tax';
const DEBTORS = 'dishonest-judgment-debtors';
/** The demo pack's list with a notice period (15 days), so its entries are activated later. */
const TAX_VIOLATORS = 'major-tax-violators';

const ZHANG = personIdentifier(1, '张三');
const LI = personIdentifier(2, '李四');
const WANG = personIdentifier(3, '王五');
const ZHAO = personIdentifier(4, '赵六');
const ZHANG_SANFENG = personIdentifier(5, '张三丰');
const COMPANY = organizationIdentifier(1, '张_%公司');

const daysAfter = (time: string, days: number) => new Date(Date.parse(time) + days * 86_400_000).toISOString();

describe.each(STORE_KINDS)('Store contract on %s: enforcement lists', (kind) => {
  const t = freshStorePerTest(kind);
  const newId = ulidFactory();
  const submit = async (institution: string, raws: readonly Record<string, unknown>[]) =>
    (await t.store.ingest({ items: checkedSubmissions(institution, raws), recordedAt: RECORDED, newId })).map(
      (outcome) => outcome.id,
    );
  const idOf = async (party: Party) => (await t.store.subjectByIdentifier(party.scheme, party.value))!.id;
  const identifiersOf = (party: Party) => [{ scheme: party.scheme, value: party.value }];

  describe('listEntries', () => {
    it('gives every entry of a subject, removed and expired ones too, oldest listing first', async () => {
      const [expiring, removed] = await submit(COURT, [
        debtorListing(ZHANG, 'C1', '2025-01-01T00:00:00Z', 30),
        debtorListing(ZHANG, 'C2', '2024-06-01T00:00:00Z'),
        debtorListing(LI, 'C3', '2025-01-01T00:00:00Z'),
      ]);
      const [taxed] = await submit(TAX, [taxListing(ZHANG, 'T1', '2025-02-01T00:00:00Z')]);
      const [performed] = await submit(COURT, [judgmentPerformed(ZHANG, 'C2', '2025-02-10T00:00:00Z')]);
      const zhang = await idOf(ZHANG);
      const entries = await t.store.listEntries(zhang);
      expect(
        entries.map((e) => [e.basisRecordId, e.listCode, e.listedAt, e.activeFrom, e.until, e.matchKey, e.removedBy]),
      ).toEqual([
        [
          removed,
          DEBTORS,
          '2024-06-01T00:00:00.000Z',
          '2024-06-01T00:00:00.000Z',
          '2026-06-01T00:00:00.000Z',
          'C2',
          performed,
        ],
        [
          expiring,
          DEBTORS,
          '2025-01-01T00:00:00.000Z',
          '2025-01-01T00:00:00.000Z',
          '2025-01-31T00:00:00.000Z',
          'C1',
          null,
        ],
        [
          taxed,
          TAX_VIOLATORS,
          '2025-02-01T00:00:00.000Z',
          '2025-02-16T00:00:00.000Z',
          daysAfter('2025-02-16T00:00:00.000Z', 1095),
          'T1',
          null,
        ],
      ]);
      expect(entries.map((e) => e.removedAt)).toEqual(['2025-02-10T00:00:00.000Z', null, null]);
      expect(entries.every((e) => e.subjectId === zhang && e.recordedAt === RECORDED)).toBe(true);
      expect(new Set(entries.map((e) => e.id)).size).toBe(3);
      expect(await t.store.listEntries('no-such-subject')).toEqual([]);
    });
  });

  describe('openListingsPage', () => {
    it('pages through the subjects with an entry open at a time, in id order, with their open entries only', async () => {
      await submit(COURT, [
        debtorListing(ZHANG, 'C1', '2025-01-01T00:00:00Z'),
        debtorListing(ZHANG, 'C2', '2024-06-01T00:00:00Z'),
        debtorListing(LI, 'C3', '2025-01-01T00:00:00Z', 30),
        debtorListing(COMPANY, 'C5', '2025-03-01T00:00:00Z'),
        judgmentUnperformed(ZHAO, 'C6'),
      ]);
      await submit(COURT, [judgmentPerformed(ZHANG, 'C2', '2025-02-10T00:00:00Z')]);
      // Pending (its notice ends on 9 June) but open: the screening index must know of it before it applies.
      await submit(TAX, [taxListing(WANG, 'T1', '2025-05-25T00:00:00Z')]);
      const [zhang, wang, company] = await Promise.all([idOf(ZHANG), idOf(WANG), idOf(COMPANY)]);
      const at = '2025-06-01T00:00:00.000Z';

      const first = await t.store.openListingsPage({ at, limit: 2 });
      const second = await t.store.openListingsPage({ after: first.at(-1)!.subjectId, at, limit: 2 });
      expect(first).toHaveLength(2);
      const pages = [...first, ...second];
      expect(pages.map((l) => l.subjectId)).toEqual([zhang, wang, company].sort());
      expect(await t.store.openListingsPage({ after: second.at(-1)!.subjectId, at, limit: 2 })).toEqual([]);

      const listings = new Map(pages.map((l) => [l.subjectId, l]));
      expect(listings.get(zhang)!.identifiers).toEqual(identifiersOf(ZHANG));
      expect(listings.get(zhang)!.entries.map((e) => [e.listCode, e.matchKey])).toEqual([[DEBTORS, 'C1']]);
      expect(listings.get(wang)!.entries.map((e) => e.listCode)).toEqual([TAX_VIOLATORS]);
      expect(listings.get(company)!.identifiers).toEqual(identifiersOf(COMPANY));
      // Two years on, only the tax listing (a three-year term) is still open.
      expect(
        (await t.store.openListingsPage({ at: '2027-06-01T00:00:00.000Z', limit: 10 })).map((l) => l.subjectId),
      ).toEqual([wang]);
    });
  });

  describe('entriesInForce', () => {
    it("gives a subject's entries whose notice is over, whose term is not, and that are not removed", async () => {
      await submit(TAX, [taxListing(ZHANG, 'T1', '2025-01-01T00:00:00Z')]);
      await submit(COURT, [debtorListing(ZHANG, 'C1', '2025-01-01T00:00:00Z')]);
      await submit(COURT, [judgmentPerformed(ZHANG, 'C1', '2025-02-10T00:00:00Z')]);
      const zhang = await idOf(ZHANG);
      const taxEntry = (await t.store.listEntries(zhang)).find((e) => e.listCode === TAX_VIOLATORS)!;
      const inForce = (listCode: string, at: string) => t.store.entriesInForce(listCode, { subjectId: zhang }, at, 10);

      expect(await inForce(TAX_VIOLATORS, '2025-01-15T23:59:59.999Z')).toEqual([]);
      expect(await inForce(TAX_VIOLATORS, '2025-01-16T00:00:00.000Z')).toEqual([
        { entry: taxEntry, subjectName: '张三' },
      ]);
      expect(await inForce(TAX_VIOLATORS, taxEntry.until)).toEqual([]);
      expect(await inForce(DEBTORS, '2025-03-01T00:00:00.000Z')).toEqual([]);
      expect(
        await t.store.entriesInForce(DEBTORS, { subjectId: 'no-such-subject' }, '2025-03-01T00:00:00.000Z', 10),
      ).toEqual([]);
    });

    it('finds entries by any part of the name, in name order, at most `limit`, with % and _ as themselves', async () => {
      await submit(COURT, [
        debtorListing(ZHANG_SANFENG, 'C1', '2025-01-01T00:00:00Z'),
        debtorListing(ZHANG, 'C2', '2025-01-01T00:00:00Z'),
        debtorListing(LI, 'C3', '2025-01-01T00:00:00Z'),
        debtorListing(COMPANY, 'C4', '2025-01-01T00:00:00Z'),
      ]);
      const named = async (nameContains: string, limit = 10) =>
        (await t.store.entriesInForce(DEBTORS, { nameContains }, '2025-06-01T00:00:00.000Z', limit)).map(
          (found) => found.subjectName,
        );
      expect(await named('张三')).toEqual(['张三', '张三丰']);
      expect(await named('张三', 1)).toEqual(['张三']);
      expect(await named('三')).toEqual(['张三', '张三丰']);
      expect(await named('三丰')).toEqual(['张三丰']);
      expect(await named('张_')).toEqual(['张_%公司']);
      expect(await named('_%')).toEqual(['张_%公司']);
      expect(await named('张%')).toEqual([]);
      expect(await named('王')).toEqual([]);
      expect(
        await t.store.entriesInForce(TAX_VIOLATORS, { nameContains: '张三' }, '2025-06-01T00:00:00.000Z', 10),
      ).toEqual([]);
    });

    it('counts the entries of a list in force at a time, of that list only', async () => {
      await submit(COURT, [
        debtorListing(ZHANG, 'C1', '2025-01-01T00:00:00Z'),
        debtorListing(LI, 'C2', '2025-01-01T00:00:00Z'),
      ]);
      expect(await t.store.countInForce(DEBTORS, '2025-06-01T00:00:00.000Z')).toBe(2);
      expect(await t.store.countInForce(DEBTORS, '2024-12-01T00:00:00.000Z')).toBe(0);
      expect(await t.store.countInForce(TAX_VIOLATORS, '2025-06-01T00:00:00.000Z')).toBe(0);
    });
  });

  describe('announceListTransitions', () => {
    /** Runs a sweep at `at` and gives what it appended to the feed and to the audit log. */
    const sweep = async (at: string, limit = 10) => {
      const { feedSeq } = await t.store.counts();
      const size = await t.store.auditSize();
      const count = await t.store.announceListTransitions(at, limit);
      const events = await t.store.feed(feedSeq, 100);
      const logged = (await t.store.auditEntries(size, size + 100)).map((e) => JSON.parse(e.text));
      return { count, events, logged };
    };

    it('announces each activation and expiry once, with its feed event and audit entry', async () => {
      const [taxed] = await submit(TAX, [taxListing(ZHANG, 'T1', '2025-01-01T00:00:00Z')]);
      const [listed] = await submit(COURT, [debtorListing(ZHANG, 'C1', '2025-01-01T00:00:00Z', 30)]);
      const zhang = await idOf(ZHANG);
      const entries = await t.store.listEntries(zhang);
      const taxEntry = entries.find((e) => e.listCode === TAX_VIOLATORS)!;
      const debtorEntry = entries.find((e) => e.listCode === DEBTORS)!;

      expect(await sweep('2025-01-15T00:00:00.000Z')).toEqual({ count: 0, events: [], logged: [] });
      const activation = await sweep('2025-01-20T00:00:00.000Z');
      expect(activation.count).toBe(1);
      expect(activation.events).toEqual([
        {
          seq: expect.any(Number),
          type: 'list_entry.activated',
          subjectId: zhang,
          recordId: taxed,
          recordedAt: '2025-01-20T00:00:00.000Z',
          detail: { entryId: taxEntry.id, listCode: TAX_VIOLATORS },
        },
      ]);
      expect(activation.logged).toMatchObject([
        {
          action: 'list_entry.activated',
          actor: { kind: 'operator', id: 'probity' },
          subject: zhang,
          object: { kind: 'list_entry', id: taxEntry.id },
        },
      ]);
      expect((await sweep('2025-01-20T00:00:00.000Z')).count).toBe(0);

      // The court's listing had no notice period: it is never "activated", only expires.
      const expiry = await sweep('2025-02-01T00:00:00.000Z');
      expect(expiry.count).toBe(1);
      expect(expiry.events).toMatchObject([
        { type: 'list_entry.expired', recordId: listed, detail: { entryId: debtorEntry.id, listCode: DEBTORS } },
      ]);
      expect(expiry.logged).toMatchObject([{ action: 'list_entry.expired', object: { id: debtorEntry.id } }]);
      expect((await sweep('2025-03-01T00:00:00.000Z')).count).toBe(0);
    });

    it('announces nothing of an entry removed before its term ended', async () => {
      await submit(COURT, [debtorListing(ZHANG, 'C1', '2025-01-01T00:00:00Z', 30)]);
      await submit(COURT, [judgmentPerformed(ZHANG, 'C1', '2025-01-10T00:00:00Z')]);
      expect(await sweep('2025-03-01T00:00:00.000Z')).toEqual({ count: 0, events: [], logged: [] });
    });

    it('announces at most `limit` activations a call, the earliest first, and the rest on the next call', async () => {
      const [third, first, second] = await submit(TAX, [
        taxListing(ZHANG, 'T1', '2025-01-03T00:00:00Z'),
        taxListing(LI, 'T2', '2025-01-01T00:00:00Z'),
        taxListing(WANG, 'T3', '2025-01-02T00:00:00Z'),
      ]);
      const at = '2025-02-01T00:00:00.000Z';
      const earliest = await sweep(at, 2);
      expect(earliest.count).toBe(2);
      expect(earliest.events.map((e) => e.recordId).sort()).toEqual([first, second].sort());
      const rest = await sweep(at, 2);
      expect(rest.count).toBe(1);
      expect(rest.events.map((e) => e.recordId)).toEqual([third]);
      expect((await sweep(at, 2)).count).toBe(0);
    });

    it('announces each transition once when several sweeps run at the same time', async () => {
      await submit(
        TAX,
        [ZHANG, LI, WANG, ZHAO, ZHANG_SANFENG].map((party, n) => taxListing(party, `T${n}`, '2025-01-01T00:00:00Z')),
      );
      const { feedSeq } = await t.store.counts();
      const at = '2025-02-01T00:00:00.000Z';
      const counts = await Promise.all(Array.from({ length: 4 }, () => t.store.announceListTransitions(at, 2)));
      expect(counts.reduce((sum, count) => sum + count, 0)).toBe(5);
      const announced = (await t.store.feed(feedSeq, 100)).map((e) => (e.detail as { entryId: string }).entryId);
      expect(announced).toHaveLength(5);
      expect(new Set(announced).size).toBe(5);
      expect(await t.store.announceListTransitions(at, 2)).toBe(0);
    });
  });

  describe('listingsOf', () => {
    it('gives each subject asked for with its identifiers and all its entries, or those open at a time', async () => {
      await submit(COURT, [
        debtorListing(ZHANG, 'C1', '2025-01-01T00:00:00Z'),
        debtorListing(ZHANG, 'C2', '2024-06-01T00:00:00Z'),
        judgmentUnperformed(ZHAO, 'C6'),
      ]);
      await submit(COURT, [judgmentPerformed(ZHANG, 'C2', '2025-02-10T00:00:00Z')]);
      const [zhang, zhao] = await Promise.all([idOf(ZHANG), idOf(ZHAO)]);

      const all = await t.store.listingsOf([zhao, zhang, 'no-such-subject']);
      expect(all).toEqual([
        // A subject without entries is still returned, so that the screening index can drop it.
        { subjectId: zhao, identifiers: identifiersOf(ZHAO), entries: [] },
        { subjectId: zhang, identifiers: identifiersOf(ZHANG), entries: await t.store.listEntries(zhang) },
        { subjectId: 'no-such-subject', identifiers: [], entries: [] },
      ]);
      expect(all[1]!.entries.map((e) => e.matchKey)).toEqual(['C2', 'C1']);
      const open = await t.store.listingsOf([zhang], '2025-06-01T00:00:00.000Z');
      expect(open.map((l) => l.entries.map((e) => e.matchKey))).toEqual([['C1']]);
      expect(await t.store.listingsOf([])).toEqual([]);
    });
  });

  describe('subjectIdsOf', () => {
    it('gives the subject id of each identifier in order, and undefined where none is registered', async () => {
      await submit(COURT, [judgmentUnperformed(ZHANG, 'C1'), judgmentUnperformed(COMPANY, 'C2')]);
      const [zhang, company] = await Promise.all([idOf(ZHANG), idOf(COMPANY)]);
      const [zhangId, companyId] = [identifiersOf(ZHANG)[0]!, identifiersOf(COMPANY)[0]!];
      expect(
        await t.store.subjectIdsOf([companyId, identifiersOf(personIdentifier(99))[0]!, zhangId, companyId]),
      ).toEqual([company, undefined, zhang, company]);
      expect(await t.store.subjectIdsOf([])).toEqual([]);
    });
  });
});
