import { createPrivateKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { ProbityError } from '../errors.js';
import { writeSecretFile } from './secret-file.js';

/** Writes a fresh Ed25519 attestation signing key (PKCS #8 PEM, mode 0600); never overwrites one. */
export function writeNewAttestationKey(path: string): KeyObject {
  const { privateKey } = generateKeyPairSync('ed25519');
  writeSecretFile(path, privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(), 'an attestation key');
  return privateKey;
}

/** The attestation key at `path`, or undefined when there is none (attestations are then not offered). */
export function readAttestationKey(path: string): KeyObject | undefined {
  if (!existsSync(path)) return undefined;
  const key = createPrivateKey(readFileSync(path, 'utf8'));
  if (key.asymmetricKeyType !== 'ed25519')
    throw new ProbityError('invalid_config', `${path} is not an Ed25519 private key`);
  return key;
}
