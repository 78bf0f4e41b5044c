import type { Catalog } from '../catalog/catalog.js';
import { pointerToken } from '../json-schema.js';
import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { ItemError } from './item-error.js';
import type { CheckedSubmission } from './record.js';
import { plainJson } from './plain-json.js';
import { IDENTIFYING_TEXT, plainText } from './plain-text.js';
import { parseRfc3339 } from './rfc3339.js';
import { prototypeKeyPointer } from './prototype-keys.js';

export type SubmissionCheck =
  | { readonly ok: true; readonly submission: CheckedSubmission }
  | { readonly ok: false; readonly errors: readonly ItemError[] };

const MAX_SOURCE_REF = 200;
const MAX_NAME = 200;
/** The fields of a submitted record and of its subject; any other is refused, not dropped (principle 2). */
const RECORD_FIELDS: ReadonlySet<string> = new Set([
  'institution',
  'type',
  'sourceRef',
  'subject',
  'effectiveAt',
  'payload',
]);
const SUBJECT_FIELDS: ReadonlySet<string> = new Set(['scheme', 'value', 'name']);

/**
 * Checks one submitted record against the catalog on behalf of an institution:
 * envelope fields, record type and the institution's authorisation, identifier,
 * subject kind, payload schema and timestamp. Every problem is reported, each with
 * a JSON pointer, so the submitter can fix them all at once. Text is taken in its
 * canonical form (plain-text.ts), so one reference sent two ways is one record.
 * `today` (YYYY-MM-DD, the caller's clock) bounds dates inside identifiers.
 */
export function checkSubmission(catalog: Catalog, institution: string, raw: unknown, today: string): SubmissionCheck {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail({ code: 'malformed_line', path: '', message: 'must be a JSON object' });
  }
  // Refused item by item, so that one hostile record in a batch costs only itself.
  const prototypeKey = prototypeKeyPointer(raw);
  if (prototypeKey !== undefined)
    return fail({
      code: 'invalid_field',
      path: prototypeKey,
      message: 'is a key that is refused (__proto__, constructor, prototype)',
    });
  const item = raw as Record<string, unknown>;
  const errors: ItemError[] = unknownFields(item, RECORD_FIELDS, '');

  if (item['institution'] !== undefined && item['institution'] !== institution) {
    errors.push({
      code: 'institution_mismatch',
      path: '/institution',
      message: `names institution ${JSON.stringify(item['institution'])} but the caller is "${institution}"`,
    });
  }

  const type = requiredString(item, 'type', errors);
  const recordType = type === undefined ? undefined : catalog.recordType(type);
  if (type !== undefined && !recordType) {
    errors.push({
      code: 'unknown_record_type',
      path: '/type',
      message: `"${type}" is not a record type of this jurisdiction`,
    });
  } else if (type !== undefined && !catalog.maySubmit(institution, type)) {
    errors.push({
      code: 'record_type_not_authorised',
      path: '/type',
      message: `institution "${institution}" is not authorised to submit "${type}"`,
    });
  }

  let sourceRef = identifyingText(requiredString(item, 'sourceRef', errors), '/sourceRef', MAX_SOURCE_REF, errors);
  if (sourceRef === '') {
    errors.push({ code: 'missing_field', path: '/sourceRef', message: 'is required (it is only white space)' });
    sourceRef = undefined;
  }

  const subject = checkSubject(catalog, item['subject'], errors, today);
  if (subject && recordType && !recordType.subjectKinds.includes(subject.kind)) {
    errors.push({
      code: 'subject_kind_not_allowed',
      path: '/subject',
      message:
        `"${recordType.code}" applies to ` +
        `${recordType.subjectKinds.join(', ')} subjects, ` +
        `not to a ${subject.kind}`,
    });
  }

  const effectiveAt = checkTimestamp(item, 'effectiveAt', errors);

  const sent = item['payload'];
  // Strings in NFC before the schema sees them and before hashing; non-finite numbers refused.
  const plain = sent === undefined ? undefined : plainJson(sent, '/payload');
  const payload = plain?.value;
  if (payload === undefined) {
    errors.push({ code: 'missing_field', path: '/payload', message: 'is required' });
  } else if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    errors.push({ code: 'invalid_field', path: '/payload', message: 'must be an object' });
  } else if (plain!.errors.length > 0) {
    errors.push(...plain!.errors);
  } else if (recordType) {
    for (const violation of catalog.payloadViolations(recordType.code, payload)) {
      errors.push({ code: 'invalid_payload', path: `/payload${violation.pointer}`, message: violation.message });
    }
  }

  if (errors.length > 0 || !type || !sourceRef || !subject || !effectiveAt) {
    return { ok: false, errors };
  }
  const payloadJson = canonicalJson(payload);
  // The envelope fields have a fixed order, so only the payload needs canonicalising.
  const envelope = JSON.stringify([type, sourceRef, subject.scheme, subject.value, subject.name ?? null, effectiveAt]);
  return {
    ok: true,
    submission: {
      institution,
      type,
      sourceRef,
      subject,
      effectiveAt,
      payload: payload as Record<string, unknown>,
      payloadJson,
      bodyHash: hash('sha256', `${envelope}\n${payloadJson}`),
    },
  };
}

