import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followLog, splitBundle, type MonitorState, type TileSource } from '../../src/services/log-monitor.js';
import { startTestServer, TEST_LOG_KEY, type TestServer } from '../support/test-server.js';
import { recordReadDraft } from '../support/audit-drafts.js';

/** The log of a test server as a monitor reads it, through the tile routes. */
function tilesOf(
  server: TestServer,
  auditor: { authorization: string },
  edit?: (bundle: Buffer) => Buffer,
): TileSource {
  return {
    checkpoint: async () => (await server.app.inject({ method: 'GET', url: '/log/checkpoint' })).body,
    async entryBundle(path) {
      const answer = await server.app.inject({ method: 'GET', url: `/log/tile/entries/${path}`, headers: auditor });
      expect(answer.statusCode).toBe(200);
      return edit ? edit(answer.rawPayload) : answer.rawPayload;
    },
  };
}

describe('probity audit monitor (one pass: followLog)', () => {
  let honest: TestServer;
  let fork: TestServer;
  let honestTiles: TileSource;
  let forkTiles: TileSource;
  let state: MonitorState | undefined;
  const key = TEST_LOG_KEY.verifier();

  beforeAll(async () => {
    [honest, fork] = await Promise.all([startTestServer('sqlite'), startTestServer('sqlite')]);
    honestTiles = tilesOf(honest, await honest.auditorAuth());
    forkTiles = tilesOf(fork, await fork.auditorAuth());
    // Past one full tile, so the monitor reads a full bundle and a partial one.
    for (let n = 0; n < 300; n += 100)
      await honest.registry.store.appendAudit(Array.from({ length: 100 }, (_, i) => recordReadDraft(n + i)));
  }, 60_000);
  afterAll(async () => {
    await Promise.all([honest?.close(), fork?.close()]);
  });

  it('follows the log from its start, then from where it stopped', async () => {
    const first = await followLog(honestTiles, key, undefined);
    expect(first.evidence).toEqual([]);
    expect(first.problems).toEqual([]);
    expect(first.state!.size).toBeGreaterThan(300);
    await honest.registry.store.appendAudit([recordReadDraft(1000), recordReadDraft(1001)]);
    const second = await followLog(honestTiles, key, first.state);
    expect(second.evidence).toEqual([]);
    expect(second.state!.size).toBeGreaterThanOrEqual(first.state!.size + 2);
    state = second.state;
  });

  it('names a split view: a checkpoint of the same size with another root, with both checkpoints', async () => {
    const size = state!.size;
    while ((await fork.registry.store.auditSize()) < size)
      await fork.registry.store.appendAudit([recordReadDraft(9, 'other-9')]);
    const report = await followLog(forkTiles, key, state);
    expect(report.evidence[0]).toContain('shows another history');
    expect(report.evidence.join('\n')).toContain(state!.checkpoint);
    expect(report.state).toBe(state); // the trusted state does not move
  });

  it('names a history rewritten and signed again, larger than the one it checked', async () => {
    await fork.registry.store.appendAudit([recordReadDraft(10, 'other-10'), recordReadDraft(11, 'other-11')]);
    const report = await followLog(forkTiles, key, state);
    expect(report.evidence[0]).toMatch(/does not extend the one of \d+ the monitor checked/);
  });

  it('names an entry edited in the bundle, by its index', async () => {
    const edited = tilesOf(honest, await honest.auditorAuth(), (bundle) => {
      const entries = splitBundle(bundle);
      // Still JSON, no longer the canonical form the log wrote.
      const text = `{ ${entries[5]!.toString().slice(1)}`;
      const length = Buffer.alloc(2);
      length.writeUInt16BE(Buffer.byteLength(text));
      let at = 0;
      for (const entry of entries.slice(0, 5)) at += 2 + entry.length;
      return Buffer.concat([
        bundle.subarray(0, at),
        length,
        Buffer.from(text),
        bundle.subarray(at + 2 + entries[5]!.length),
      ]);
    });
    const report = await followLog(edited, key, undefined);
    expect(report.problems.map((p) => p.index)).toContain(5);
    expect(report.state).toBeUndefined();
  });
});
