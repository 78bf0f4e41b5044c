import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoteSigner } from '../../src/domain/audit/signed-note.js';
import { accessProof } from '../../src/services/access-proof.js';
import { validSubmission } from '../support/catalog.js';
import {
  PORTAL_USERS,
  startPortalServer,
  submitRecords,
  type PortalClient,
  type PortalServer,
} from '../support/portal-fixture.js';
import { STORE_KINDS } from '../support/stores.js';

const MOTHER = { scheme: 'CN-RIC', value: PORTAL_USERS.mother.claims.national_id };
const BROWSER = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

describe.each(STORE_KINDS)('the proof page of an access to my data, on %s', (kind) => {
  let server: PortalServer;
  let mother: PortalClient;
  /** The log entry of the report the mother issued: an access to her data. */
  let index: number;
  /** An entry about her that is no access (her record accepted). */
  let notAnAccess: number;

  beforeAll(async () => {
    server = await startPortalServer(kind);
    await submitRecords(server, 'sh-pudong-court', [
      validSubmission({ sourceRef: 'proof-1', subject: { ...MOTHER, name: '王芳' } }),
    ]);
    mother = await server.signIn('mother');
    const issued = await mother.request(`${server.url}/v1/me/attestations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ disclosure: 'rating' }),
    });
    expect(issued.status).toBe(201);
    const subject = (await server.registry.subjectData.subjectOf(MOTHER))!;
    index = (await server.registry.subjectData.accessLog(subject))[0]!.seq;
    const { entries } = await server.registry.audit.entries(0, 1_000);
    notAnAccess = entries.find((e) => JSON.parse(e.entry).action === 'record.accepted')!.seq;
    await server.registry.audit.publishCheckpoint();
  }, 60_000);
  afterAll(() => server?.close());

  it('is where "who looked" links each access, instead of the raw JSON proof', async () => {
    const page = await (await mother.get('/me/access-log')).text();
    expect(page).toContain(`<a href="/me/access-log/${index}/proof">`);
    expect(page).not.toContain('/v1/audit/proof/inclusion');
  });

  it('says in words what the proof shows and that the server verified it, hashes for experts in a disclosure', async () => {
    const response = await mother.get(`/me/access-log/${index}/proof`);
    expect(response.status).toBe(200);
    const page = await response.text();
    const size = await server.registry.audit.size();
    expect(page).toContain('<h1>Proof that this access was logged</h1>');
    expect(page).toContain('You (or your representative) issued a signed report about you.');
    expect(page).toContain(`written into the public tamper-evident log as entry ${index}.`);
    expect(page).toMatch(new RegExp(`signed checkpoint of ${size} entries includes it`));
    expect(page).toContain(
      'Verified: yes. The server checked this proof against the signed checkpoint with the log&#39;s',
    );
    // The hashes sit in a disclosure, each the same as the raw proof the page links to for tools.
    const raw = `/v1/audit/proof/inclusion?index=${index}&size=${size}`;
    expect(page).toContain(`<a href="${raw.replace('&', '&amp;')}">The proof as JSON, for tools</a>`);
    const { hashes } = (await (await fetch(`${server.url}${raw}`)).json()) as { hashes: string[] };
    expect(hashes.length).toBeGreaterThan(0);
    const disclosure = /<details>([\s\S]*)<\/details>/.exec(page)?.[1] ?? '';
    for (const hash of hashes) expect(disclosure).toContain(`<code>${hash}</code>`);
    expect(disclosure).toContain((await server.registry.audit.latestCheckpoint())!.note.split('\n')[2]);
  });

  it('says it in Chinese on a Chinese page', async () => {
    const page = await (await mother.get(`/me/access-log/${index}/proof?lang=zh`)).text();
    expect(page).toContain(`这次对您信息的查看已作为第 ${index} 条写入公开的防篡改日志。`);
    expect(page).toContain('核验结果：通过。');
    await mother.get('/me?lang=en');
  });

  it('is a page that does not exist to anyone else, for entries that are no access, and for entries not logged', async () => {
    const stranger = await server.signIn('stranger');
    const refused = await stranger.get(`/me/access-log/${index}/proof`, BROWSER);
    expect(refused.status).toBe(404);
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await refused.text();
    expect(text).not.toContain('attestation.issued');
    expect(text).not.toContain('Verified');
    for (const path of [`${notAnAccess}`, '999999999', 'abc', '-1', '1e3']) {
      expect((await mother.get(`/me/access-log/${path}/proof`, BROWSER)).status, path).toBe(404);
    }
    expect((await server.anonymous().get(`/me/access-log/${index}/proof`)).headers.get('location')).toMatch(
      /^\/signin/,
    );
  });

  describe('accessProof', () => {
    it("verifies with the log's own key, and not with another's", async () => {
      const subject = (await server.registry.subjectData.subjectOf(MOTHER))!;
      const { audit, signer } = server.registry;
      const own = await accessProof(audit, signer!.verifier(), index, [subject.id]);
      expect(own?.check).toEqual({ valid: true });
      const impostor = new NoteSigner(signer!.name, randomBytes(32)).verifier();
      const other = await accessProof(audit, impostor, index, [subject.id]);
      expect(other?.check).toMatchObject({ valid: false, reason: expect.stringContaining("log's key") });
    });

    it("gives nothing for another subject's entry", async () => {
      expect(await accessProof(server.registry.audit, server.registry.signer!.verifier(), index, ['01OTHER'])).toBe(
        undefined,
      );
    });
  });
});
