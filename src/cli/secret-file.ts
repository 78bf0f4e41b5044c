import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ProbityError } from '../errors.js';
import { makePrivateDir } from '../private-files.js';

/** Writes a private key readable by its owner only; a key is never overwritten (`what` names it in the error). */
export function writeSecretFile(path: string, text: string, what: string): void {
  if (existsSync(path))
    throw new ProbityError('invalid_config', `${path} already exists; ${what} is never overwritten`);
  makePrivateDir(dirname(path));
  writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
  // The mode given to writeFileSync is reduced by the umask; make sure it is exactly 0600.
  chmodSync(path, 0o600);
}
