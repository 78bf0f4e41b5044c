import { sign, verify, type KeyObject } from 'node:crypto';
import { ProbityError } from '../../errors.js';
import {
  checkName,
  decodeKey,
  ed25519FromSeed,
  ed25519PublicKey,
  encodeKey,
  keyIdOf,
  splitNote,
} from './signed-note.js';

/**
 * C2SP tlog-cosignature (https://c2sp.org/tlog-cosignature), Ed25519 cosignature/v1: a witness's
 * statement that, at `timestamp`, the checkpoint is the largest consistent one it has seen of
 * that log. The line is `— <name> base64(key id || u64 timestamp || signature)`; the key id's
 * algorithm byte is 0x04, so a witness key can never pass for a log key.
 */
const COSIGNATURE_ALGORITHM = 0x04;

/** What a cosignature/v1 signs: its header, the time line, then the checkpoint's body. */
export function cosignedMessage(checkpointBody: string, timestamp: number): Buffer {
  return Buffer.from(`cosignature/v1\ntime ${timestamp}\n${checkpointBody}`);
}

/** A witness's signing key. */
export class Cosigner {
  readonly name: string;
  readonly keyId: Buffer;
  readonly publicKey: Buffer;
  private readonly key: KeyObject;
  private readonly seed: Buffer;

  constructor(name: string, seed: Uint8Array) {
    checkName(name);
    this.name = name;
    ({ key: this.key, publicKey: this.publicKey } = ed25519FromSeed(seed));
    this.keyId = keyIdOf(name, this.publicKey, COSIGNATURE_ALGORITHM);
    this.seed = Buffer.from(seed);
  }

  /** `PRIVATE+KEY+<name>+<id>+<base64(0x04 || seed)>`: the witness's key file. */
  encode(): string {
    return encodeKey('private', this.name, this.keyId, COSIGNATURE_ALGORITHM, this.seed);
  }

  static decode(text: string): Cosigner {
    return decodeKey(text, COSIGNATURE_ALGORITHM, 'private', (name, seed) => new Cosigner(name, seed));
  }

  verifier(): CosignatureVerifier {
    return new CosignatureVerifier(this.name, this.publicKey);
  }

  /** The cosignature line (with its newline) on a checkpoint's body at `timestamp`, POSIX seconds. */
  cosign(checkpointBody: string, timestamp: number): string {
    const signature = sign(null, cosignedMessage(checkpointBody, timestamp), this.key);
    return `\u2014 ${this.name} ${Buffer.concat([this.keyId, u64(timestamp), signature]).toString('base64')}\n`;
  }
}

/** Who checks a witness's cosignatures: its name and public key (a vkey with type 0x04). */
export class CosignatureVerifier {
  readonly name: string;
  readonly keyId: Buffer;
  readonly publicKey: Buffer;
  private readonly key: KeyObject;

  constructor(name: string, publicKey: Uint8Array) {
    checkName(name);
    this.key = ed25519PublicKey(publicKey);
    this.name = name;
    this.publicKey = Buffer.from(publicKey);
    this.keyId = keyIdOf(name, publicKey, COSIGNATURE_ALGORITHM);
  }

  /** `<name>+<id>+<base64(0x04 || public key)>`. */
  encode(): string {
    return encodeKey('public', this.name, this.keyId, COSIGNATURE_ALGORITHM, this.publicKey);
  }

  static decode(text: string): CosignatureVerifier {
    return decodeKey(text, COSIGNATURE_ALGORITHM, 'public', (name, key) => new CosignatureVerifier(name, key));
  }

  /**
   * When this witness cosigned the note's checkpoint (POSIX seconds), if a line of the note is
   * its valid cosignature; other lines are ignored, a line with its key id that fails is an error.
   */
  cosignedAt(note: string): number | undefined {
    const { text, signatures } = splitNote(note);
    for (const { name, bytes } of signatures) {
      if (name !== this.name || !bytes.subarray(0, 4).equals(this.keyId)) continue;
      if (bytes.length !== 4 + 8 + 64)
        throw new ProbityError('malformed_note', `the cosignature by ${name} is not 76 bytes`);
      const timestamp = Number(bytes.readBigUInt64BE(4));
      if (!verify(null, cosignedMessage(text, timestamp), this.key, bytes.subarray(12)))
        throw new ProbityError('invalid_signature', `the cosignature by ${name} does not verify`);
      return timestamp;
    }
    return undefined;
  }
}

function u64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
}
