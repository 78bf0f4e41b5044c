import { identifierScheme } from '../identifiers/identifier-schemes.js';
import type { Pack, RecordType } from './pack.js';
import { isKnownTimeZone } from '../time/zoned-time.js';
import type { PackIssue, PackSection } from './pack-issue.js';

/**
 * Checks that every code a pack refers to is defined exactly once: record types
 * named by institutions and lists, restrictions named by lists, actions named by
 * restrictions and relying parties, identifier schemes and the time zone named by the manifest.
 */
export function checkPackReferences(pack: Pack): PackIssue[] {
  const issues: PackIssue[] = [];
  const issue = (section: PackSection, index: number, path: (string | number)[], message: string): void => {
    issues.push({ section, index, path, message });
  };

  const recordTypes = indexByCode('recordTypes', pack.recordTypes, issue);
  const actions = indexByCode('actions', pack.actions, issue);
  const restrictions = indexByCode('restrictions', pack.restrictions, issue);
  indexByCode('institutions', pack.institutions, issue);
  indexByCode('lists', pack.lists, issue);
  indexByCode('relyingParties', pack.relyingParties, issue);

  const timeZone = pack.manifest.calendar?.timeZone;
  if (timeZone !== undefined && !isKnownTimeZone(timeZone))
    issue(
      'manifest',
      0,
      ['calendar', 'timeZone'],
      `unknown time zone "${timeZone}" (an IANA name such as Asia/Shanghai)`,
    );

  pack.manifest.identifierSchemes.forEach((scheme, k) => {
    if (!identifierScheme(scheme))
      issue('manifest', 0, ['identifierSchemes', k], `unknown identifier scheme "${scheme}"`);
  });

  const submittable = new Set<string>();
  pack.institutions.forEach((institution, i) => {
    institution.recordTypes.forEach((code, k) => {
      submittable.add(code);
      if (!recordTypes.has(code)) issue('institutions', i, ['recordTypes', k], `unknown record type "${code}"`);
    });
  });
  pack.recordTypes.forEach((recordType, i) => {
    if (!submittable.has(recordType.code)) {
      issue('recordTypes', i, ['code'], `record type "${recordType.code}" is not submittable by any institution`);
    }
  });

  pack.recordTypes.forEach((recordType, i) => issues.push(...obligationEndIssues(recordType, i, recordTypes)));

  pack.restrictions.forEach((restriction, i) => {
    restriction.actions.forEach((code, k) => {
      if (!actions.has(code)) issue('restrictions', i, ['actions', k], `unknown action "${code}"`);
    });
  });
  pack.relyingParties.forEach((party, i) => {
    party.actions.forEach((code, k) => {
      if (!actions.has(code)) issue('relyingParties', i, ['actions', k], `unknown action "${code}"`);
    });
  });

  pack.lists.forEach((list, i) => {
    for (const key of ['addedBy', 'removedBy'] as const) {
      list[key].forEach((code, k) => {
        const recordType = recordTypes.get(code);
        if (!recordType) {
          issue('lists', i, [key, k], `unknown record type "${code}"`);
          return;
        }
        const kinds = list.subjectKinds.filter((kind) => !recordType.subjectKinds.includes(kind));
        if (kinds.length > 0) {
          issue(
            'lists',
            i,
            [key, k],
            `record type "${code}" does not apply to ${kinds.join(', ')} subjects of this list`,
          );
        }
        if (list.matchOn !== undefined && !hasPayloadField(recordType, list.matchOn)) {
          issue('lists', i, [key, k], `record type "${code}" has no payload field "${list.matchOn}" to match on`);
        }
        const representative = list.representative?.payloadField;
        if (key === 'addedBy' && representative !== undefined && !hasPayloadField(recordType, representative)) {
          issue(
            'lists',
            i,
            ['representative', 'payloadField'],
            `record type "${code}" has no payload field "${representative}"`,
          );
        }
      });
    }
    list.restrictions.forEach((code, k) => {
      if (!restrictions.has(code)) issue('lists', i, ['restrictions', k], `unknown restriction "${code}"`);
    });
    if (list.representative && !list.subjectKinds.includes('person')) {
      issue('lists', i, ['representative'], 'a list that restricts representatives must hold persons');
    }
    const termField = list.term.payloadField;
    if (termField !== undefined) {
      for (const code of list.addedBy) {
        const recordType = recordTypes.get(code);
        if (recordType && !hasPayloadField(recordType, termField)) {
          issue('lists', i, ['term', 'payloadField'], `record type "${code}" has no payload field "${termField}"`);
        }
      }
    }
  });
  return issues;
}

/** Retention from the obligation's end needs the records that end it, and their match field on both sides. */
function obligationEndIssues(
  recordType: RecordType,
  index: number,
  recordTypes: ReadonlyMap<string, RecordType>,
): PackIssue[] {
  const issue = (path: (string | number)[], message: string): PackIssue => ({
    section: 'recordTypes',
    index,
    path,
    message,
  });
  const { from, endedBy } = recordType.retention;
  if (from === 'obligation_end' && !endedBy) {
    return [
      issue(
        ['retention', 'from'],
        'retention from obligation_end needs endedBy: the record types that end the obligation',
      ),
    ];
  }
  if (!endedBy) return [];
  if (from !== 'obligation_end')
    return [issue(['retention', 'endedBy'], 'endedBy applies only to retention from obligation_end')];
  const issues: PackIssue[] = [];
  const { matchOn } = endedBy;
  if (matchOn !== undefined && !hasPayloadField(recordType, matchOn)) {
    issues.push(
      issue(['retention', 'endedBy', 'matchOn'], `record type "${recordType.code}" has no payload field "${matchOn}"`),
    );
  }
  endedBy.recordTypes.forEach((code, k) => {
    const ending = recordTypes.get(code);
    if (!ending) issues.push(issue(['retention', 'endedBy', 'recordTypes', k], `unknown record type "${code}"`));
    else if (matchOn !== undefined && !hasPayloadField(ending, matchOn)) {
      issues.push(
        issue(
          ['retention', 'endedBy', 'recordTypes', k],
          `record type "${code}" has no payload field "${matchOn}" to match on`,
        ),
      );
    }
  });
  return issues;
}

function hasPayloadField(recordType: RecordType, field: string): boolean {
  const properties = recordType.payloadSchema['properties'];
  return properties !== null && typeof properties === 'object' && field in properties;
}

function indexByCode<T extends { readonly code: string }>(
  section: PackSection,
  items: readonly T[],
  issue: (section: PackSection, index: number, path: (string | number)[], message: string) => void,
): Map<string, T> {
  const byCode = new Map<string, T>();
  items.forEach((item, i) => {
    if (byCode.has(item.code)) issue(section, i, ['code'], `"${item.code}" is defined more than once`);
    else byCode.set(item.code, item);
  });
  return byCode;
}
