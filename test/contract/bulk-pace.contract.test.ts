import { describe, expect, it } from 'vitest';
import type { AuditDraft } from '../../src/domain/audit/audit-entry.js';
import { freshStorePerTest } from '../support/store-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const T0 = '2026-03-01T08:00:00.000Z';

const read = (n: number): AuditDraft => ({
  time: T0,
  actor: { kind: 'relying_party', id: 'china-eastern' },
  action: 'record.read',
  subject: `subject-${n % 7}`,
  object: { kind: 'record', id: `record-${n}` },
  objectHash: 'cd'.repeat(32),
});

describe.each(STORE_KINDS)('Store contract on %s: how bulk callers pace themselves', (kind) => {
  const t = freshStorePerTest(kind);

  it('names how many reads to log per append, and takes a group that size in one append', async () => {
    const group = t.store.readsPerAppend;
    expect(Number.isInteger(group) && group > 0).toBe(true);
    expect(await t.store.appendAudit(Array.from({ length: group }, (_, n) => read(n)))).toBe(0);
    expect(await t.store.appendAudit([read(group)])).toBe(group);
    expect(await t.store.auditSize()).toBe(group + 1);
  });

  it('names a time budget and the fewest records worth a bulk transaction', () => {
    const { budgetMs, minRecords } = t.store.bulkTransaction;
    expect(budgetMs).toBeGreaterThan(0);
    expect(Number.isInteger(minRecords) && minRecords > 0).toBe(true);
  });
});
