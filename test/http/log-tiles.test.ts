import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCheckpoint } from '../../src/domain/audit/checkpoint.js';
import { hashChildren, hashLeaf } from '../../src/domain/merkle/merkle-hash.js';
import { perfectSubtrees } from '../../src/domain/merkle/tree-nodes.js';
import { splitBundle } from '../../src/services/log-monitor.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { STORE_KINDS } from '../support/stores.js';
import { recordReadDraft } from '../support/audit-drafts.js';

/** 3 full level-0 tiles and 17 more entries: level 0 has tiles 0–2 and 3.p/17, level 1 has 0.p/3. */
const EXTRA = 3 * 256 + 17;

const hashesOf = (tile: Buffer) =>
  Array.from({ length: tile.length / 32 }, (_, i) => tile.subarray(i * 32, i * 32 + 32));

describe.each(STORE_KINDS)('the audit log as C2SP tiles on %s', (kind) => {
  let server: TestServer;
  let size: number;
  let auditor: { authorization: string };
  const get = (url: string, headers: Record<string, string> = {}) => server.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    server = await startTestServer(kind);
    const before = await server.registry.store.auditSize();
    // Whole tiles from the start: fill the log up to EXTRA entries past a tile boundary.
    const missing = EXTRA - before;
    for (let n = 0; n < missing; n += 200)
      await server.registry.store.appendAudit(
        Array.from({ length: Math.min(200, missing - n) }, (_, i) => recordReadDraft(n + i, `subject-${(n + i) % 5}`)),
      );
    auditor = await server.auditorAuth();
    size = parseCheckpoint((await get('/log/checkpoint')).body).size;
  }, 60_000);
  afterAll(() => server?.close());

  it('serves the signed checkpoint at /log/checkpoint', async () => {
    const answer = await get('/log/checkpoint');
    expect(answer.headers['content-type']).toMatch(/^text\/plain/);
    expect(size).toBeGreaterThanOrEqual(EXTRA);
  });

  it('serves level-0 tiles whose hashes are the leaf hashes of the entries in the bundles', async () => {
    for (const path of ['000', '001', '002']) {
      const tile = await get(`/log/tile/0/${path}`);
      expect(tile.statusCode).toBe(200);
      expect(tile.headers['content-type']).toBe('application/octet-stream');
      expect(tile.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(tile.rawPayload.length).toBe(256 * 32);
      const bundle = await get(`/log/tile/entries/${path}`, auditor);
      expect(bundle.statusCode).toBe(200);
      const entries = splitBundle(bundle.rawPayload);
      expect(entries).toHaveLength(256);
      expect(hashesOf(tile.rawPayload)).toEqual(entries.map((entry) => hashLeaf(entry)));
    }
  });

  it('serves a partial tile only as wide as the tree, short-lived, and 404 past it', async () => {
    const width = size - 3 * 256;
    const partial = await get(`/log/tile/0/003.p/${width}`);
    expect(partial.statusCode).toBe(200);
    expect(partial.rawPayload.length).toBe(width * 32);
    expect(partial.headers['cache-control']).toBe('public, max-age=10');
    expect(partial.headers['etag']).toBeTruthy();
    expect((await get(`/log/tile/0/003.p/${width + 1}`)).statusCode).toBe(404);
    expect((await get('/log/tile/0/003')).statusCode).toBe(404);
    expect((await get('/log/tile/0/x000/003')).statusCode).toBe(404); // not canonical
  });

  it('lets a client rebuild the checkpoint root from tiles alone', async () => {
    const level1 = hashesOf((await get(`/log/tile/1/000.p/${Math.floor(size / 256)}`)).rawPayload);
    const leaves = async (start: number, end: number) => {
      const tile = Math.floor(start / 256);
      const width = Math.min(256, size - tile * 256);
      const hashes = hashesOf(
        (await get(`/log/tile/0/${String(tile).padStart(3, '0')}${width < 256 ? `.p/${width}` : ''}`)).rawPayload,
      );
      return hashes.slice(start - tile * 256, end - tile * 256);
    };
    const mth = (hashes: Buffer[]): Buffer => {
      if (hashes.length === 1) return hashes[0]!;
      let k = 1;
      while (k * 2 < hashes.length) k *= 2;
      return hashChildren(mth(hashes.slice(0, k)), mth(hashes.slice(k)));
    };
    // The perfect subtrees of the tree, each from the level-1 tile (whole blocks of 256) or level 0.
    const pieces: Buffer[] = [];
    for (const node of perfectSubtrees(0, size)) {
      const start = node.index * 2 ** node.level;
      const end = start + 2 ** node.level;
      pieces.push(node.level >= 8 ? mth(level1.slice(start / 256, end / 256)) : mth(await leaves(start, end)));
    }
    let root = pieces.pop()!;
    while (pieces.length > 0) root = hashChildren(pieces.pop()!, root);
    expect(root.toString('base64')).toBe(
      Buffer.from(parseCheckpoint((await get('/log/checkpoint')).body).root).toString('base64'),
    );
  });

  it('keeps entry bundles for auditor keys and hash tiles public', async () => {
    expect((await get('/log/tile/entries/000')).statusCode).toBe(401);
    expect((await get('/log/tile/0/000')).statusCode).toBe(200);
  });
});
