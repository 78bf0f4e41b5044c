import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/http/server.js';
import { openRegistry, type Registry } from '../../src/registry.js';
import type { Clock } from '../../src/services/clock.js';
import { DEMO_PACK } from './pack-fixture.js';
import { freshStoreUrl, type StoreKind } from './stores.js';

export interface TestServer {
  readonly app: FastifyInstance;
  readonly registry: Registry;
  /** Bearer header of a fresh key for the institution. */
  institutionAuth(code: string): Promise<{ authorization: string }>;
  close(): Promise<void>;
}

/** A registry on a fresh store of the given kind and the HTTP API on it, for `inject`. */
export async function startTestServer(kind: StoreKind, options: { clock?: Clock; bodyLimit?: number } = {}): Promise<TestServer> {
  const registry = await openRegistry({ db: await freshStoreUrl(kind), pack: DEMO_PACK, ...(options.clock ? { clock: options.clock } : {}) });
  const app = await buildServer(registry, { logLevel: 'silent', ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}) });
  return {
    app,
    registry,
    async institutionAuth(code) {
      const { secret } = await registry.apiKeys.issue('institution', code);
      return { authorization: `Bearer ${secret}` };
    },
    async close() {
      await app.close();
      await registry.close();
    },
  };
}
