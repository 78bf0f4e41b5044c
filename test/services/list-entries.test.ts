import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listEntryStatus } from '../../src/domain/lists/list-entry.js';
import { openRegistry, type Registry } from '../../src/registry.js';
import { ScreeningIndex } from '../../src/services/screening-index.js';
import type { Clock } from '../../src/services/clock.js';
import { validSubmission } from '../support/catalog.js';
import { DEMO_PACK } from '../support/pack-fixture.js';
import { freshStoreUrl, STORE_KINDS } from '../support/stores.js';

const NOW = '2026-06-01T00:00:00.000Z';
const DAY = 86_400_000;
let now = Date.parse(NOW);
const clock: Clock = { now: () => new Date(now) };
const COURT = 'sh-pudong-court';
const RIC = '11010519491231002X';
const USCC = '91350100M000100Y43';
const REPRESENTATIVE = '110101199003074477';

const item = (raw: Record<string, unknown>) => ({ index: 0, institution: COURT, raw });
const listing = (
  caseNumber: string,
  subject: Record<string, unknown> = { scheme: 'CN-RIC', value: RIC },
  extra: Record<string, unknown> = {},
) =>
  item(
    validSubmission({
      type: 'court.dishonest_debtor_listing',
      sourceRef: `L-${caseNumber}`,
      subject,
      effectiveAt: NOW,
      payload: {
        caseNumber,
        decisionReference: `${caseNumber}之一`,
        obligation: 'pay 100,000 yuan',
        ground: 'able_but_refuses',
        termDays: 730,
        ...extra,
      },
    }),
  );
const performed = (caseNumber: string, at = NOW, subject: Record<string, unknown> = { scheme: 'CN-RIC', value: RIC }) =>
  item(
    validSubmission({
      type: 'court.judgment_performed',
      sourceRef: `P-${caseNumber}`,
      subject,
      effectiveAt: at,
      payload: {
        caseNumber,
        performedDate: at.slice(0, 10),
        performance: 'performed_by_debtor',
        amount: 100000,
        currency: 'CNY',
      },
    }),
  );

