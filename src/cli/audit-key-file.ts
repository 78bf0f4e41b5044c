import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { NoteSigner } from '../domain/audit/signed-note.js';
import { ProbityError } from '../errors.js';

/** A fresh Ed25519 log key; `origin` names the log in every checkpoint. */
export function newAuditKey(origin: string): NoteSigner {
  return new NoteSigner(origin, randomBytes(32));
}

/** Writes the private key, readable by its owner only; never overwrites a key. */
export function writeAuditKey(path: string, signer: NoteSigner): void {
  if (existsSync(path)) throw new ProbityError('invalid_config', `${path} already exists; a log key is never overwritten`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${signer.encode()}\n`, { mode: 0o600, flag: 'wx' });
  // The mode given to writeFileSync is reduced by the umask; make sure it is exactly 0600.
  chmodSync(path, 0o600);
}

export function readAuditKey(path: string): NoteSigner {
  if (!existsSync(path)) {
    throw new ProbityError('invalid_config', `no audit log key at ${path}; create one with: probity audit keygen --out ${path}`);
  }
  return NoteSigner.decode(readFileSync(path, 'utf8'));
}
