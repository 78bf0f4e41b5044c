import { hash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { PortalSession } from '../../src/store/store.js';
import { organizationIdentifier, personIdentifier } from '../support/checked-submissions.js';
import { freshStorePerTest } from '../support/store-fixture.js';
import { freshStoreUrl, STORE_KINDS } from '../support/stores.js';

const T0 = '2026-03-01T08:00:00.000Z';
const hoursAfterT0 = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

/** A session as PortalSessions starts one: keyed by the hash of the cookie's value, twelve hours long. */
const session = (cookieValue: string, overrides: Partial<PortalSession> = {}): PortalSession => ({
  idHash: hash('sha256', cookieValue, 'hex'),
  identities: [
    { scheme: 'CN-RIC', value: personIdentifier(1).value },
    { scheme: 'CN-USCC', value: organizationIdentifier(1).value },
  ],
  roles: [],
  staffId: null,
  institution: null,
  name: '张三',
  createdAt: T0,
  expiresAt: hoursAfterT0(12),
  ...overrides,
});

describe.each(STORE_KINDS)('Store contract on %s: portal sessions', (kind) => {
  const t = freshStorePerTest(kind);

  describe('saveSession and session', () => {
    it('keep a session by its id hash and give it back whether or not it has expired', async () => {
      const person = session('cookie-1');
      const reviewer = session('cookie-2', {
        identities: [],
        roles: ['reviewer', 'auditor'],
        staffId: 'idp|reviewer-1',
        institution: 'sh-pudong-court',
        name: null,
        expiresAt: hoursAfterT0(1),
      });
      await t.store.saveSession(person);
      await t.store.saveSession(reviewer);
      expect(await t.store.session(person.idHash)).toEqual(person);
      // The store keeps no clock: an expired session is still there for the caller to compare times.
      expect(await t.store.session(reviewer.idHash)).toEqual(reviewer);
      expect(await t.store.session(hash('sha256', 'cookie-3', 'hex'))).toBeUndefined();
    });
  });

  describe('endSession', () => {
    it('deletes that session only, and ending an unknown one changes nothing', async () => {
      const [one, two] = [session('cookie-1'), session('cookie-2')];
      await t.store.saveSession(one);
      await t.store.saveSession(two);
      await t.store.endSession(one.idHash);
      await t.store.endSession(hash('sha256', 'cookie-3', 'hex'));
      expect(await t.store.session(one.idHash)).toBeUndefined();
      expect(await t.store.session(two.idHash)).toEqual(two);
    });
  });

  describe('purgeSessions', () => {
    it('deletes the sessions expired by a time and says how many', async () => {
      const expiries = [1, 2, 3].map(hoursAfterT0);
      const sessions = expiries.map((expiresAt, n) => session(`cookie-${n}`, { expiresAt }));
      for (const s of sessions) await t.store.saveSession(s);
      // Expired at the instant of its expiry: the one expiring at hour 2 goes too.
      expect(await t.store.purgeSessions(hoursAfterT0(2))).toBe(2);
      expect(await t.store.session(sessions[0]!.idHash)).toBeUndefined();
      expect(await t.store.session(sessions[1]!.idHash)).toBeUndefined();
      expect(await t.store.session(sessions[2]!.idHash)).toEqual(sessions[2]);
      expect(await t.store.purgeSessions(hoursAfterT0(2))).toBe(0);
    });
  });

  describe('close', () => {
    it('leaves every write durable: a store opened again on the database reads it', async () => {
      const url = await freshStoreUrl(kind);
      const saved = session('cookie-1');
      let store = await openStore(url);
      await store.saveSession(saved);
      await store.close();
      store = await openStore(url);
      try {
        expect(await store.session(saved.idHash)).toEqual(saved);
      } finally {
        await store.close();
      }
    });
  });
});
