import { createHash, createPrivateKey, createPublicKey, hkdfSync, sign, verify, type KeyObject } from 'node:crypto';
import { ProbityError } from '../../errors.js';

/**
 * C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 keys, the format
 * of transparency-log checkpoints. Key strings use the encodings of Go's
 * golang.org/x/mod/sumdb/note, so its tools read Probity's keys and notes.
 */
const ED25519_ALGORITHM = 0x01;
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const SIGNATURE_PREFIX = '\u2014 ';
const PRIVATE_KEY_PREFIX = 'PRIVATE+KEY+';

/** A key name: non-empty, no '+', no whitespace (signed-note, "Signatures"). */
const KEY_NAME = /^[^+\s]+$/u;

const invalidKey = (detail: string) => new ProbityError('invalid_note_key', detail);

export function checkName(name: string): void {
  if (!KEY_NAME.test(name))
    throw invalidKey(`key name ${JSON.stringify(name)} must be non-empty, without '+' or spaces`);
}

/**
 * First four bytes of SHA-256(name || "\n" || algorithm || public key): the id a signature line
 * carries. The algorithm byte is 0x01 for a note signature, 0x04 for a cosignature/v1.
 */
export function keyIdOf(name: string, publicKey: Uint8Array, algorithm = ED25519_ALGORITHM): Buffer {
  return createHash('sha256')
    .update(`${name}\n`)
    .update(Buffer.from([algorithm]))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

/** An Ed25519 signing key from its 32-byte seed, and its 32-byte public key. */
export function ed25519FromSeed(seed: Uint8Array): { key: KeyObject; publicKey: Buffer } {
  if (seed.length !== 32) throw invalidKey('an Ed25519 private key has 32 bytes');
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length);
  return { key, publicKey };
}

/** An Ed25519 verifying key from its 32 bytes. */
export function ed25519PublicKey(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== 32) throw invalidKey('an Ed25519 public key has 32 bytes');
  return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
}

/** The holder of the log's private key. */
export class NoteSigner {
  readonly name: string;
  readonly keyId: Buffer;
  readonly publicKey: Buffer;
  private readonly key: KeyObject;
  private readonly seed: Buffer;

  /** `seed` is the 32-byte Ed25519 private key (RFC 8032 section 5.1.5). */
  constructor(name: string, seed: Uint8Array) {
    checkName(name);
    this.name = name;
    ({ key: this.key, publicKey: this.publicKey } = ed25519FromSeed(seed));
    this.keyId = keyIdOf(name, this.publicKey);
    this.seed = Buffer.from(seed);
  }

  /** `PRIVATE+KEY+<name>+<id>+<base64(0x01 || seed)>`: the key file's content. */
  encode(): string {
    return encodeKey('private', this.name, this.keyId, ED25519_ALGORITHM, this.seed);
  }

  static decode(text: string): NoteSigner {
    return decodeKey(text, ED25519_ALGORITHM, 'private', (name, seed) => new NoteSigner(name, seed));
  }

  verifier(): NoteVerifier {
    return new NoteVerifier(this.name, this.publicKey);
  }

  /**
   * A 32-byte key for another purpose, derived from this private key with HKDF-SHA256
   * (RFC 5869; `info` names the purpose), so the registry holds one secret, not two. Nothing
   * derived reveals the signing key, and each purpose gets an independent key.
   */
  deriveKey(info: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.seed, Buffer.alloc(0), info, 32));
  }

  /** The text followed by a blank line and this key's signature line. */
  sign(text: string): string {
    checkText(text);
    const signature = sign(null, Buffer.from(text), this.key);
    return `${text}\n${SIGNATURE_PREFIX}${this.name} ${Buffer.concat([this.keyId, signature]).toString('base64')}\n`;
  }
}

/** Whoever checks signatures: holds a name and a public key, nothing secret. */
export class NoteVerifier {
  readonly name: string;
  readonly keyId: Buffer;
  readonly publicKey: Buffer;
  private readonly key: KeyObject;

  constructor(name: string, publicKey: Uint8Array) {
    checkName(name);
    this.key = ed25519PublicKey(publicKey);
    this.name = name;
    this.publicKey = Buffer.from(publicKey);
    this.keyId = keyIdOf(name, publicKey);
  }

  /** `<name>+<id>+<base64(0x01 || public key)>`: the vkey an auditor pins. */
  encode(): string {
    return encodeKey('public', this.name, this.keyId, ED25519_ALGORITHM, this.publicKey);
  }

  static decode(text: string): NoteVerifier {
    return decodeKey(text, ED25519_ALGORITHM, 'public', (name, key) => new NoteVerifier(name, key));
  }

  /** Verifies a raw Ed25519 signature over the message. */
  verifies(message: Uint8Array, signature: Uint8Array): boolean {
    return signature.length === 64 && verify(null, message, this.key, signature);
  }
}

