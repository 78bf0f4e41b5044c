import { RECORD_CATEGORIES, type Pack } from './pack.js';
import type { PackIssue, PackPath, PackSection } from './pack-issue.js';
import { refusedUsesIn } from './refused-uses.js';

/**
 * Checks a pack against design.md, "What Probity refuses to do": record types only
 * in the allowed categories, and no record type, payload field, list, action,
 * restriction or purpose about a refused use. Every field name anywhere is checked too,
 * so a pack cannot smuggle in, say, a `familyMembers` switch.
 */
export function checkPackPolicy(pack: Pack): PackIssue[] {
  const issues: PackIssue[] = [];
  const scan = (section: PackSection, index: number, path: PackPath, text: unknown): void => {
    if (typeof text !== 'string') return;
    for (const { use, term } of refusedUsesIn(text)) {
      issues.push({ section, index, path, message: `refused by policy (${use.principle}): "${term}" in "${text}"` });
    }
  };
  const scanKeys = (section: PackSection, index: number, path: PackPath, value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => scanKeys(section, index, [...path, i], item));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        scan(section, index, [...path, key], key);
        scanKeys(section, index, [...path, key], child);
      }
    }
  };
  const scanTitle = (section: PackSection, index: number, key: string, title: unknown): void => {
    if (title === null || typeof title !== 'object') return;
    for (const [lang, text] of Object.entries(title)) scan(section, index, [key, lang], text);
  };

  pack.recordTypes.forEach((recordType, i) => {
    scanKeys('recordTypes', i, [], recordType);
    scan('recordTypes', i, ['code'], recordType.code);
    scanTitle('recordTypes', i, 'title', recordType.title);
    scanTitle('recordTypes', i, 'description', recordType.description);
    scanSchemaText(recordType.payloadSchema, ['payloadSchema'], (path, text) => scan('recordTypes', i, path, text));
    if (!(RECORD_CATEGORIES as readonly string[]).includes(recordType.category)) {
      issues.push({
        section: 'recordTypes',
        index: i,
        path: ['category'],
        message:
          `refused by policy (record types belong to an allowed category): "${String(recordType.category)}" ` +
          `is not one of ${RECORD_CATEGORIES.join(', ')}`,
      });
    }
  });
  pack.lists.forEach((list, i) => {
    scanKeys('lists', i, [], list);
    scan('lists', i, ['code'], list.code);
    scanTitle('lists', i, 'title', list.title);
  });
  pack.actions.forEach((action, i) => {
    scanKeys('actions', i, [], action);
    scan('actions', i, ['code'], action.code);
    scanTitle('actions', i, 'title', action.title);
  });
  pack.restrictions.forEach((restriction, i) => {
    // Titles and citations quote the law (which speaks of a debtor's children's school fees), so only codes.
    scanKeys('restrictions', i, [], restriction);
    scan('restrictions', i, ['code'], restriction.code);
  });
  pack.relyingParties.forEach((party, i) => {
    scanKeys('relyingParties', i, [], party);
    party.purposes.forEach((purpose, k) => scan('relyingParties', i, ['purposes', k], purpose));
  });
  pack.institutions.forEach((institution, i) => scanKeys('institutions', i, [], institution));
  scanKeys('manifest', 0, [], pack.manifest);
  return issues;
}

/** Visits the human-readable text of a JSON Schema: titles, descriptions and enum values. */
function scanSchemaText(schema: unknown, path: PackPath, visit: (path: PackPath, text: string) => void): void {
  if (Array.isArray(schema)) {
    schema.forEach((item, i) => scanSchemaText(item, [...path, i], visit));
    return;
  }
  if (schema === null || typeof schema !== 'object') return;
  for (const [key, value] of Object.entries(schema)) {
    if ((key === 'title' || key === 'description') && typeof value === 'string') visit([...path, key], value);
    else if (key === 'enum' && Array.isArray(value)) {
      value.forEach((option, i) => typeof option === 'string' && visit([...path, key, i], option));
    } else scanSchemaText(value, [...path, key], visit);
  }
}
