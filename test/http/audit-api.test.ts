import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpoint } from '../../src/domain/audit/checkpoint.js';
import { openNote } from '../../src/domain/audit/signed-note.js';
import { hashLeaf } from '../../src/domain/merkle/merkle-hash.js';
import { rulebookId } from '../../src/domain/rulebooks/rulebook-id.js';
import { verifyConsistency, verifyInclusion } from '../../src/domain/merkle/verify-proof.js';
import { validSubmission } from '../support/catalog.js';
import { STORE_KINDS } from '../support/stores.js';
import { TEST_LOG_KEY, startTestServer, type TestServer } from '../support/test-server.js';

const b64 = (s: string) => Buffer.from(s, 'base64');

describe.each(STORE_KINDS)('audit API on %s', (kind) => {
  let server: TestServer;
  let court: { authorization: string };
  let auditor: { authorization: string };
  let recordId: string;

  const get = (url: string, headers: Record<string, string> = {}) => server.app.inject({ method: 'GET', url, headers });
  const checkpoint = async () => {
    const response = await get('/v1/audit/checkpoint');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    return parseCheckpoint(openNote(response.body, [TEST_LOG_KEY.verifier()]).text);
  };
  const submit = async (sourceRef: string) => {
    const response = await server.app.inject({
      method: 'POST',
      url: '/v1/records',
      headers: court,
      payload: [validSubmission({ sourceRef, payload: { caseNumber: sourceRef, amount: 1, currency: 'CNY' } })],
    });
    return response.json().results[0].id as string;
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    court = await server.institutionAuth('sh-pudong-court');
    auditor = await server.auditorAuth('auditor-li');
    recordId = await submit('(2025)沪0115执1号');
    for (let i = 2; i <= 6; i++) await submit(`(2025)沪0115执${i}号`);
  });
  afterAll(async () => {
    await server.close();
  });

  it('publishes a checkpoint signed with the log key, covering every entry', async () => {
    const head = await checkpoint();
    expect(head.origin).toBe('probity.test/audit-log');
    // pack.published, three rulebook.published, two key.issued, subject.created, one record.accepted per submission
    expect(head.size).toBe(await server.registry.audit.size());
    expect(head.size).toBe(1 + 3 + 2 + 1 + 6);
  });

  it('logs the pack and each rulebook put into use, a rulebook by its id', async () => {
    const { entries } = (await get('/v1/audit/entries?start=0&end=4', auditor)).json();
    const published = entries.map((e: { entry: string }) => JSON.parse(e.entry));
    expect(published.map((e: { action: string }) => e.action)).toEqual([
      'pack.published',
      'rulebook.published',
      'rulebook.published',
      'rulebook.published',
    ]);
    const persons = server.registry.catalog.pack.rulebooks.find((r) => r.code === 'persons')!;
    expect(published).toContainEqual(
      expect.objectContaining({ object: { kind: 'rulebook', id: 'persons@1.0.0' }, objectHash: rulebookId(persons) }),
    );
  });

  it('lets caches keep the checkpoint and the key: an ETag, and 304 while unchanged', async () => {
    const first = await get('/v1/audit/checkpoint');
    expect(first.headers['cache-control']).toBe('public, no-cache');
    const etag = first.headers['etag'] as string;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const unchanged = await get('/v1/audit/checkpoint', { 'if-none-match': etag });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');
    await submit('(2025)沪0115执etag号');
    const grown = await get('/v1/audit/checkpoint', { 'if-none-match': etag });
    expect(grown.statusCode).toBe(200);
    expect(grown.headers['etag']).not.toBe(etag);

    const key = await get('/v1/audit/key');
    expect(key.headers['cache-control']).toBe('public, max-age=300');
    expect((await get('/v1/audit/key', { 'if-none-match': key.headers['etag'] as string })).statusCode).toBe(304);
    // Personal data never gets caching headers.
    const entries = await get('/v1/audit/entries?start=0&end=1', auditor);
    expect(entries.headers['etag']).toBeUndefined();
    expect(entries.headers['cache-control']).toBeUndefined();
  });

  it('serves the verifier key in signed-note form', async () => {
    expect((await get('/v1/audit/key')).body.trim()).toBe(TEST_LOG_KEY.verifier().encode());
  });

  it('gives inclusion proofs that verify against the checkpoint for every entry', async () => {
    const head = await checkpoint();
    const { entries } = (await get(`/v1/audit/entries?start=0&end=${head.size}`, auditor)).json();
    expect(entries).toHaveLength(head.size);
    for (const { seq, entry } of entries) {
      const proof = (await get(`/v1/audit/proof/inclusion?index=${seq}&size=${head.size}`)).json().hashes.map(b64);
      expect(verifyInclusion(seq, head.size, hashLeaf(Buffer.from(entry)), proof, head.root).valid).toBe(true);
    }
  });

  it('gives a consistency proof between an older and a newer checkpoint', async () => {
    const older = await checkpoint();
    await submit('(2025)沪0115执99号');
    const newer = await checkpoint();
    expect(newer.size).toBe(older.size + 1);
    const proof = (await get(`/v1/audit/proof/consistency?from=${older.size}&to=${newer.size}`)).json().hashes.map(b64);
    expect(verifyConsistency(older.size, newer.size, proof, older.root, newer.root).valid).toBe(true);
  });

  it.each([
    '/v1/audit/proof/inclusion?index=5&size=5',
    '/v1/audit/proof/inclusion?index=0&size=100000',
    '/v1/audit/proof/consistency?from=3&to=2',
    '/v1/audit/proof/consistency?from=0&to=2',
  ])('answers %s with 400 invalid_tree_size', async (url) => {
    const response = await get(url);
    expect(response.statusCode).toBe(400);
    expect(response.json().type).toBe('/problems/invalid_tree_size');
  });

  it('keeps entries for auditor keys', async () => {
    expect((await get('/v1/audit/entries')).statusCode).toBe(401);
    expect((await get('/v1/audit/entries', court)).statusCode).toBe(403);
    const page = (await get('/v1/audit/entries?start=1&end=3', auditor)).json();
    expect(page.entries.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    expect(page.next).toBe(3);
  });

  it('pages by cursor and limit, with the next page in a Link header; start and end still work as aliases', async () => {
    const first = await get('/v1/audit/entries?cursor=1&limit=2', auditor);
    expect(first.json().entries.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    expect(first.headers['link']).toBe('</v1/audit/entries?cursor=3&limit=2>; rel="next"');
    const second = await get('/v1/audit/entries?cursor=3&limit=2', auditor);
    expect(second.json().entries.map((e: { seq: number }) => e.seq)).toEqual([3, 4]);
    const old = await get('/v1/audit/entries?start=3&end=5', auditor);
    expect(old.json()).toEqual(second.json());
    expect(old.headers['link']).toBe('</v1/audit/entries?cursor=5>; rel="next"');
    const both = await get('/v1/audit/entries?cursor=1&start=2', auditor);
    expect(both.statusCode).toBe(400);
    const size = await server.registry.audit.size();
    const last = await get(`/v1/audit/entries?cursor=${size}`, auditor);
    expect(last.json()).toEqual({ entries: [], next: null });
    expect(last.headers['link']).toBeUndefined();
  });

  it('writes entries without names or identifier numbers', async () => {
    const { entries } = (await get('/v1/audit/entries', auditor)).json();
    const text = entries.map((e: { entry: string }) => e.entry).join('\n');
    expect(text).not.toContain('11010519491231002X');
    expect(text).not.toContain('张三');
  });

  it('logs a read of a record before answering it', async () => {
    const before = await server.registry.audit.size();
    const response = await get(`/v1/records/${recordId}`, court);
    expect(response.statusCode).toBe(200);
    const { entries } = (await get(`/v1/audit/entries?start=${before}`, auditor)).json();
    expect(JSON.parse(entries[0].entry)).toMatchObject({
      seq: before,
      action: 'record.read',
      actor: { kind: 'institution', id: 'sh-pudong-court' },
      subject: response.json().subjectId,
      object: { kind: 'record', id: recordId, version: 1 },
    });
  });

  it('appends concurrent reads in one group and answers each after its entry is durable', async () => {
    const before = await server.registry.audit.size();
    const responses = await Promise.all(Array.from({ length: 20 }, () => get(`/v1/records/${recordId}`, court)));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    expect(await server.registry.audit.size()).toBe(before + 20);
  });

  it('shows an auditor the entries about one subject with proofs, and logs that view', async () => {
    const subjectId = (await get(`/v1/records/${recordId}`, court)).json().subjectId;
    const view = (await get(`/v1/audit/subjects/${subjectId}`, auditor)).json();
    const head = parseCheckpoint(openNote(view.checkpoint, [TEST_LOG_KEY.verifier()]).text);
    expect(view.entries.length).toBeGreaterThan(7);
    for (const { seq, entry, inclusionProof } of view.entries) {
      expect(JSON.parse(entry).subject).toBe(subjectId);
      expect(
        verifyInclusion(seq, head.size, hashLeaf(Buffer.from(entry)), inclusionProof.map(b64), head.root).valid,
      ).toBe(true);
    }
    const { entries } = (await get(`/v1/audit/entries?start=${head.size}`, auditor)).json();
    expect(JSON.parse(entries.at(-1).entry)).toMatchObject({
      action: 'audit.subject_viewed',
      actor: { kind: 'staff', id: 'auditor-li' },
      subject: subjectId,
    });

    const page = await get(`/v1/audit/subjects/${subjectId}?limit=2`, auditor);
    expect(page.json().entries).toHaveLength(2);
    const { next } = page.json();
    expect(page.headers['link']).toBe(`</v1/audit/subjects/${subjectId}?limit=2&cursor=${next}>; rel="next"`);
    const seqs = (query: string) =>
      get(`/v1/audit/subjects/${subjectId}?${query}`, auditor).then((r) =>
        r.json().entries.map((e: { seq: number }) => e.seq),
      );
    expect(await seqs(`cursor=${next}&limit=2`)).toEqual(await seqs(`from=${next}&limit=2`));
  });

  it('publishes a fresh checkpoint within a second of new entries, with no request asking', async () => {
    await server.app.ready();
    await submit('(2025)沪0115执100号');
    const size = await server.registry.audit.size();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await server.registry.store.latestCheckpoint())?.size).toBe(size);
  });
});

describe('audit API documentation', () => {
  it('lists every audit endpoint in the OpenAPI document', async () => {
    const server = await startTestServer('sqlite');
    try {
      const paths = Object.keys((await server.app.inject({ url: '/openapi.json' })).json().paths);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/v1/audit/checkpoint',
          '/v1/audit/key',
          '/v1/audit/proof/inclusion',
          '/v1/audit/proof/consistency',
          '/v1/audit/entries',
          '/v1/audit/subjects/{subjectId}',
        ]),
      );
    } finally {
      await server.close();
    }
  });
});
