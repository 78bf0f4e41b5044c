import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAjv } from '../../src/domain/json-schema.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface Operation {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, Media> }>;
  requestBody?: { content?: Record<string, Media> };
}
type Media = { schema?: unknown; example?: unknown; examples?: unknown };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('the OpenAPI document', () => {
  let server: TestServer;
  let document: Document;
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
    );

  beforeAll(async () => {
    server = await startTestServer('sqlite');
    document = (await server.app.inject({ url: '/openapi.json' })).json();
  });
  afterAll(async () => {
    await server.close();
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('gives every operation a unique operationId', () => {
    const ids = operations().map(({ name, operation }) => operation.operationId ?? `(none: ${name})`);
    expect(ids.filter((id) => id.startsWith('(none'))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('names its shared schemas (Problem), not def-0', () => {
    expect(Object.keys(document.components?.schemas ?? {})).toContain('Problem');
    expect(JSON.stringify(document)).not.toContain('def-0');
  });

  it('describes the success answer of every operation with a schema and an example', () => {
    const missing = operations().flatMap(({ name, operation }) => {
      const success = Object.entries(operation.responses ?? {}).filter(([status]) => /^2/.test(status));
      const media = success.flatMap(([, response]) => Object.values(response.content ?? {}));
      if (success.some(([status]) => status === '204')) return [];
      const problems: string[] = [];
      if (!media.some((m) => m.schema !== undefined)) problems.push(`${name}: no 2xx schema`);
      if (!media.some((m) => m.example !== undefined || m.examples !== undefined))
        problems.push(`${name}: no 2xx example`);
      return problems;
    });
    expect(missing).toEqual([]);
  });

  it('gives every request body that has a schema an example', () => {
    const missing = operations().flatMap(({ name, operation }) =>
      Object.entries(operation.requestBody?.content ?? {})
        .filter(
          ([, media]) => media.schema !== undefined && media.example === undefined && media.examples === undefined,
        )
        .map(([type]) => `${name} (${type}): no request example`),
    );
    expect(missing).toEqual([]);
  });

  it('gives examples that match their own schemas (success answers and request bodies)', () => {
    const ajv = createAjv();
    const wrong = operations().flatMap(({ name, operation }) => {
      const media = [
        ...Object.entries(operation.responses ?? {})
          .filter(([status]) => /^2/.test(status))
          .flatMap(([, response]) => Object.values(response.content ?? {})),
        ...Object.values(operation.requestBody?.content ?? {}),
      ];
      return media.flatMap(({ schema, example }) => {
        if (schema === undefined || example === undefined) return [];
        const validate = ajv.compile(schema as object);
        return validate(example) ? [] : [`${name}: ${ajv.errorsText(validate.errors)}`];
      });
    });
    expect(wrong).toEqual([]);
  });
});
