import swagger from '@fastify/swagger';
import rateLimit from '@fastify/rate-limit';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { randomBytes } from 'node:crypto';
import { ProbityError } from '../errors.js';
import type { Registry } from '../registry.js';
import { PeriodicTask } from '../services/periodic-task.js';
import { DEFAULT_MAX_LINE_BYTES } from '../services/text-lines.js';
import type { RateLimit } from './rate-limit.js';
import {
  DEFAULT_AUTH_FAILURE_LIMIT,
  registerAuthFailureThrottle,
  type AuthFailureLimit,
} from './auth-failure-throttle.js';
import { ProcessFailureCounts, RedisFailureCounts, sharedCountsRedis, untilConnected } from './failure-counts.js';
import { clientErrorHandler, frameworkErrors } from './client-errors.js';
import { registerCacheHeaders } from './cache-headers.js';
import { operationIdOf } from './operation-id.js';
import { registerCsrfGuard } from './csrf-guard.js';
import { registerPortal, usesSecureCookies, type PortalSettings } from './portal/portal-plugin.js';
import { loggerOptions, requestIdGenerator, type LogStream } from './request-log.js';
import { registerSecurityHeaders } from './security-headers.js';
import { trackRoutes } from './route-table.js';
import { answerProblem, handleError, problemSchema } from './problem.js';
import { registerJsonBody } from './json-body.js';
import { assessmentRoutes } from './routes/assessment-routes.js';
import { adminKeyRoutes } from './routes/admin-key-routes.js';
import { auditRoutes } from './routes/audit-routes.js';
import { logTileRoutes } from './routes/log-tile-routes.js';
import { checkRoutes } from './routes/check-routes.js';
import { feedRoutes } from './routes/feed-routes.js';
import { publicListRoutes } from './routes/public-list-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { recordsRoutes } from './routes/records-routes.js';

export interface ServerOptions {
  readonly logLevel?: string;
  /** Log lines go here instead of standard output. */
  readonly logStream?: LogStream;
  /** Largest JSON body accepted; larger bodies get a 413 problem. NDJSON bulk bodies stream and have no limit. */
  readonly bodyLimit?: number;
  /** The subject portal's sign-in and links; without it the portal says sign-in is not configured. */
  readonly portal?: PortalSettings;
  /** Requests per client (IP) and window on the public lookup pages and public APIs. */
  readonly publicRateLimit?: RateLimit;
  /** Failed authentications per client address and window before it is turned away (429). */
  readonly authFailureLimit?: AuthFailureLimit;
  /**
   * Which proxies' X-Forwarded-For to believe for the client address (Fastify's `trustProxy`):
   * the load balancer's addresses, or a hop count. Off by default: the socket's peer is the client.
   */
  readonly trustProxy?: FastifyServerOptions['trustProxy'];
  /**
   * Redis that holds the counts every node must share (rate limits, failed authentications):
   * `redis://host:port`. Without it each process counts alone, which is right for one node.
   */
  readonly redisUrl?: string;
  /**
   * Longest line of an NDJSON body (records:bulk, checks:batch), in bytes; a longer one is rejected
   * as line_too_long. Default 1 MiB.
   */
  readonly maxLineBytes?: number;
}

const PUBLIC_RATE_LIMIT: RateLimit = { max: 60, timeWindow: 60_000 };

const FOUR_MIB = 4 * 1024 * 1024;
const REDIS_READY_MS = 1_000;
const CHECKPOINT_EVERY_MS = 500;
/** Listings and removals committed by any process reach this one's checks within a second. */
const SCREENING_EVERY_MS = 100;
const SWEEP_EVERY_MS = 1_000;
const NOTIFY_EVERY_MS = 500;
/** Expired sessions and idempotency keys go once a minute. */
const PURGE_EVERY_MS = 60_000;

/**
 * Builds the HTTP API on a registry; `listen` is left to the caller (and `inject` to tests).
 * A server signs checkpoints, so it refuses to start without the audit log key.
 */
