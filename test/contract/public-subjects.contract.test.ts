import { describe, expect, it } from 'vitest';
import { ulidFactory } from '../../src/services/clock.js';
import { freshStorePerTest, submission } from '../support/store-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const T0 = '2026-03-01T00:00:00.000Z';
const COMPANY = {
  scheme: 'CN-USCC',
  value: '91350100M000100Y43',
  kind: 'organization',
  name: '上海某某_100%有限公司',
} as const;
const AGENCY = { scheme: 'CN-USCC', value: '11100000000013127T', kind: 'government', name: '上海市某某局' } as const;
const PERSON = { scheme: 'CN-RIC', value: '11010519491231002X', kind: 'person', name: '上海人' } as const;

describe.each(STORE_KINDS)('Store.publicSubjects on %s', (kind) => {
  const t = freshStorePerTest(kind);
  const newId = ulidFactory();
  const seed = () =>
    t.store.ingest({
      items: [
        submission('a', { subject: COMPANY }),
        submission('b', { subject: AGENCY }),
        submission('c', { subject: PERSON }),
      ],
      recordedAt: T0,
      newId,
    });

  it('finds organizations and government bodies by name prefix, with their identifiers', async () => {
    await seed();
    const found = await t.store.publicSubjects({ namePrefix: '上海' }, 10);
    expect(found.map((s) => s.name)).toEqual([AGENCY.name, COMPANY.name]);
    expect(found[1]!.identifiers).toEqual([{ scheme: 'CN-USCC', value: COMPANY.value }]);
  });

  it('never finds a person, by name or by identifier: a person’s name is not even kept for it', async () => {
    await seed();
    expect(await t.store.publicSubjects({ namePrefix: '上海人' }, 10)).toEqual([]);
    expect(await t.store.publicSubjects({ identifier: PERSON }, 10)).toEqual([]);
  });

  it('treats % and _ in a name as themselves', async () => {
    await seed();
    expect((await t.store.publicSubjects({ namePrefix: '上海某某_100%' }, 10)).map((s) => s.name)).toEqual([
      COMPANY.name,
    ]);
    expect(await t.store.publicSubjects({ namePrefix: '上海某某%' }, 10)).toEqual([]);
  });

  it('finds one by identifier', async () => {
    await seed();
    expect((await t.store.publicSubjects({ identifier: COMPANY }, 10)).map((s) => s.kind)).toEqual(['organization']);
  });
});
