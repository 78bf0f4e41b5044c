import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cosigner, CosignatureVerifier } from '../../src/domain/audit/cosignature.js';
import { parseCheckpoint } from '../../src/domain/audit/checkpoint.js';
import { NoteSigner } from '../../src/domain/audit/signed-note.js';
import { witnessServer } from '../../src/witness/witness-server.js';
import { WitnessState } from '../../src/witness/witness-state.js';
import { startTestServer, TEST_LOG_KEY, type TestServer } from '../support/test-server.js';
import { testTempDir } from '../support/temp-dir.js';
import { recordReadDraft } from '../support/audit-drafts.js';

describe('cosignature/v1 (C2SP tlog-cosignature)', () => {
  it('reads the spec’s example cosignature: key id, then the timestamp 1679315147 of its "time" line', () => {
    const line =
      'jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==';
    const bytes = Buffer.from(line, 'base64');
    expect(bytes).toHaveLength(4 + 8 + 64);
    expect(Number(bytes.readBigUInt64BE(4))).toBe(1679315147);
  });

  it('cosigns a checkpoint body so that the witness’s verifier (and only it) accepts the line', () => {
    const witness = new Cosigner('witness.example/w1', randomBytes(32));
    const body = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    const note = `${TEST_LOG_KEY.sign(body)}${witness.cosign(body, 1679315147)}`;
    const verifier = CosignatureVerifier.decode(witness.verifier().encode());
    expect(verifier.cosignedAt(note)).toBe(1679315147);
    expect(new Cosigner('witness.example/w2', randomBytes(32)).verifier().cosignedAt(note)).toBeUndefined();
    // The key id commits to the cosignature algorithm: the same seed as a log key has another id.
    expect(Cosigner.decode(witness.encode()).keyId.equals(witness.keyId)).toBe(true);
    // Moved onto another checkpoint, the cosignature no longer verifies.
    const other = body.replace('20852163', '20852164');
    expect(() => verifier.cosignedAt(`${TEST_LOG_KEY.sign(other)}${witness.cosign(body, 1679315147)}`)).toThrow(
      'does not verify',
    );
  });
});

describe('a witness (C2SP tlog-witness) watching the registry’s log', () => {
  let honest: TestServer;
  let fork: TestServer;
  let dir: string;
  let witness: ReturnType<typeof witnessServer>;
  let state: WitnessState;
  const cosigner = new Cosigner('audit-office.example/witness', randomBytes(32));
  const logs = new Map([[TEST_LOG_KEY.name, [TEST_LOG_KEY.verifier()]]]);
  const start = () => {
    state = new WitnessState(join(dir, 'witness.db'));
    witness = witnessServer({ cosigner, state, logs, now: () => new Date('2026-12-06T10:00:00Z') });
  };
  const submit = (body: string) =>
    witness.inject({
      method: 'POST',
      url: '/add-checkpoint',
      headers: { 'content-type': 'text/plain' },
      payload: body,
    });
  const request = async (server: TestServer, oldSize: number) => {
    const checkpoint = await server.registry.audit.publishCheckpoint();
    const proof =
      oldSize === 0 || oldSize === checkpoint.size
        ? []
        : (await server.registry.audit.consistencyProof(oldSize, checkpoint.size)).hashes;
    return {
      size: checkpoint.size,
      body: `old ${oldSize}\n${proof.map((h) => `${h}\n`).join('')}\n${checkpoint.note}`,
    };
  };

  beforeAll(async () => {
    dir = testTempDir('witness');
    [honest, fork] = await Promise.all([startTestServer('sqlite'), startTestServer('sqlite')]);
    // Two logs under one key and origin: the same start, then different histories (a split view).
    await honest.registry.store.appendAudit([recordReadDraft(1), recordReadDraft(2)]);
    await fork.registry.store.appendAudit([recordReadDraft(1), recordReadDraft(2)]);
    start();
  }, 60_000);
  afterAll(async () => {
    state?.close();
    await Promise.all([honest?.close(), fork?.close()]);
  });

  it('cosigns the first checkpoint it sees, then one that extends it with a consistency proof', async () => {
    const first = await request(honest, 0);
    const answer = await submit(first.body);
    expect(answer.statusCode).toBe(200);
    const cosigned = `${(await honest.registry.audit.publishCheckpoint()).note}${answer.body}`;
    expect(cosigner.verifier().cosignedAt(cosigned)).toBe(Date.parse('2026-12-06T10:00:00Z') / 1000);

    await honest.registry.store.appendAudit([recordReadDraft(3), recordReadDraft(4), recordReadDraft(5)]);
    const second = await request(honest, first.size);
    expect((await submit(second.body)).statusCode).toBe(200);
  });

  it('tells a log that asks from the wrong old size which size it holds (409, text/x.tlog.size)', async () => {
    const stale = await request(honest, 1);
    const answer = await submit(stale.body);
    expect(answer.statusCode).toBe(409);
    expect(answer.headers['content-type']).toBe('text/x.tlog.size');
    expect(answer.body).toBe(`${parseCheckpoint((await honest.registry.audit.publishCheckpoint()).note).size}\n`);
  });

  it('refuses to cosign a fork: another history of the same size (409), or of a larger size (422)', async () => {
    const held = Number((await submit((await request(honest, 1)).body)).body);
    // The fork shows a different history under the same key, as big as what the witness holds …
    while ((await fork.registry.store.auditSize()) < held)
      await fork.registry.store.appendAudit([recordReadDraft(99, 'other-99')]);
    const sameSize = await request(fork, held);
    expect(sameSize.size).toBe(held);
    expect((await submit(sameSize.body)).statusCode).toBe(409);
    // … and then larger, with a consistency proof from its own history, which cannot match the witness's.
    await fork.registry.store.appendAudit([recordReadDraft(100, 'other-100'), recordReadDraft(101, 'other-101')]);
    const rewritten = `old ${held}\n${(await fork.registry.audit.consistencyProof(held, held + 2)).hashes
      .map((h) => `${h}\n`)
      .join('')}\n${(await fork.registry.audit.publishCheckpoint()).note}`;
    expect((await submit(rewritten)).statusCode).toBe(422);
  });

  it('keeps refusing the fork after a restart from its state file', async () => {
    state.close();
    start();
    const held = Number((await submit((await request(honest, 1)).body)).body);
    const rewritten = `old ${held}\n${(await fork.registry.audit.consistencyProof(held, held + 2)).hashes
      .map((h) => `${h}\n`)
      .join('')}\n${(await fork.registry.audit.publishCheckpoint()).note}`;
    expect((await submit(rewritten)).statusCode).toBe(422);
    expect((await submit((await request(honest, held)).body)).statusCode).toBe(200);
  });

  it('answers 404 for a log it does not watch, 403 for a checkpoint its log did not sign, 400 for garbage', async () => {
    const stranger = new NoteSigner('elsewhere.example/log', randomBytes(32));
    const body = 'elsewhere.example/log\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';
    expect((await submit(`old 0\n\n${stranger.sign(body)}`)).statusCode).toBe(404);
    const impostor = new NoteSigner(TEST_LOG_KEY.name, randomBytes(32));
    const checkpoint = (await honest.registry.audit.publishCheckpoint()).note;
    const text = checkpoint.slice(0, checkpoint.lastIndexOf('\n\n') + 1);
    expect((await submit(`old 0\n\n${impostor.sign(text)}`)).statusCode).toBe(403);
    expect((await submit('old -1\n\nnot a checkpoint')).statusCode).toBe(400);
  });
});
