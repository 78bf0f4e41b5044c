import { ricCheckCharacter } from '../../src/domain/identifiers/cn-ric.js';
import { organizationCodeCheckCharacter, usccCheckCharacter } from '../../src/domain/identifiers/cn-uscc.js';
import type { StorableSubmission } from '../../src/domain/records/record.js';
import { prepareBatch } from '../../src/services/record-ingest.js';
import { demoCatalog } from './catalog.js';

/** Birth dates in the identifiers below are checked against this day. */
const TODAY = '2026-12-31';

/**
 * Raw items of the demo pack's record types, checked by the institution as the ingest
 * service checks them, with the list effects it works out: what the store is given.
 * Throws on any rejection, so that a test never stores less than it means to.
 */
export function checkedSubmissions(
  institution: string,
  raws: readonly Readonly<Record<string, unknown>>[],
): StorableSubmission[] {
  const prepared = prepareBatch(
    demoCatalog(),
    raws.map((raw, index) => ({ index, institution, raw })),
    TODAY,
  );
  const rejected = prepared.results.filter((result) => result?.status === 'rejected');
  if (rejected.length > 0) throw new Error(`test submissions rejected: ${JSON.stringify(rejected)}`);
  return [...prepared.valid];
}

/** A valid citizen identity number (CN-RIC) of a person born on 1 January 1980, the nth of the day. */
export function personIdentifier(n: number, name: string | null = null) {
  const first17 = `11010519800101${String(n).padStart(3, '0')}`;
  return { scheme: 'CN-RIC', value: first17 + ricCheckCharacter(first17), ...(name === null ? {} : { name }) };
}

/** A valid unified social credit code (CN-USCC) of a Shanghai company, the nth. */
export function organizationIdentifier(n: number, name: string | null = null) {
  const organizationCode = String(10_000_000 + n);
  const first17 = `91310115${organizationCode}${organizationCodeCheckCharacter(organizationCode)}`;
  return { scheme: 'CN-USCC', value: first17 + usccCheckCharacter(first17), ...(name === null ? {} : { name }) };
}
