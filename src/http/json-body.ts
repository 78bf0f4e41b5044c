import type { FastifyInstance } from 'fastify';
import { PROTOTYPE_KEYS, prototypeKeyPointer } from '../domain/records/prototype-keys.js';
import { ProbityError } from '../errors.js';

/**
 * The body parsers of the API: JSON, refused with a reason that names what is wrong, and
 * nothing else by default. Fastify's own JSON parser answered a `__proto__` key with "Body is
 * not valid JSON", which names neither the key nor where it is; its `text/plain` parser let a
 * plain-text body reach `POST /v1/records` (ajv's type coercion made the string a one-item
 * array) instead of a 415. Other parsers (NDJSON, forms, multipart) are added where needed.
 */
export function registerJsonBody(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    try {
      done(null, parseJsonBody(body as string, request.routeOptions.config.checksItemsOneByOne === true));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route takes an array of items and refuses a hostile item by itself (a prototype key
     * is then that item's error), so that the items beside it are still answered and stored.
     */
    checksItemsOneByOne?: boolean;
  }
}

/**
 * A JSON body as a value, or a ProbityError (invalid_request) saying why not, naming a
 * forbidden key and its pointer. With `itemsChecked`, an array's items are left to the route.
 */
export function parseJsonBody(text: string, itemsChecked = false): unknown {
  if (text.trim() === '') throw new ProbityError('invalid_request', 'the body is empty; send a JSON value');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProbityError('invalid_request', `the body is not valid JSON: ${(error as Error).message}`);
  }
  // JSON.parse keeps "__proto__" as a plain own key, but code that merges or assigns the value
  // later may not: refused here, once, for every route.
  const pointer = itemsChecked && Array.isArray(value) ? undefined : prototypeKeyPointer(value);
  if (pointer !== undefined) {
    const key = [...PROTOTYPE_KEYS].find((name) => pointer.endsWith(`/${name}`));
    throw new ProbityError('invalid_request', `the body has the key "${key}" at ${pointer}, which is refused`, {
      errors: [{ path: pointer, message: 'is a key that is refused (prototype pollution)' }],
    });
  }
  return value;
}
