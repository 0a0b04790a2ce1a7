import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../../src/domain/shared/errors.js';
import { route } from '../../src/http/route.js';
import { api, createTenantFixture, problem, startTestApp, type TestApp } from '../support/app.js';

const exploding = route({
  method: 'GET',
  path: '/api/v1/test/explode',
  operationId: 'testExplode',
  summary: 'throws',
  tags: ['test'],
  policy: { access: 'signedIn' },
  response: { status: 200, schema: z.object({}) },
  handle: () => Promise.reject(new Error('database password is hunter2 at /srv/app/secret.ts:12')),
});

const undeclared = route({
  method: 'GET',
  path: '/api/v1/test/undeclared',
  operationId: 'testUndeclared',
  summary: 'answers with a code it does not declare',
  tags: ['test'],
  policy: { access: 'signedIn' },
  response: { status: 200, schema: z.object({}) },
  handle: () => Promise.reject(new AppError('already_exists')),
});

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ build: { extraRoutes: [exploding, undeclared] } });
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  it('GET /healthz answers ok', async () => {
    const response = await api(t.app).get('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers ready while the database is reachable', async () => {
    const response = await api(t.app).get('/readyz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready' });
  });

  it('GET /metrics counts requests by route and status in Prometheus text format', async () => {
    const tenant = await createTenantFixture(t);
    await api(t.app, tenant.admin).get('/api/v1/ous');
    await api(t.app).get('/api/v1/ous');
    const response = await api(t.app).get('/metrics');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toMatch(
      /casedesk_http_requests_total\{method="GET",route="\/api\/v1\/ous",status="200"\} [1-9]/,
    );
    expect(response.body).toMatch(
      /casedesk_http_requests_total\{method="GET",route="\/api\/v1\/ous",status="401"\} [1-9]/,
    );
    expect(response.body).toContain('casedesk_http_request_duration_seconds_bucket');
  });
});

describe('errors', () => {
  it('an unexpected error is a 500 problem with a request id and no internals', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app, tenant.admin).get('/api/v1/test/explode');
    expect(response.statusCode).toBe(500);
    const body = problem(response);
    expect(body.code).toBe('internal_error');
    expect(response.json<{ requestId: string }>().requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('secret.ts');
  });

  it('in strict mode (all tests) an error code the route does not declare in OpenAPI fails loudly', async () => {
    const tenant = await createTenantFixture(t);
    const response = await api(t.app, tenant.admin).get('/api/v1/test/undeclared');
    expect(response.statusCode).toBe(500);
    expect(problem(response).detail).toContain('Undeclared error code already_exists');
  });

  it('an unknown API route is a 404 problem', async () => {
    const response = await api(t.app).get('/api/v1/nothing-here');
    expect(response.statusCode).toBe(404);
    expect(problem(response).code).toBe('not_found');
  });

  it('a body that is not JSON is a 400 problem', async () => {
    const tenant = await createTenantFixture(t);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/ous',
      payload: 'name=x',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: `casedesk_session=${tenant.admin.cookie ?? ''}`,
        'x-csrf-token': tenant.admin.csrfToken ?? '',
      },
    });
    expect(response.statusCode).toBe(400);
    expect(problem(response).code).toBe('validation_failed');
  });
});
