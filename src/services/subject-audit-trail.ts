import type { AuditEntry } from '../domain/audit/audit-entry.js';
import type { AuditStore } from '../store/audit-store.js';

const PAGE = 1_000;

/** Every audit entry about one subject, oldest first, read a page at a time ("who looked", corrections). */
export async function subjectAuditTrail(store: AuditStore, subjectId: string): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for (let from = 0; ;) {
    const page = await store.auditEntriesAbout(subjectId, from, PAGE);
    for (const stored of page) entries.push(JSON.parse(stored.text) as AuditEntry);
    if (page.length < PAGE) return entries;
    from = page.at(-1)!.seq + 1;
  }
}
