import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface Operation {
  operationId?: string;
  responses?: Record<string, { content?: Record<string, { schema?: unknown; example?: unknown; examples?: unknown }> }>;
  requestBody?: { content?: Record<string, { example?: unknown; examples?: unknown }> };
}
type Document = { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, unknown> } };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('the OpenAPI document', () => {
  let server: TestServer;
  let document: Document;
  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).filter(([method]) => METHODS.includes(method)).map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, operation })),
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
});