function fail(error: ItemError): SubmissionCheck {
  return { ok: false, errors: [error] };
}

function requiredString(
  item: Record<string, unknown>,
  field: string,
  errors: ItemError[],
  base = '',
): string | undefined {
  const value = item[field];
  if (typeof value === 'string' && value !== '') return value;
  const path = `${base}/${pointerToken(field)}`;
  if (value === undefined || value === null || value === '') {
    errors.push({ code: 'missing_field', path, message: 'is required' });
  } else {
    errors.push({ code: 'invalid_field', path, message: 'must be a string' });
  }
  return undefined;
}

/**
 * A reference or name in its canonical form (empty if it was only white space), or undefined
 * with the reason in `errors`.
 */
function identifyingText(
  value: string | undefined,
  path: string,
  max: number,
  errors: ItemError[],
): string | undefined {
  if (value === undefined) return undefined;
  const text = plainText(value, IDENTIFYING_TEXT);
  if (!text.ok) {
    errors.push({ code: 'invalid_field', path, message: text.message });
    return undefined;
  }
  if (text.text.length > max) {
    errors.push({ code: 'invalid_field', path, message: `must be at most ${max} characters` });
    return undefined;
  }
  return text.text;
}

function unknownFields(object: Record<string, unknown>, known: ReadonlySet<string>, base: string): ItemError[] {
  return Object.keys(object)
    .filter((field) => !known.has(field))
    .map((field) => ({
      code: 'unknown_field',
      path: `${base}/${pointerToken(field)}`,
      message: 'is not a field of a record; nothing is dropped silently, so remove it',
    }));
}

function checkSubject(
  catalog: Catalog,
  raw: unknown,
  errors: ItemError[],
  today: string,
): CheckedSubmission['subject'] | undefined {
  if (raw === undefined) {
    errors.push({ code: 'missing_field', path: '/subject', message: 'is required' });
    return undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push({ code: 'invalid_field', path: '/subject', message: 'must be an object with scheme and value' });
    return undefined;
  }
  const subject = raw as Record<string, unknown>;
  errors.push(...unknownFields(subject, SUBJECT_FIELDS, '/subject'));
  const schemeCode = requiredString(subject, 'scheme', errors, '/subject');
  const value = requiredString(subject, 'value', errors, '/subject');
  const sentName = subject['name'];
  if (sentName !== undefined && typeof sentName !== 'string') {
    errors.push({
      code: 'invalid_field',
      path: '/subject/name',
      message: `must be a string of at most ${MAX_NAME} characters`,
    });
  }
  // A name of only white space is no name.
  const name =
    typeof sentName === 'string'
      ? identifyingText(sentName, '/subject/name', MAX_NAME, errors) || undefined
      : undefined;
  if (schemeCode === undefined || value === undefined) return undefined;
  const check = catalog.checkIdentifier(schemeCode, value, { today });
  if (!check.ok) {
    errors.push({
      code: check.code,
      path: check.code === 'unknown_identifier_scheme' ? '/subject/scheme' : '/subject/value',
      message: check.message,
    });
    return undefined;
  }
  const identified = { scheme: check.scheme, value: check.value, kind: check.subjectKind };
  return name === undefined ? identified : { ...identified, name };
}

function checkTimestamp(item: Record<string, unknown>, field: string, errors: ItemError[]): string | undefined {
  const value = requiredString(item, field, errors);
  if (value === undefined) return undefined;
  const time = parseRfc3339(value);
  if (time === undefined) {
    errors.push({
      code: 'invalid_timestamp',
      path: `/${field}`,
      message: `"${value}" is not an RFC 3339 date-time with offset, e.g. 2025-03-01T00:00:00Z`,
    });
  }
  return time;
}