/** `<name>+<key id>+<base64(algorithm || key)>`: a vkey, or after `PRIVATE+KEY+` a private key. */
export function encodeKey(
  kind: 'private' | 'public',
  name: string,
  keyId: Buffer,
  algorithm: number,
  key: Uint8Array,
): string {
  const encoded = `${name}+${keyId.toString('hex')}+${Buffer.concat([Buffer.from([algorithm]), key]).toString('base64')}`;
  return kind === 'private' ? `${PRIVATE_KEY_PREFIX}${encoded}` : encoded;
}

/**
 * Reads an encoded key of the algorithm (a private one starts with `PRIVATE+KEY+`) and builds its
 * holder, whose key id must be the one the text carries.
 */
export function decodeKey<T extends { readonly keyId: Buffer }>(
  text: string,
  algorithm: number,
  kind: 'private' | 'public',
  build: (name: string, key: Buffer) => T,
): T {
  let trimmed = text.trim();
  if (kind === 'private') {
    if (!trimmed.startsWith(PRIVATE_KEY_PREFIX)) throw invalidKey('a private key starts with PRIVATE+KEY+');
    trimmed = trimmed.slice(PRIVATE_KEY_PREFIX.length);
  }
  const { name, keyId, key } = splitKey(trimmed, algorithm);
  const holder = build(name, key);
  if (!holder.keyId.equals(keyId)) throw invalidKey('the key id does not match the key');
  return holder;
}

/** The name, key id and key of an encoded key (vkey or private key without its prefix) of the algorithm. */
function splitKey(text: string, algorithm = ED25519_ALGORITHM): { name: string; keyId: Buffer; key: Buffer } {
  // Base64 may itself contain '+': only the first two separate fields (as Go's note.NewVerifier reads them).
  const [name = '', id = '', ...rest] = text.split('+');
  const encoded = rest.join('+');
  if (rest.length === 0) throw invalidKey('a key has the form <name>+<key id>+<base64 key>');
  checkName(name);
  if (!/^[0-9a-f]{8}$/.test(id)) throw invalidKey('a key id is 8 lowercase hex digits');
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.toString('base64') !== encoded || bytes.length !== 33 || bytes[0] !== algorithm) {
    throw invalidKey(`the key is not base64 of an Ed25519 key (algorithm byte 0x0${algorithm} and 32 bytes)`);
  }
  return { name, keyId: Buffer.from(id, 'hex'), key: bytes.subarray(1) };
}

function checkText(text: string): void {
  if (!text.endsWith('\n')) throw new ProbityError('malformed_note', 'note text must end with a newline');
  if (/[\u0000-\u0009\u000b-\u001f\u007f]/.test(text))
    throw new ProbityError('malformed_note', 'note text may hold no control characters but newlines');
}

/** One signature line of a note: the key name and the decoded bytes (key id, then the signature). */
export interface NoteSignature {
  readonly name: string;
  readonly bytes: Buffer;
}

/** A signed note's text and its signature lines, unverified; fails closed on anything malformed. */
export function splitNote(note: string): { text: string; signatures: NoteSignature[] } {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n'))
    throw new ProbityError('malformed_note', 'a signed note is text, a blank line and signature lines');
  const text = note.slice(0, split + 1);
  checkText(text);
  const signatures = note
    .slice(split + 2, -1)
    .split('\n')
    .map((line) => {
      const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
      if (!match) throw new ProbityError('malformed_note', `malformed signature line ${JSON.stringify(line)}`);
      const [, name, encoded] = match as unknown as [string, string, string];
      const bytes = Buffer.from(encoded, 'base64');
      if (bytes.length < 5) throw new ProbityError('malformed_note', `signature by ${name} is too short`);
      return { name, bytes };
    });
  return { text, signatures };
}

/** A note whose signatures were checked. */
export interface OpenedNote {
  readonly text: string;
  /** Names of the given verifiers whose signature verified. */
  readonly verifiedBy: readonly string[];
}

/**
 * Splits a signed note and checks its signatures against the given verifiers;
 * fails closed: malformed notes, and notes no given key signed, are errors.
 */
export function openNote(note: string, verifiers: readonly NoteVerifier[]): OpenedNote {
  const { text, signatures } = splitNote(note);
  const verifiedBy: string[] = [];
  for (const { name, bytes } of signatures) {
    const verifier = verifiers.find((v) => v.name === name && v.keyId.equals(bytes.subarray(0, 4)));
    if (!verifier) continue;
    if (!verifier.verifies(Buffer.from(text), bytes.subarray(4))) {
      throw new ProbityError('invalid_signature', `the signature by ${name} does not verify`);
    }
    verifiedBy.push(name);
  }
  if (verifiedBy.length === 0)
    throw new ProbityError('invalid_signature', 'no signature on the note is by a known key');
  return { text, verifiedBy };
}
