import { describe, expect, it } from 'vitest';
import { ulidFactory } from '../../src/services/clock.js';
import { NAME_SEARCH_CANDIDATES } from '../../src/store/name-search.js';
import type { PublicSubject, Store } from '../../src/store/store.js';
import { freshStorePerTest, submission } from '../support/store-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const T0 = '2026-03-01T00:00:00.000Z';
const COMPANY = {
  scheme: 'CN-USCC',
  value: '91350100M000100Y43',
  kind: 'organization',
  name: '上海航瑞某某_100%有限公司',
} as const;
const AGENCY = { scheme: 'CN-USCC', value: '11100000000013127T', kind: 'government', name: '上海市某某局' } as const;
const PERSON = { scheme: 'CN-RIC', value: '11010519491231002X', kind: 'person', name: '上海人' } as const;
const LATIN = { scheme: 'LEI', value: '5493001KJTIIGC8Y1R12', kind: 'organization', name: 'Acme Trading Co' } as const;
// Four bodies of one name, told apart by their codes (as in the demo).
const SAME_NAME = '上海市城市管理行政执法局';
const BUREAUS = ['11310101MB2F1234XA', '11310104MB2F1234XB', '11310105MB2F1234XC', '11310106MB2F1234XD'].map(
  (value) => ({ scheme: 'CN-USCC', value, kind: 'government', name: SAME_NAME }) as const,
);

type Seeded = {
  readonly scheme: string;
  readonly value: string;
  readonly kind: 'organization' | 'government' | 'person';
  readonly name: string;
};

async function seed(store: Store, subjects: readonly Seeded[]): Promise<void> {
  const newId = ulidFactory();
  await store.ingest({
    items: subjects.map((subject, i) => submission(`s-${i}-${subject.value}`, { subject })),
    recordedAt: T0,
    newId,
  });
}

const names = (found: readonly PublicSubject[]) => found.map((s) => s.name);

describe.each(STORE_KINDS)('Store.publicSubjects on %s', (kind) => {
  const t = freshStorePerTest(kind);
  const search = (nameContains: string, limit = 10) => t.store.publicSubjects({ nameContains }, limit);

  describe('by a part of the name', () => {
    it('finds a name by its start, its middle and its end, with the identifiers', async () => {
      await seed(t.store, [COMPANY, AGENCY, PERSON]);
      expect(names(await search('上海'))).toEqual([AGENCY.name, COMPANY.name]);
      expect(names(await search('航瑞某某'))).toEqual([COMPANY.name]);
      expect(names(await search('有限公司'))).toEqual([COMPANY.name]);
      const [found] = await search('某某局');
      expect(found).toMatchObject({ name: AGENCY.name, kind: 'government' });
      expect(found!.identifiers).toEqual([{ scheme: 'CN-USCC', value: AGENCY.value }]);
    });

    it('finds two Chinese characters anywhere in a name, and nothing for a pair no name holds', async () => {
      await seed(t.store, [COMPANY, AGENCY]);
      expect(names(await search('航瑞'))).toEqual([COMPANY.name]);
      expect(names(await search('公司'))).toEqual([COMPANY.name]);
      expect(names(await search('某局'))).toEqual([AGENCY.name]);
      expect(await search('瑞航')).toEqual([]);
    });

    it('ignores the case of Latin letters, with two characters or more', async () => {
      await seed(t.store, [LATIN]);
      for (const needle of ['acme', 'TRADING', 'g co', 'CO', 'tr'])
        expect(names(await search(needle))).toEqual([LATIN.name]);
      expect(await search('acme co')).toEqual([]);
    });

    it('never finds a person: a person’s name is not even kept for it', async () => {
      await seed(t.store, [PERSON]);
      expect(await search('上海人')).toEqual([]);
      expect(await search('海人')).toEqual([]);
      expect(await t.store.publicSubjects({ identifier: PERSON }, 10)).toEqual([]);
    });

    it('treats %, _ and " in a needle as themselves', async () => {
      await seed(t.store, [COMPANY]);
      expect(names(await search('某某_100%'))).toEqual([COMPANY.name]);
      expect(names(await search('_1'))).toEqual([COMPANY.name]);
      expect(await search('某%')).toEqual([]);
      expect(await search('某"某')).toEqual([]);
    });

    it('returns each of several same-named bodies once, each with its own code', async () => {
      await seed(t.store, BUREAUS);
      const found = await search('城市管理');
      expect(names(found)).toEqual(BUREAUS.map(() => SAME_NAME));
      expect(found.map((s) => s.identifiers[0]!.value).sort()).toEqual(BUREAUS.map((b) => b.value).sort());
    });
  });

  describe('pages', () => {
    it('gives at most the limit, in name order, and the next page after the last one shown', async () => {
      await seed(t.store, [COMPANY, AGENCY, ...BUREAUS]);
      const first = await search('上海', 3);
      expect(names(first)).toEqual([SAME_NAME, SAME_NAME, SAME_NAME]);
      const last = first.at(-1)!;
      const rest = await t.store.publicSubjects({ nameContains: '上海', after: { name: last.name!, id: last.id } }, 10);
      expect(names(rest)).toEqual([SAME_NAME, AGENCY.name, COMPANY.name]);
      expect(new Set([...first, ...rest].map((s) => s.id)).size).toBe(6);
    });

    it(`pages a needle in more than ${NAME_SEARCH_CANDIDATES} names the same way, in name order`, async () => {
      const many = Array.from({ length: NAME_SEARCH_CANDIDATES + 5 }, (_, i) => ({
        scheme: 'CN-USCC',
        value: `91310000${String(i).padStart(9, '0')}X`,
        kind: 'organization' as const,
        // Names out of insertion order, so that index order is not name order.
        name: `公司${String((i * 7919) % (NAME_SEARCH_CANDIDATES + 5)).padStart(5, '0')}`,
      }));
      await seed(t.store, many);
      const expected = many.map((s) => s.name).sort();
      const first = await search('公司', 4);
      expect(names(first)).toEqual(expected.slice(0, 4));
      const last = first.at(-1)!;
      const next = await t.store.publicSubjects({ nameContains: '司0', after: { name: last.name!, id: last.id } }, 4);
      expect(names(next)).toEqual(expected.slice(4, 8));
      // A needle in few of them still comes sorted from the substring index.
      expect(names(await search('司0100', 3))).toEqual(['公司01000', '公司01001', '公司01002']);
    }, 60_000);
  });

  it('finds one by identifier', async () => {
    await seed(t.store, [COMPANY]);
    expect((await t.store.publicSubjects({ identifier: COMPANY }, 10)).map((s) => s.kind)).toEqual(['organization']);
  });
});
