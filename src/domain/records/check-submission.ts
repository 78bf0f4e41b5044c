import type { Catalog } from '../catalog/catalog.js';
import { pointerToken } from '../json-schema.js';
import { hash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import type { ItemError } from './item-error.js';
import type { CheckedSubmission } from './record.js';
import { parseRfc3339 } from './rfc3339.js';

export type SubmissionCheck =
  | { readonly ok: true; readonly submission: CheckedSubmission }
  | { readonly ok: false; readonly errors: readonly ItemError[] };

const MAX_SOURCE_REF = 200;
const MAX_NAME = 200;
// RFC 3339 §5.6 date-time; the offset is required so that valid time is never ambiguous.
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Checks one submitted record against the catalog on behalf of an institution:
 * envelope fields, record type and the institution's authorisation, identifier,
 * subject kind, payload schema and timestamp. Every problem is reported, each with
 * a JSON pointer, so the submitter can fix them all at once.
 */
export function checkSubmission(catalog: Catalog, institution: string, raw: unknown): SubmissionCheck {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return fail({ code: 'malformed_line', path: '', message: 'must be a JSON object' });
  }
  const item = raw as Record<string, unknown>;
  const errors: ItemError[] = [];

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
    errors.push({ code: 'unknown_record_type', path: '/type', message: `"${type}" is not a record type of this jurisdiction` });
  } else if (type !== undefined && !catalog.maySubmit(institution, type)) {
    errors.push({
      code: 'record_type_not_authorised',
      path: '/type',
      message: `institution "${institution}" is not authorised to submit "${type}"`,
    });
  }

  const sourceRef = requiredString(item, 'sourceRef', errors);
  if (sourceRef !== undefined && (sourceRef.length > MAX_SOURCE_REF || CONTROL.test(sourceRef))) {
    errors.push({
      code: 'invalid_field',
      path: '/sourceRef',
      message: `must be at most ${MAX_SOURCE_REF} characters with no control characters`,
    });
  }

  const subject = checkSubject(catalog, item['subject'], errors);
  if (subject && recordType && !recordType.subjectKinds.includes(subject.kind)) {
    errors.push({
      code: 'subject_kind_not_allowed',
      path: '/subject',
      message: `"${recordType.code}" applies to ${recordType.subjectKinds.join(', ')} subjects, not to a ${subject.kind}`,
    });
  }

  const effectiveAt = checkTimestamp(item, 'effectiveAt', errors);

  const payload = item['payload'];
  if (payload === undefined) {
    errors.push({ code: 'missing_field', path: '/payload', message: 'is required' });
  } else if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    errors.push({ code: 'invalid_field', path: '/payload', message: 'must be an object' });
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

function requiredString(item: Record<string, unknown>, field: string, errors: ItemError[], base = ''): string | undefined {
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

function checkSubject(catalog: Catalog, raw: unknown, errors: ItemError[]): CheckedSubmission['subject'] | undefined {
  if (raw === undefined) {
    errors.push({ code: 'missing_field', path: '/subject', message: 'is required' });
    return undefined;
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    errors.push({ code: 'invalid_field', path: '/subject', message: 'must be an object with scheme and value' });
    return undefined;
  }
  const subject = raw as Record<string, unknown>;
  const schemeCode = requiredString(subject, 'scheme', errors, '/subject');
  const value = requiredString(subject, 'value', errors, '/subject');
  const name = subject['name'];
  if (name !== undefined && (typeof name !== 'string' || name.length > MAX_NAME || CONTROL.test(name))) {
    errors.push({ code: 'invalid_field', path: '/subject/name', message: `must be a string of at most ${MAX_NAME} characters` });
  }
  if (schemeCode === undefined || value === undefined) return undefined;
  const check = catalog.checkIdentifier(schemeCode, value);
  if (!check.ok) {
    errors.push({ code: check.code, path: check.code === 'unknown_identifier_scheme' ? '/subject/scheme' : '/subject/value', message: check.message });
    return undefined;
  }
  const identified = { scheme: check.scheme, value: check.value, kind: check.subjectKind };
  return typeof name === 'string' && name.length > 0 ? { ...identified, name } : identified;
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
