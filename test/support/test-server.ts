import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/http/server.js';
import { openRegistry, type Registry } from '../../src/registry.js';
import type { Clock } from '../../src/services/clock.js';
import { NoteSigner } from '../../src/domain/audit/signed-note.js';
import { DEMO_PACK } from './pack-fixture.js';
import { freshStoreUrl, type StoreKind } from './stores.js';

/** The log key of test servers: a fixed seed, so tests can pin its verifier key. */
export const TEST_LOG_KEY = new NoteSigner('probity.test/audit-log', Buffer.alloc(32, 1));

export interface TestServer {
  readonly app: FastifyInstance;
  readonly registry: Registry;
  /** Bearer header of a fresh key for the institution. */
  institutionAuth(code: string): Promise<{ authorization: string }>;
  /** Bearer header of a fresh auditor key. */
  auditorAuth(name?: string): Promise<{ authorization: string }>;
  /** Bearer header of a fresh key for the relying party. */
  relyingPartyAuth(code: string): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

/** A registry on a fresh store of the given kind and the HTTP API on it, for `inject`. */
export async function startTestServer(
  kind: StoreKind,
  options: { clock?: Clock; bodyLimit?: number } = {},
): Promise<TestServer> {
  const registry = await openRegistry({
    db: await freshStoreUrl(kind),
    pack: DEMO_PACK,
    signer: TEST_LOG_KEY,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const app = await buildServer(registry, {
    logLevel: 'silent',
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
  });
  // The index loads in the background once the server is ready; tests screen from the start.
  await app.ready();
  await registry.screeningIndex.whenReady();
  return {
    app,
    registry,
    async institutionAuth(code) {
      const { secret } = await registry.apiKeys.issue('institution', code);
      return { authorization: `Bearer ${secret}` };
    },
    async relyingPartyAuth(code) {
      const { secret } = await registry.apiKeys.issue('relying_party', code);
      return { authorization: `Bearer ${secret}` };
    },
    async auditorAuth(name = 'test-auditor') {
      const { secret } = await registry.apiKeys.issue('auditor', name);
      return { authorization: `Bearer ${secret}` };
    },
    async close() {
      await app.close();
      await registry.close();
    },
  };
}
