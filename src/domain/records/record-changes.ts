import { ProbityError } from '../../errors.js';
import type { Catalog } from '../catalog/catalog.js';
import { plainJson } from './plain-json.js';
import type { RecordVersion, StoredRecord } from './record.js';

/** A correction as the submitting institution asks for it. */
export interface CorrectionRequest {
  readonly payload: Readonly<Record<string, unknown>>;
  readonly reason: string;
  /** New valid time, when the correction is about when the fact took effect. */
  readonly effectiveAt?: string;
}

type NewVersion = Omit<RecordVersion, 'version'>;

/**
 * The version a correction adds: a full new payload, valid under the record type's
 * schema, with a reason. A withdrawn record cannot be corrected.
 */
export function correctionOf(
  catalog: Catalog,
  current: StoredRecord,
  request: CorrectionRequest,
  recordedAt: string,
): NewVersion {
  const latest = liveVersion(current);
  // As for a submission: strings in NFC, no non-finite numbers or invisible characters.
  const plain = plainJson(request.payload, '/payload');
  if (plain.errors.length > 0) {
    const [first] = plain.errors;
    throw new ProbityError(first!.code, `${first!.path} ${first!.message}`, {
      errors: plain.errors.map(({ path, message }) => ({ path, message })),
    });
  }
  const payload = plain.value as Readonly<Record<string, unknown>>;
  const violations = catalog.payloadViolations(current.type, payload);
  if (violations.length > 0) {
    const [first] = violations;
    throw new ProbityError('invalid_payload', `/payload${first!.pointer} ${first!.message}`, {
      errors: violations.map((v) => ({ path: `/payload${v.pointer}`, message: v.message })),
    });
  }
  return {
    action: 'corrected',
    effectiveAt: request.effectiveAt ?? latest.effectiveAt,
    recordedAt,
    payload,
    reason: request.reason,
  };
}

/** The version a withdrawal adds: the last payload, marked withdrawn, with a reason. */
export function withdrawalOf(current: StoredRecord, reason: string, recordedAt: string): NewVersion {
  const latest = liveVersion(current);
  return { action: 'withdrawn', effectiveAt: latest.effectiveAt, recordedAt, payload: latest.payload, reason };
}

function liveVersion(current: StoredRecord): RecordVersion {
  const latest = current.versions.at(-1);
  if (!latest) throw new Error(`record ${current.id} has no versions`);
  if (latest.action === 'withdrawn') {
    throw new ProbityError('record_withdrawn', `record ${current.id} was withdrawn at ${latest.recordedAt}`);
  }
  return latest;
}
