import { objectHash, type AuditDraft } from '../domain/audit/audit-entry.js';
import type { Catalog } from '../domain/catalog/catalog.js';
import { maskIdentifier } from '../domain/lists/mask-identifier.js';
import { ProbityError } from '../errors.js';
import type { RecordStore } from '../store/record-store.js';
import type { ListStore } from '../store/list-store.js';
import type { AuditLog } from './audit-log.js';
import type { Clock } from './clock.js';

/** One entry of a published list, as the public sees it: what the court's list shows, never more. */
export interface PublicListEntry {
  readonly entryId: string;
  readonly list: string;
  readonly name: string | null;
  /** Masked for persons. */
  readonly identifiers: readonly { readonly scheme: string; readonly value: string }[];
  readonly decidingBody: { readonly code: string; readonly name: { readonly en: string; readonly zh: string } | null };
  readonly caseReference: string | null;
  readonly obligation: string | null;
  readonly since: string;
  readonly until: string;
}

const MAX_RESULTS = 50;
const MIN_QUERY = 2;

/**
 * Search of the lists the pack publishes (publication: public) by name or identifier.
 * Only entries in force show: a removed or expired entry disappears from the public view
 * at once. Each entry shown is a read of personal data and is logged under its subject.
 */
export class PublicLists {
  constructor(
    private readonly deps: {
      readonly store: ListStore & RecordStore;
      readonly catalog: Catalog;
      readonly clock: Clock;
      readonly audit: AuditLog;
    },
  ) {}

  /** How many entries the published list holds now (a count: it names nobody, so nothing is logged). */
  count(listCode: string): Promise<number> {
    return this.deps.store.countInForce(listCode, this.deps.clock.now().toISOString());
  }

  async search(listCode: string, query: string): Promise<PublicListEntry[]> {
    const { store, catalog, clock, audit } = this.deps;
    const list = catalog.list(listCode);
    if (!list || list.publication !== 'public') throw new ProbityError('not_found', `no published list "${listCode}"`);
    const q = query.trim();
    if (q.length < MIN_QUERY)
      throw new ProbityError(
        'invalid_request',
        `search by a name or an identifier of at least ${MIN_QUERY} characters`,
      );
    const at = clock.now().toISOString();
    const identified = this.identified(q);
    const subjectId = identified && (await store.subjectByIdentifier(identified.scheme, identified.value))?.id;
    if (identified && !subjectId) return [];
    const found = await store.entriesInForce(
      listCode,
      subjectId ? { subjectId } : { nameContains: q },
      at,
      MAX_RESULTS,
    );
    const subjects = new Map(
      (await store.listingsOf([...new Set(found.map((f) => f.entry.subjectId))])).map((s) => [
        s.subjectId,
        s.identifiers,
      ]),
    );
    const shown: PublicListEntry[] = [];
    const drafts: Omit<AuditDraft, 'time'>[] = [];
    for (const { entry, subjectName } of found) {
      const basis = await store.record(entry.basisRecordId);
      if (!basis) continue;
      const payload = basis.versions.at(-1)!.payload;
      const view: PublicListEntry = {
        entryId: entry.id,
        list: entry.listCode,
        name: subjectName,
        identifiers: (subjects.get(entry.subjectId) ?? []).map((i) => ({
          scheme: i.scheme,
          value: maskIdentifier(i.value, basis.subjectKind),
        })),
        decidingBody: { code: basis.institution, name: catalog.institution(basis.institution)?.name ?? null },
        caseReference: text(payload['caseNumber'] ?? payload['decisionReference']),
        obligation: text(payload['obligation']),
        since: entry.activeFrom,
        until: entry.until,
      };
      shown.push(view);
      drafts.push({
        actor: { kind: 'public', id: 'anonymous' },
        action: 'list.searched',
        subject: entry.subjectId,
        object: { kind: 'list_entry', id: entry.id },
        objectHash: objectHash(view),
      });
    }
    await Promise.all(drafts.map((draft) => audit.recordRead(draft)));
    return shown;
  }

  /** The query as an identifier of an enabled scheme, if it is one. */
  private identified(q: string): { scheme: string; value: string } | undefined {
    for (const code of this.deps.catalog.identifierSchemeCodes()) {
      const check = this.deps.catalog.checkIdentifier(code, q);
      if (check.ok) return { scheme: check.scheme, value: check.value };
    }
    return undefined;
  }
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
