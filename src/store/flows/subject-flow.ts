import { subjectCreated } from '../../domain/audit/write-drafts.js';
import type { AuditDraft } from '../../domain/audit/audit-entry.js';
import type { NewFeedEvent } from '../../domain/feed/feed-event.js';
import { identifierKey } from '../../domain/identifiers/identifier-key.js';
import { publicName, type SubjectKind } from '../../domain/subject-kind.js';
import { awaited, type Step } from './steps.js';
import type { WriteTransaction } from './write-transaction.js';

/** Who names a subject: the identifier and kind, and the institution that names it. */
export interface SubjectMention {
  readonly subject: {
    readonly scheme: string;
    readonly value: string;
    readonly kind: SubjectKind;
    readonly name?: string | null | undefined;
  };
  readonly institution: string;
}

/** The subjects of a batch: id by identifierKey, and the writes that announce the ones created. */
export interface ResolvedSubjects {
  readonly ids: ReadonlyMap<string, string>;
  readonly events: NewFeedEvent[];
  readonly drafts: AuditDraft[];
}

/**
 * Finds or creates the subject of every mention. The first mention of an identifier introduces
 * its subject: its kind and name are the subject's, its institution the actor of subject.created.
 */
export function* resolveSubjects(
  tx: WriteTransaction,
  mentions: readonly SubjectMention[],
  at: string,
  newId: () => string,
): Step<ResolvedSubjects> {
  const introducers = new Map<string, SubjectMention>();
  for (const mention of mentions) {
    const key = identifierKey(mention.subject);
    if (!introducers.has(key)) introducers.set(key, mention);
  }
  if (introducers.size === 0) return { ids: new Map(), events: [], drafts: [] };
  const ids = yield* awaited(tx.subjectIdsOf([...introducers.values()].map((m) => m.subject)));
  const created = [...introducers]
    .filter(([key]) => !ids.has(key))
    .map(([key, { subject, institution }]) => {
      const id = newId();
      ids.set(key, id);
      return { id, subject, institution };
    });
  if (created.length > 0)
    yield* awaited(
      tx.insertSubjects(
        created.map(({ id, subject }) => ({
          id,
          kind: subject.kind,
          identifier: { scheme: subject.scheme, value: subject.value },
          publicName: publicName(subject.kind, subject.name),
        })),
        at,
      ),
    );
  return {
    ids,
    events: created.map(({ id }) => ({ type: 'subject.created', subjectId: id, recordId: null, recordedAt: at })),
    drafts: created.map(({ id, subject, institution }) => subjectCreated({ id, kind: subject.kind }, institution, at)),
  };
}
