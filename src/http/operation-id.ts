/**
 * The OpenAPI operationId of a route, from its method and Fastify path, for client generators:
 * `GET /v1/audit/entries` is getAuditEntries, `POST /v1/records/:id::withdraw` (Fastify's `::`
 * is a literal colon) is postRecordsByIdWithdraw, `POST /v1/checks::batch` is postChecksBatch.
 * Stable as long as the route is.
 */
export function operationIdOf(method: string | readonly string[], url: string): string {
  const verb = (typeof method === 'string' ? method : method[0]!).toLowerCase();
  const words = url
    .replace(/^\/v\d+(?=\/)/, '')
    .replace(/\([^)]*\)/g, '') // a parameter's pattern, as in :id(^[0-9A-Za-z]{1,64})
    .split(/\/|::/)
    .filter((part) => part !== '')
    .map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part));
  return [verb, ...words].join('-').replace(/[-_.]+(\w)/g, (_, c: string) => c.toUpperCase());
}
