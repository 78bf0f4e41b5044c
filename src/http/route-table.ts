import type { FastifyInstance, RouteOptions } from 'fastify';

/** One route as registered: its methods and its URL pattern. */
export interface RouteEntry {
  readonly methods: readonly string[];
  readonly url: string;
}

const tables = new WeakMap<FastifyInstance, RouteEntry[]>();

/**
 * Records every route added from now on, so the route table itself can be checked: the
 * authorisation matrix, the CSRF and header tests walk it, and a new route that nobody
 * thought about fails them. Call before any route is added.
 */
export function trackRoutes(app: FastifyInstance): void {
  const table: RouteEntry[] = [];
  tables.set(app, table);
  app.addHook('onRoute', (route: RouteOptions) => {
    table.push({ methods: [route.method].flat().filter((method) => method !== 'HEAD'), url: route.url });
  });
}

/** The routes of a server whose routes were tracked. */
export function routeTable(app: FastifyInstance): readonly RouteEntry[] {
  const table = tables.get(app);
  if (!table) throw new Error('routes of this server were not tracked (trackRoutes)');
  return table;
}
