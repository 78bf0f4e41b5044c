import type { Catalog } from '../domain/catalog/catalog.js';
import type { LocalisedText, RecordType } from '../domain/catalog/pack.js';
import { identifierRegion } from '../domain/identifiers/identifier-region.js';
import type { Assessment } from '../domain/rulebooks/assess.js';
import { ProbityError } from '../errors.js';
import type { NameCursor, PublicSubject } from '../store/store.js';

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

/** A subject found by the lookup, with the region its code was registered in (when known), to tell same-named bodies apart. */
export interface FoundSubject extends PublicSubject {
  readonly region: LocalisedText | undefined;
}

/** One page of lookup results, and the token of the next page when there is one. */
export interface LookupPage {
  readonly results: readonly FoundSubject[];
  readonly next: string | undefined;
}

const regionOf = (subject: PublicSubject): LocalisedText | undefined =>
  subject.identifiers.map(identifierRegion).find((region) => region !== undefined);

// The next page's token: the last name and id shown, opaque to the visitor (base64url JSON).
const formatCursor = (cursor: NameCursor): string =>
  Buffer.from(JSON.stringify([cursor.name, cursor.id])).toString('base64url');

function parseCursor(token: string): NameCursor {
  try {
    const [name, id] = JSON.parse(Buffer.from(token, 'base64url').toString()) as unknown[];
    if (typeof name === 'string' && typeof id === 'string') return { name, id };
  } catch {
    // Falls through to the typed error: a malformed token is the visitor's, not ours.
  }
  throw new ProbityError('invalid_request', 'this page of results is not valid: search again');
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

  /**
   * Organizations and government bodies whose name contains the query, or the one holding the
   * code it is; a page at a time, `page` being the `next` of the page before.
   */
  async search(query: string, page?: string): Promise<LookupPage> {
    const q = query.trim();
    if ([...q].length < MIN_QUERY)
      throw new ProbityError('invalid_request', `search by a name or a code of at least ${MIN_QUERY} characters`);
    const code = this.deps.catalog.checkIdentifier('CN-USCC', q);
    const found = await this.deps.store.publicSubjects(
      code.ok
        ? { identifier: { scheme: code.scheme, value: code.value } }
        : { nameContains: q, ...(page === undefined ? {} : { after: parseCursor(page) }) },
      MAX_RESULTS + 1,
    );
    const shown = found.slice(0, MAX_RESULTS);
    const last = shown.at(-1);
    return {
      results: shown.map((subject) => ({ ...subject, region: regionOf(subject) })),
      next: found.length > MAX_RESULTS && last ? formatCursor({ name: last.name ?? '', id: last.id }) : undefined,
    };
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
