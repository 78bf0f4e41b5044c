import { describe, expect, it } from 'vitest';
import { formatCheckpoint, parseCheckpoint } from '../../../src/domain/audit/checkpoint.js';
import { NoteSigner, NoteVerifier, openNote } from '../../../src/domain/audit/signed-note.js';
import ed25519 from '../../vectors/rfc8032-ed25519.json' with { type: 'json' };
import note from '../../vectors/signed-note.json' with { type: 'json' };

const hex = (h: string) => Buffer.from(h, 'hex');

describe('Ed25519 (RFC 8032 section 7.1)', () => {
  it.each(ed25519.vectors)('$name: derives the public key and verifies the signature', (v) => {
    const signer = new NoteSigner('rfc8032', hex(v.secretKey));
    expect(signer.publicKey.toString('hex')).toBe(v.publicKey);
    const verifier = new NoteVerifier('rfc8032', hex(v.publicKey));
    expect(verifier.verifies(hex(v.message), hex(v.signature))).toBe(true);
    const wrong = hex(v.signature);
    wrong[0]! ^= 1;
    expect(verifier.verifies(hex(v.message), wrong)).toBe(false);
  });
});

describe('signed notes (C2SP, golang.org/x/mod/sumdb/note vectors)', () => {
  it("reads Go's private key and derives its verifier key", () => {
    const signer = NoteSigner.decode(note.signerKey);
    expect(signer.encode()).toBe(note.signerKey);
    expect(signer.verifier().encode()).toBe(note.verifierKey);
  });

  it('signs the text exactly as Go does (Ed25519 is deterministic)', () => {
    expect(NoteSigner.decode(note.signerKey).sign(note.text)).toBe(note.signedNote);
  });

  it("opens Go's note with its verifier key", () => {
    expect(openNote(note.signedNote, [NoteVerifier.decode(note.verifierKey)])).toEqual({
      text: note.text,
      verifiedBy: ['PeterNeumann'],
    });
  });

  it('refuses a note signed by no known key', () => {
    expect(() => openNote(note.signedNote, [NoteVerifier.decode(note.otherVerifierKey)])).toThrow(
      expect.objectContaining({ code: 'invalid_signature' }),
    );
  });

  it('refuses a note whose text was changed', () => {
    const altered = note.signedNote.replace('problem,', 'problem;');
    expect(() => openNote(altered, [NoteVerifier.decode(note.verifierKey)])).toThrow(
      expect.objectContaining({ code: 'invalid_signature' }),
    );
  });

  it.each(['no blank line\n', 'text\n\nnot a signature\n', ''])('refuses the malformed note %j', (bad) => {
    expect(() => openNote(bad, [NoteVerifier.decode(note.verifierKey)])).toThrow(
      expect.objectContaining({ code: 'malformed_note' }),
    );
  });

  it.each([
    'PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    'PeterNeumann+c74f20a3+ApRc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    'Peter+Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    'PeterNeumann+c74f20a3',
  ])('refuses the mangled verifier key %s', (key) => {
    expect(() => NoteVerifier.decode(key)).toThrow(expect.objectContaining({ code: 'invalid_note_key' }));
  });
});

describe('checkpoints (C2SP tlog-checkpoint)', () => {
  const root = Buffer.alloc(32, 7);

  it('formats origin, size and base64 root on three lines and reads them back', () => {
    const body = formatCheckpoint({ origin: 'probity.example/audit', size: 42, root });
    expect(body).toBe(`probity.example/audit\n42\n${root.toString('base64')}\n`);
    expect(parseCheckpoint(body)).toEqual({ origin: 'probity.example/audit', size: 42, root });
  });

  it('accepts extension lines after the root', () => {
    expect(parseCheckpoint(`o\n1\n${root.toString('base64')}\nextension\n`).size).toBe(1);
  });

  it.each([
    `o\n-1\n${root.toString('base64')}\n`,
    'o\n1\nnot-base64\n',
    `o\n01\n${root.toString('base64')}\n`,
    'o\n1\n',
  ])('refuses the malformed body %j', (body) => {
    expect(() => parseCheckpoint(body)).toThrow(expect.objectContaining({ code: 'malformed_note' }));
  });
});