describe.each(STORE_KINDS)('list entries on %s', (kind) => {
  let registry: Registry;

  beforeEach(async () => {
    now = Date.parse(NOW);
    registry = await openRegistry({ db: await freshStoreUrl(kind), pack: DEMO_PACK, clock });
  });
  afterEach(async () => {
    await registry.close();
  });

  const subjectId = async (scheme: string, value: string) =>
    (await registry.store.subjectByIdentifier(scheme, value))?.id;
  const entriesOf = async (scheme: string, value: string) => {
    const id = await subjectId(scheme, value);
    return id === undefined ? [] : registry.store.listEntries(id);
  };
  const auditActions = async () => {
    const size = await registry.audit.size();
    return (await registry.store.auditEntries(0, size)).map((e) => JSON.parse(e.text).action as string);
  };

  describe('when a court lists a debtor', () => {
    it('opens an active entry for the term the decision sets, on the feed and in the audit log', async () => {
      const before = (await registry.store.counts()).feedSeq;
      await registry.ingest.ingest([listing('c-1')]);
      const [entry, ...others] = await entriesOf('CN-RIC', RIC);
      expect(others).toEqual([]);
      expect(entry).toMatchObject({
        listCode: 'dishonest-judgment-debtors',
        listedAt: NOW,
        activeFrom: NOW,
        until: '2028-05-31T00:00:00.000Z',
        matchKey: 'c-1',
        removedAt: null,
        removedBy: null,
      });
      expect(listEntryStatus(entry!, NOW)).toBe('active');
      const events = await registry.store.feed(before, 100);
      expect(events.find((e) => e.type === 'list_entry.listed')).toMatchObject({
        recordId: entry!.basisRecordId,
        detail: { entryId: entry!.id, listCode: 'dishonest-judgment-debtors' },
      });
      expect(await auditActions()).toContain('list_entry.listed');
    });

    it('restricts nobody but the subject the decision names', async () => {
      await registry.ingest.ingest([
        listing('c-1', { scheme: 'CN-USCC', value: USCC }),
        item(validSubmission({ sourceRef: 'other', subject: { scheme: 'CN-RIC', value: REPRESENTATIVE } })),
      ]);
      expect((await entriesOf('CN-USCC', USCC)).map((e) => e.listCode)).toEqual(['dishonest-judgment-debtors']);
      expect(await entriesOf('CN-RIC', REPRESENTATIVE)).toEqual([]);
    });

    it("gives an organization's legal representative an entry of their own only when the decision names them", async () => {
      const [result] = await registry.ingest.ingest([
        listing(
          'c-1',
          { scheme: 'CN-USCC', value: USCC },
          { legalRepresentative: { scheme: 'CN-RIC', value: REPRESENTATIVE.toLowerCase(), name: '李四' } },
        ),
      ]);
      expect(result?.status).toBe('accepted');
      const [org] = await entriesOf('CN-USCC', USCC);
      const [representative, ...more] = await entriesOf('CN-RIC', REPRESENTATIVE);
      expect(more).toEqual([]);
      expect(representative).toMatchObject({
        listCode: 'dishonest-judgment-debtors',
        basisRecordId: org!.basisRecordId,
        activeFrom: org!.activeFrom,
        until: org!.until,
      });
      expect(await registry.store.subjectByIdentifier('CN-RIC', REPRESENTATIVE)).toMatchObject({ kind: 'person' });

      // Performing the organization's judgment frees its representative too.
      await registry.ingest.ingest([performed('c-1', NOW, { scheme: 'CN-USCC', value: USCC })]);
      expect((await entriesOf('CN-RIC', REPRESENTATIVE))[0]?.removedAt).toBe(NOW);
    });

    it('rejects a listing that names its representative by an invalid identifier', async () => {
      const [result] = await registry.ingest.ingest([
        listing(
          'c-1',
          { scheme: 'CN-USCC', value: USCC },
          { legalRepresentative: { scheme: 'CN-RIC', value: '110101199003074478', name: '李四' } },
        ),
      ]);
      expect(result).toMatchObject({
        status: 'rejected',
        errors: [{ code: 'invalid_identifier', path: '/payload/legalRepresentative/value' }],
      });
    });
  });

  describe('when the debtor performs the judgment', () => {
    it('removes the entry in the same transaction as the record', async () => {
      await registry.ingest.ingest([listing('c-1')]);
      const before = (await registry.store.counts()).feedSeq;
      const paidAt = '2026-06-01T00:00:00.000Z';
      const [result] = await registry.ingest.ingest([performed('c-1', paidAt)]);
      const [entry] = await entriesOf('CN-RIC', RIC);
      expect(entry).toMatchObject({ removedAt: paidAt, removedBy: result?.status === 'accepted' ? result.id : 'none' });
      expect(listEntryStatus(entry!, NOW)).toBe('removed');
      expect((await registry.store.feed(before, 100)).map((e) => e.type)).toEqual([
        'record.accepted',
        'list_entry.removed',
      ]);
      expect((await auditActions()).at(-1)).toBe('list_entry.removed');
    });

    it('removes only the listing for that case', async () => {
      await registry.ingest.ingest([listing('c-1'), listing('c-2')]);
      await registry.ingest.ingest([performed('c-2')]);
      const entries = await entriesOf('CN-RIC', RIC);
      expect(entries.filter((e) => e.removedAt === null).map((e) => e.matchKey)).toEqual(['c-1']);
    });

    it('removes a listing stored in the same batch', async () => {
      await registry.ingest.ingest([listing('c-1'), performed('c-1')]);
      expect((await entriesOf('CN-RIC', RIC))[0]?.removedAt).toBe(NOW);
    });

    it('does not remove a listing decided after the performance', async () => {
      await registry.ingest.ingest([performed('c-1', '2026-05-01T00:00:00.000Z'), listing('c-1')]);
      expect((await entriesOf('CN-RIC', RIC))[0]?.removedAt).toBeNull();
    });
  });

  describe('when a record is corrected or withdrawn', () => {
    const accepted = async (raw: ReturnType<typeof item>) => {
      const [result] = await registry.ingest.ingest([raw]);
      if (result?.status !== 'accepted') throw new Error(JSON.stringify(result));
      return result.id;
    };

    it('a withdrawn listing removes its entry from the start', async () => {
      const id = await accepted(listing('c-1'));
      const before = (await registry.store.counts()).feedSeq;
      await registry.changes.withdraw(COURT, id, 'listed the wrong person');
      const [entry] = await entriesOf('CN-RIC', RIC);
      expect(entry).toMatchObject({ removedAt: NOW, removedBy: id });
      expect((await registry.store.feed(before, 10)).map((e) => e.type)).toEqual([
        'record.withdrawn',
        'list_entry.removed',
      ]);
    });

    it('a withdrawn performance puts the debtor back on the list', async () => {
      await accepted(listing('c-1'));
      const paid = await accepted(performed('c-1'));
      await registry.changes.withdraw(COURT, paid, 'the payment bounced');
      const [entry] = await entriesOf('CN-RIC', RIC);
      expect(entry).toMatchObject({ removedAt: null, removedBy: null });
      expect((await auditActions()).at(-1)).toBe('list_entry.reinstated');
    });

    it('a corrected listing moves the entry to the corrected term', async () => {
      const id = await accepted(listing('c-1'));
      await registry.changes.correct(COURT, id, {
        payload: {
          caseNumber: 'c-1',
          decisionReference: 'c-1之一',
          obligation: 'pay 100,000 yuan',
          ground: 'able_but_refuses',
          termDays: 365,
        },
        reason: 'the decision sets one year',
      });
      const [entry] = await entriesOf('CN-RIC', RIC);
      expect(entry).toMatchObject({ until: '2027-06-01T00:00:00.000Z', removedAt: null });
      expect((await auditActions()).at(-1)).toBe('list_entry.corrected');
    });
  });

  describe('the screening index', () => {
    it('loads the subjects with open entries under each identifier, and follows removals', async () => {
      await registry.ingest.ingest([
        listing('c-1'),
        listing('c-2', { scheme: 'CN-USCC', value: USCC }),
        performed('c-2', NOW, { scheme: 'CN-USCC', value: USCC }),
      ]);
      const index = new ScreeningIndex({ store: registry.store, clock });
      expect(index.ready).toBe(false);
      await index.load();
      expect(index.ready).toBe(true);
      expect(index.sequence).toBe((await registry.store.counts()).feedSeq);
      expect(index.lookup('CN-RIC', RIC)).toMatchObject({
        subjectId: await subjectId('CN-RIC', RIC),
        entries: [{ listCode: 'dishonest-judgment-debtors' }],
      });
      expect(index.lookup('CN-USCC', USCC)).toBeUndefined(); // its only entry was removed

      await registry.ingest.ingest([performed('c-1')]);
      expect(index.lookup('CN-RIC', RIC)).toBeDefined();
      expect(await index.follow()).toBe(1);
      expect(index.lookup('CN-RIC', RIC)).toBeUndefined();
    });

    it('denies a subject whose removal is dated later until the removal takes effect, loaded or followed', async () => {
      const paidAt = new Date(Date.parse(NOW) + 7 * DAY).toISOString();
      const checkAt = async (at: string) => {
        now = Date.parse(at);
        const answer = await registry.screening.check('air-china', {
          subject: { scheme: 'CN-RIC', value: RIC },
          action: 'air.ticket.any',
          purpose: 'ticket_sale',
        });
        return answer.decision;
      };
      await registry.ingest.ingest([listing('c-1')]);
      await registry.screeningIndex.load();
      await registry.ingest.ingest([performed('c-1', paidAt)]);
      expect(await registry.screeningIndex.follow()).toBe(1);
      expect(await checkAt(NOW)).toBe('deny');
      expect(await checkAt(new Date(Date.parse(paidAt) - 1).toISOString())).toBe('deny');
      expect(await checkAt(paidAt)).toBe('allow');

      now = Date.parse(NOW);
      const loaded = new ScreeningIndex({ store: registry.store, clock });
      await loaded.load();
      expect(loaded.lookup('CN-RIC', RIC)?.entries).toMatchObject([{ removedAt: Date.parse(paidAt) }]);
    });
  });

  describe('the sweeper', () => {
    it('announces once each the end of a notice period and the end of a term, and nothing for a removed entry', async () => {
      const tax = (ref: string, value: string) => ({
        index: 0,
        institution: 'sh-tax',
        raw: validSubmission({
          type: 'tax.major_violation',
          sourceRef: ref,
          subject: { scheme: 'CN-USCC', value },
          effectiveAt: NOW,
          payload: { decisionReference: ref, violationType: 'tax_evasion', amount: 1, currency: 'CNY' },
        }),
      });
      await registry.ingest.ingest([tax('T-1', USCC), tax('T-2', '91310115591693856A')]);
      const [cleared] = await registry.ingest.ingest([
        {
          index: 0,
          institution: 'sh-tax',
          raw: validSubmission({
            type: 'tax.major_violation_cleared',
            sourceRef: 'C-2',
            subject: { scheme: 'CN-USCC', value: '91310115591693856A' },
            effectiveAt: NOW,
            payload: { decisionReference: 'T-2', reason: 'tax_late_fees_and_fines_paid', stoppedDate: '2026-06-01' },
          }),
        },
      ]);
      expect(cleared?.status).toBe('accepted');
      const announced = async () => {
        const before = (await registry.store.counts()).feedSeq;
        await registry.listSweeper.sweep();
        return (await registry.store.feed(before, 100)).map((e) => e.type);
      };
      expect(await announced()).toEqual([]);
      now = Date.parse(NOW) + 15 * DAY;
      expect(await announced()).toEqual(['list_entry.activated']);
      expect(await announced()).toEqual([]);
      now = Date.parse(NOW) + (15 + 1095) * DAY;
      expect(await announced()).toEqual(['list_entry.expired']);
      const size = await registry.audit.size();
      expect(JSON.parse((await registry.store.auditEntries(size - 1, size))[0]!.text)).toMatchObject({
        action: 'list_entry.expired',
        actor: { kind: 'operator', id: 'probity' },
        subject: await subjectId('CN-USCC', USCC),
      });
      expect(await announced()).toEqual([]);
    });
  });
});
