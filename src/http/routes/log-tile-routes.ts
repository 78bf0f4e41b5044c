import type { FastifyInstance, FastifyReply } from 'fastify';
import { parseTilePath, TILE_WIDTH, type Tile } from '../../domain/merkle/tile.js';
import { ProbityError } from '../../errors.js';
import type { Registry } from '../../registry.js';
import { requireRole } from '../authenticate.js';
import { CHECKPOINT_EXAMPLE, sendCheckpoint } from './audit-routes.js';

/** A full tile never changes; a partial one is replaced by a wider one within seconds as the log grows. */
const FULL_TILE = 'public, max-age=31536000, immutable';
const PARTIAL_TILE_MAX_AGE_S = 10;
const LEVEL = /^\d{1,2}$/;
const notFound = { 404: { $ref: 'Problem#' } } as const;
const binary = { description: 'the tile, as C2SP tlog-tiles defines it', type: 'string', format: 'binary' } as const;

type TileRequest = { Params: { level: string; '*': string } };

/**
 * The audit log as C2SP tlog-tiles (https://c2sp.org/tlog-tiles): the checkpoint and the hash
 * tiles are public, like the proofs; entry bundles are for auditor keys, since an entry's subject
 * id links one person's checks across entries (docs/audit-log.md, "Who may read what").
 */
export function logTileRoutes(app: FastifyInstance, registry: Registry): void {
  const { logTiles } = registry;

  app.get(
    '/log/checkpoint',
    {
      config: { cache: { maxAgeSeconds: 0 } },
      schema: {
        summary: 'The latest signed checkpoint, where tlog-tiles clients look for it',
        tags: ['audit'],
        produces: ['text/plain'],
        response: { 200: { type: 'string', examples: [CHECKPOINT_EXAMPLE] } },
      },
    },
    sendCheckpoint(registry),
  );

  app.get<TileRequest>(
    '/log/tile/:level/*',
    {
      config: { cache: { maxAgeSeconds: PARTIAL_TILE_MAX_AGE_S } },
      schema: {
        // OpenAPI cannot name a path of several segments (`x001/x234/067`): the tile paths are C2SP's,
        // documented in docs/audit-log.md.
        hide: true,
        summary: 'A hash tile: up to 256 subtree hashes of one level of tiles (`x001/x234/067`, partial `….p/W`)',
        tags: ['audit'],
        produces: ['application/octet-stream'],
        response: { 200: binary, ...notFound },
      },
    },
    async (request, reply) => {
      const tile = tileOf(request.params.level, request.params['*']);
      return sendTile(reply, tile, await logTiles.hashTile(tile));
    },
  );

  app.get<{ Params: { '*': string } }>(
    '/log/tile/entries/*',
    {
      preHandler: requireRole(registry.apiKeys, 'auditor'),
      schema: {
        hide: true,
        summary: 'An entry bundle: the entries of one level-0 tile, each after its length (uint16, big-endian)',
        tags: ['audit'],
        security: [{ apiKey: [] }],
        produces: ['application/octet-stream'],
        response: { 200: binary, 401: { $ref: 'Problem#' }, 403: { $ref: 'Problem#' }, ...notFound },
      },
    },
    // Personal in its links between entries: no shared cache may keep it (no cache policy).
    async (request, reply) =>
      reply.type('application/octet-stream').send(await logTiles.entryBundle(tileOf('0', request.params['*']))),
  );
}

function tileOf(level: string, path: string): Tile {
  const tile = LEVEL.test(level) ? parseTilePath(Number(level), path) : undefined;
  if (!tile) throw new ProbityError('not_found', `no tile at ${level}/${path} (see https://c2sp.org/tlog-tiles)`);
  return tile;
}

function sendTile(reply: FastifyReply, tile: Tile, body: Buffer): FastifyReply {
  if (tile.width === TILE_WIDTH) reply.header('cache-control', FULL_TILE);
  return reply.type('application/octet-stream').send(body);
}
