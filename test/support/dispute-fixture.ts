import { objectHash, type AuditActor, type AuditDraft } from '../../src/domain/audit/audit-entry.js';
import { disputeDeadline } from '../../src/domain/disputes/dispute-deadline.js';
import type { Dispute } from '../../src/domain/disputes/dispute.js';
import type { Store } from '../../src/store/store.js';
import { demoCatalog } from './catalog.js';
import { checkedSubmissions, personIdentifier } from './checked-submissions.js';
import { debtorListing, judgmentUnperformed, taxListing, type Party } from './demo-records.js';

export const COURT = 'sh-pudong-court';
export const TAX = 'sh-tax';
/** When the fixture's disputes are filed unless a test says otherwise (a Monday). */
export const FILED = '2026-02-02T09:00:00.000Z';
const RECORDED = '2026-01-02T03:04:05.000Z';

type DisputeAction = 'dispute.filed' | 'dispute.answered' | 'dispute.decided' | 'dispute.lapsed';

/** The audit entry of a dispute step, as the Disputes service writes it (by the subject unless `actor` says). */
export function disputeDraft(action: DisputeAction, dispute: Dispute, time: string, actor?: AuditActor): AuditDraft {
  return {
    time,
    actor: actor ?? { kind: 'subject', id: dispute.subjectId },
    action,
    subject: dispute.subjectId,
    object: { kind: 'dispute', id: dispute.id },
    objectHash: objectHash(dispute),
  };
}

/** What a dispute test files against: a subject with a court record, a court listing (and its entry) and a tax listing. */
export interface DisputedSubject {
  readonly subjectId: string;
  readonly unperformed: string;
  readonly listing: string;
  readonly taxed: string;
  readonly entryId: string;
}

/** Subjects and disputes made through the store of `t` (a fresh one per test), as the services make them. */
export function disputeFixture(t: { readonly store: Store }, newId: () => string) {
  const ingest = async (institution: string, raws: readonly Record<string, unknown>[]) =>
    (await t.store.ingest({ items: checkedSubmissions(institution, raws), recordedAt: RECORDED, newId })).map(
      (outcome) => outcome.id,
    );

  return {
    async seed(party: Party = personIdentifier(1, '张三')): Promise<DisputedSubject> {
      const [unperformed, listing] = await ingest(COURT, [
        judgmentUnperformed(party, `C-${party.value}`),
        debtorListing(party, `L-${party.value}`, '2025-01-01T00:00:00Z'),
      ]);
      const [taxed] = await ingest(TAX, [taxListing(party, `T-${party.value}`, '2025-01-01T00:00:00Z')]);
      const subjectId = (await t.store.subjectByIdentifier(party.scheme, party.value))!.id;
      const entry = (await t.store.listEntries(subjectId)).find((e) => e.basisRecordId === listing)!;
      return { subjectId, unperformed: unperformed!, listing: listing!, taxed: taxed!, entryId: entry.id };
    },

    /** A dispute about the subject's court record, with the deadline the demo pack sets. */
    dispute(subject: DisputedSubject, overrides: Partial<Dispute> = {}): Dispute {
      const filedAt = overrides.filedAt ?? FILED;
      return {
        id: newId(),
        subjectId: subject.subjectId,
        target: { kind: 'record', recordId: subject.unperformed },
        institution: COURT,
        grounds: 'The judgment was performed in full.',
        statement: null,
        suspends: false,
        filedAt,
        deadline: disputeDeadline(filedAt, demoCatalog().pack.manifest.disputes),
        answer: null,
        decision: null,
        ...overrides,
      };
    },

    /** Files each dispute, in the order given, with its audit entry and no notices. */
    async file(...disputes: readonly Dispute[]): Promise<void> {
      for (const d of disputes) await t.store.fileDispute(d, disputeDraft('dispute.filed', d, d.filedAt));
    },

    /** The last entry of the audit log, parsed. */
    async lastLogged(): Promise<Record<string, unknown>> {
      const size = await t.store.auditSize();
      return JSON.parse((await t.store.auditEntries(size - 1, size))[0]!.text) as Record<string, unknown>;
    },
  };
}