export async function buildServer(registry: Registry, options: ServerOptions = {}): Promise<FastifyInstance> {
  if (!registry.signer)
    throw new ProbityError('invalid_config', 'the server needs the audit log key (probity audit keygen)');
  const portal = options.portal ?? { publicUrl: 'http://localhost:8080' };
  const app = Fastify({
    logger: loggerOptions(options.logLevel ?? 'info', options.logStream),
    bodyLimit: options.bodyLimit ?? FOUR_MIB,
    requestIdHeader: false,
    genReqId: requestIdGenerator(),
    trustProxy: options.trustProxy ?? false,
    frameworkErrors,
    clientErrorHandler,
    // removeAdditional off: a field a schema does not define is refused with its path, never
    // dropped silently (principle 2).
    ajv: { customOptions: { allErrors: true, strictTypes: false, removeAdditional: false } },
  });
  trackRoutes(app);
  app.decorateRequest('caller', null);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerJsonBody(app);
  registerCacheHeaders(app);
  // Bulk bodies are handed to the route as a stream and read line by line.
  app.addContentTypeParser('application/x-ndjson', (_request, payload, done) => done(null, payload));
  // A browser outside the API gets these as pages (answerProblem); everyone else as problem+json.
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) =>
    answerProblem(request, reply, 'not_found', `no route ${request.method} ${request.url}`),
  );
  app.addSchema(problemSchema);
  await registerSecurityHeaders(app, portal.publicUrl);
  const redis = options.redisUrl === undefined ? undefined : sharedCountsRedis(options.redisUrl);
  if (redis) {
    // A starting node waits a moment for Redis, so that its first requests are counted with the others'.
    app.addHook('onReady', async () =>
      untilConnected(redis, REDIS_READY_MS).catch((error: unknown) =>
        app.log.warn({ err: error }, 'Redis not reachable; limits count per process until it is'),
      ),
    );
    app.addHook('onClose', async () => redis.disconnect());
  }
  registerAuthFailureThrottle(
    app,
    options.authFailureLimit ?? DEFAULT_AUTH_FAILURE_LIMIT,
    redis ? new RedisFailureCounts(redis) : new ProcessFailureCounts(),
  );
  // Before any route: the guard decides each write route's CSRF protection as it is added.
  await registerCsrfGuard(app, {
    cookieSecret: portal.cookieSecret ?? randomBytes(32).toString('hex'),
    secureCookies: usesSecureCookies(portal.publicUrl),
  });

  await app.register(swagger, {
    // Shared schemas under their own names (`Problem`), not def-0, def-1 …
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json['$id'] === 'string' ? json['$id'] : `def-${i}`,
    },
    transform: ({ schema, url, route }) => ({
      schema: { ...schema, operationId: schema?.operationId ?? operationIdOf(route.method, url) },
      url,
    }),
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Probity API',
        version: '1',
        description:
          `Public credit-information registry, jurisdiction pack ${registry.catalog.pack.manifest.id}. ` +
          'Errors are application/problem+json (RFC 9457).',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          oidc: {
            type: 'http',
            scheme: 'bearer',
            description: 'an access token from the identity provider, or the portal session cookie',
          },
        },
      },
    },
  });
  // Swagger UI runs scripts of its own: its pages get their own policy (scripts and styles from here only).
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // Its own policy, less what would let other origins in: no https: sources, no framing, no
    // upgrade (plain-HTTP localhost).
    transformStaticCSP: (policy) =>
      policy
        .replace(/ https:/g, '')
        .replace("frame-ancestors 'self'", "frame-ancestors 'none'")
        .replace(/ ?upgrade-insecure-requests;/, '')
        .replace(' validator.swagger.io', ''),
  });
  // Only the routes that ask for it (config.rateLimit) are limited: the public ones.
  // Counted in Redis when the deployment has one, so N nodes do not allow N times the limit;
  // if Redis cannot be reached, requests go on (a limit slows abuse, it does not decide access).
  await app.register(rateLimit, {
    global: false,
    ...(redis ? { redis, skipOnError: true, nameSpace: 'probity:rate:' } : {}),
  });
  const publicRateLimit = options.publicRateLimit ?? PUBLIC_RATE_LIMIT;
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  /** A task run every `ms` while the server is up; a failure is logged and the next run tries again. */
  const every = (ms: number, failure: string, task: () => Promise<unknown>) =>
    new PeriodicTask(task, (error) => app.log.error({ err: error }, failure), ms);
  // A fresh checkpoint at least every second while entries arrive: an entry has no signed root until one covers it.
  const checkpoints = every(CHECKPOINT_EVERY_MS, 'checkpoint not published', () => registry.audit.publishCheckpoint());
  // Screening answers from an index of open list entries that follows the feed, so a check reads no
  // store to decide. It loads in the background: a large one takes a while, and until then checks
  // and /readyz answer 503.
  const closing = new AbortController();
  const screening = every(SCREENING_EVERY_MS, 'screening index not loaded or not updated', () =>
    registry.screeningIndex.refresh(closing.signal),
  );
  // Transitions that time causes are announced on the feed; state never waits for this.
  const sweeper = every(SWEEP_EVERY_MS, 'list transitions not announced', () => registry.listSweeper.sweep());
  // A dispute's deadline takes effect by itself; this only tells relying parties and the feed that one passed.
  const lapses = every(SWEEP_EVERY_MS, 'dispute lapses not announced', () => registry.disputes.announceLapses());
  // What events wrote into the outbox goes out (e-mail and signed webhooks, with retries), apart from
  // the write: a slow mail server never slows it, and a crash after its commit loses no message.
  const notifications = every(NOTIFY_EVERY_MS, 'notifications not sent', () => registry.notifier.deliver());
  const sessions = every(PURGE_EVERY_MS, 'expired sessions not purged', () => registry.sessions.purge());
  const replays = every(PURGE_EVERY_MS, 'idempotency keys not purged', () => registry.checkReplays.purge());
  const tasks = [checkpoints, screening, sweeper, lapses, notifications, sessions, replays];
  app.addHook('onReady', async () => {
    for (const task of tasks) task.start();
    // Ratings follow the change feed rather than the write's transaction, which bulk ingest could not afford;
    // a subject's rating is still current within a second of a write.
    registry.ratingFollower.start((error) => app.log.error({ err: error }, 'ratings not updated'));
    screening.runNow();
    void registry.screeningIndex
      .whenReady()
      .then(() => app.log.info({ identifiers: registry.screeningIndex.size }, 'screening index loaded'));
  });
  app.addHook('onClose', async () => {
    closing.abort();
    await Promise.all([...tasks.map((task) => task.stop()), registry.ratingFollower.stop()]);
    await registry.audit.drain();
  });

  healthRoutes(app, registry);
  const maxLineBytes = options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  recordsRoutes(app, registry, maxLineBytes);
  auditRoutes(app, registry);
  logTileRoutes(app, registry);
  adminKeyRoutes(app, registry);
  assessmentRoutes(app, registry, publicRateLimit);
  checkRoutes(app, registry, maxLineBytes);
  feedRoutes(app, registry);
  publicListRoutes(app, registry, publicRateLimit);
  await registerPortal(app, registry, portal, publicRateLimit);
  return app;
}
