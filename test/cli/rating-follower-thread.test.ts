import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { validSubmission } from '../support/catalog.js';
import { runCli, serveCli } from '../support/cli.js';
import { freshStoreUrl, STORE_KINDS } from '../support/stores.js';
import { testTempDir } from '../support/temp-dir.js';

const FIRST = '110105198001010016';
const SECOND = '110105198001010024';

/** Milliseconds until the subject with this identifier has a rating in the store (gives up after `limitMs`). */
async function untilRated(store: Store, identifier: string, since: number, limitMs: number): Promise<number> {
  const subject = await store.subjectByIdentifier('CN-RIC', identifier);
  while (!(await store.rating(subject!.id))) {
    if (Date.now() - since > limitMs) throw new Error(`${identifier} not rated within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - since;
}

// `probity serve` rates on a thread of its own with its own store connection (rating-follower.ts):
// these run the built command, so the thread is the one a deployment runs.
describe.each(STORE_KINDS)('probity serve keeps ratings current from its rating thread (%s)', (kind) => {
  let server: ChildProcess | undefined;
  afterEach(() => void server?.kill('SIGKILL'));

  it('rates a subject within a second of a record, and ends the thread on SIGTERM', async () => {
    const db = await freshStoreUrl(kind);
    const auditKey = join(testTempDir('probity-rating-thread-'), 'audit-log.key');
    expect((await runCli(['audit', 'keygen', '--out', auditKey])).code).toBe(0);
    const issued = await runCli(['keys', 'issue', '--institution', 'sh-pudong-court', '--db', db]);
    const started = await serveCli(db, auditKey);
    server = started.child;
    const submit = async (value: string) => {
      const answer = await fetch(`${started.url}/v1/records`, {
        method: 'POST',
        headers: { authorization: `Bearer ${issued.stdout.trim()}`, 'content-type': 'application/json' },
        body: JSON.stringify([
          validSubmission({ sourceRef: value, subject: { scheme: 'CN-RIC', value, name: '张三' } }),
        ]),
      });
      expect(((await answer.json()) as { accepted: number }).accepted).toBe(1);
    };

    const store = await openStore(db);
    try {
      // The thread may still be starting when the server is ready; once it runs, a second of a write.
      await submit(FIRST);
      await untilRated(store, FIRST, Date.now(), 10_000);
      const written = Date.now();
      await submit(SECOND);
      expect(await untilRated(store, SECOND, written, 5_000)).toBeLessThan(1_000);
    } finally {
      await store.close();
    }

    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  });
});
