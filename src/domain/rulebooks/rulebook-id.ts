import { objectHash } from '../audit/audit-entry.js';
import type { Rulebook } from '../catalog/pack.js';

/** A rulebook's identity: the hex SHA-256 of its RFC 8785 canonical JSON, so any change makes a new id. */
export function rulebookId(rulebook: Rulebook): string {
  return objectHash(rulebook);
}
