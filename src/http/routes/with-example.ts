/**
 * A schema with one example of its value, for a route that shares the schema but answers
 * something of its own. @fastify/swagger moves a one-element top-level `examples` of a
 * body or response schema to the media type's `example`; validation and serialisation ignore it.
 */
export function withExample<S extends object>(
  schema: S,
  example: unknown,
): S & { readonly examples: readonly unknown[] } {
  return { ...schema, examples: [example] };
}
