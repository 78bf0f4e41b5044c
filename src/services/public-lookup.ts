import type { Catalog } from '../domain/catalog/catalog.js';
import type { RecordType } from '../domain/catalog/pack.js';
import type { Assessment } from '../domain/rulebooks/assess.js';
import { ProbityError } from '../errors.js';
import type { PublicSubject } from '../store/store.js';

import type { PortalStore } from '../store/portal-store.js';
import type { RecordView, SubjectData } from './subject-data.js';

const MAX_RESULTS = 20;
const MIN_QUERY = 2;

/** An organization or government body as anyone may see it: its rating with reasons and its public records. */
export interface PublicProfile {
  readonly subject: PublicSubject;
  readonly assessment: Assessment | undefined;
  /** Records whose type the pack publishes, still in force (not withdrawn, not past retention). */
  readonly records: readonly (RecordView & { readonly recordType: RecordType })[];
}

/**
 * The public lookup, like Credit China: organizations and government bodies by name or
 * unified social credit code. Persons are never found here: their ratings are theirs alone.
 */
export class PublicLookup {
  constructor(
    private readonly deps: {
      readonly store: PortalStore;
      readonly catalog: Catalog;
      readonly subjectData: SubjectData;
    },
  ) {}

  async search(query: string): Promise<PublicSubject[]> {
    const q = query.trim();
    if (q.length < MIN_QUERY)
      throw new ProbityError('invalid_request', `search by a name or a code of at least ${MIN_QUERY} characters`);
    const code = this.deps.catalog.checkIdentifier('CN-USCC', q);
    return this.deps.store.publicSubjects(
      code.ok ? { identifier: { scheme: code.scheme, value: code.value } } : { namePrefix: q },
      MAX_RESULTS,
    );
  }

  async profile(scheme: string, value: string): Promise<PublicProfile> {
    const checked = this.deps.catalog.checkIdentifier(scheme, value);
    const [subject] = checked.ok
      ? await this.deps.store.publicSubjects({ identifier: { scheme: checked.scheme, value: checked.value } }, 1)
      : [];
    if (!subject) throw new ProbityError('not_found', `no organization or government body with ${scheme} ${value}`);
    const { records, assessment } = await this.deps.subjectData.records({ id: subject.id, kind: subject.kind });
    const published = records.filter(
      (view): view is RecordView & { recordType: RecordType } =>
        view.recordType?.publication === 'public' && view.status !== 'withdrawn' && view.status !== 'expired',
    );
    return { subject, assessment, records: published };
  }
}
