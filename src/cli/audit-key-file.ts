import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { NoteSigner } from '../domain/audit/signed-note.js';
import { ProbityError } from '../errors.js';
import { writeSecretFile } from './secret-file.js';

/** A fresh Ed25519 log key; `origin` names the log in every checkpoint. */
export function newAuditKey(origin: string): NoteSigner {
  return new NoteSigner(origin, randomBytes(32));
}

/** Writes the private key, readable by its owner only; never overwrites a key. */
export function writeAuditKey(path: string, signer: NoteSigner): void {
  writeSecretFile(path, `${signer.encode()}\n`, 'a log key');
}

export function readAuditKey(path: string): NoteSigner {
  if (!existsSync(path)) {
    throw new ProbityError(
      'invalid_config',
      `no audit log key at ${path}; create one with: probity audit keygen --out ${path}`,
    );
  }
  return NoteSigner.decode(readFileSync(path, 'utf8'));
}
