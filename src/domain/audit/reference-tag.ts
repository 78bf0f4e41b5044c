import { createHmac } from 'node:crypto';

/** The HKDF `info` of the key that tags references (derived from the log's signing key). */
export const REFERENCE_TAG_KEY_INFO = 'probity audit reference tag v1';

/**
 * What the audit log keeps of a relying party's free-text reference: HMAC-SHA256 under a
 * key only the registry holds, the first 128 bits in hex. A reference may be anything (a
 * booking number, or a name and an identity number), and a plain hash of low-entropy text
 * can be reversed by trying every candidate; a keyed one cannot without the key. The
 * registry can still match a reference a relying party shows it to the entries of its checks.
 */
export function referenceTag(key: Uint8Array, reference: string): string {
  return createHmac('sha256', key).update(reference, 'utf8').digest('hex').slice(0, 32);
}
