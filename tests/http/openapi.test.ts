import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../src/http/routes/index.js';
import { api, startTestApp, type TestApp } from '../support/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

type Operation = {
  operationId: string;
  responses: Record<
    string,
    { content?: Record<string, { schema: { allOf?: { properties?: { code?: { enum?: string[] } } }[] } }> }
  >;
};

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document according to a real validator', async () => {
    const response = await api(t.app).get('/api/openapi.json');
    expect(response.statusCode).toBe(200);
    const document = response.json<{ openapi: string }>();
    expect(document.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('lists every API route, with every error code the route can return', async () => {
    const document = (await api(t.app).get('/api/openapi.json')).json<{
      paths: Record<string, Record<string, Operation>>;
    }>();
    for (const definition of apiRoutes) {
      const path = definition.meta.path.replace(/:(\w+)/g, '{$1}');
      const operation = document.paths[path]?.[definition.meta.method.toLowerCase()];
      expect(operation, `${definition.meta.method} ${path}`).toBeDefined();
      const documented = new Set(
        Object.values(operation?.responses ?? {}).flatMap(
          (r) => r.content?.['application/problem+json']?.schema.allOf?.[1]?.properties?.code?.enum ?? [],
        ),
      );
      expect([...documented].sort(), definition.meta.operationId).toEqual([...definition.errorCodes].sort());
    }
  });

  it('serves the documentation viewer at /api/docs', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('swagger');
    const spec = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(spec.json<{ openapi: string }>().openapi).toBe('3.1.0');
  });
});
