import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { RouteDefinition } from '../../src/http/route.js';
import { api, problem, startTestApp, type TestApp } from '../support/app.js';

/** Routes of the app whose access policy is missing: the list must be empty. */
function routesWithoutPolicy(routes: RouteOptions[]): string[] {
  return routes.filter((r) => !r.config?.policy).map((r) => `${String(r.method)} ${r.url}`);
}

describe('every route declares its access policy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('walks the route table and finds no route without a policy', () => {
    expect(t.app.routeTable.length).toBeGreaterThan(20);
    expect(routesWithoutPolicy(t.app.routeTable)).toEqual([]);
  });
});

describe('a route added without a policy', () => {
  let t: TestApp;
  const unguarded: RouteDefinition = {
    // A definition that bypasses the route() helper, as a careless addition would.
    meta: {
      method: 'GET',
      path: '/api/v1/unguarded',
      operationId: 'unguarded',
      summary: 'no policy',
      tags: [],
      response: { status: 200, schema: z.object({}) },
      policy: undefined as never,
      hasLoader: false,
    },
    errorCodes: new Set(),
    execute: async (_ctx, _request, reply) => {
      await reply.send({ secret: true });
    },
  };
  beforeAll(async () => {
    t = await startTestApp({ build: { extraRoutes: [unguarded] } });
  });
  afterAll(() => t.close());

  it('is found by the route-table walk', () => {
    expect(routesWithoutPolicy(t.app.routeTable)).toEqual([
      'GET /api/v1/unguarded',
      'HEAD /api/v1/unguarded',
    ]);
  });

  it('is refused at run time instead of being served', async () => {
    const response = await api(t.app).get('/api/v1/unguarded');
    expect(response.statusCode).toBe(500);
    expect(problem(response).code).toBe('internal_error');
    expect(response.body).not.toContain('secret');
  });
});
