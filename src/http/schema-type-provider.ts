import type { JsonSchemaToTsProvider } from '@fastify/type-provider-json-schema-to-ts';
import type { FastifyTypeProvider } from 'fastify';
import type { DeepReadonly } from '../domain/deep-readonly.js';

/** What @fastify/type-provider-json-schema-to-ts reads from a schema, for requests and for answers. */
type Provided<S> = JsonSchemaToTsProvider & { readonly schema: S };

/**
 * The type provider of the /v1 routes (`app.withTypeProvider<SchemaTypeProvider>()`): a route's
 * request types are read from its JSON Schemas by @fastify/type-provider-json-schema-to-ts, and
 * so are its answers, made deeply readonly. json-schema-to-ts reads an array schema as a mutable
 * array, which a domain value (readonly arrays throughout) is not; the serialiser only reads
 * the answer, so a readonly one is what it takes. Types only: nothing changes at run time.
 */
export interface SchemaTypeProvider extends FastifyTypeProvider {
  readonly validator: Provided<this['schema']>['validator'];
  readonly serializer: DeepReadonly<Provided<this['schema']>['serializer']>;
}
