import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../contract/errors.js';
import type { RouteDefinition } from './route.js';

type JsonSchema = Record<string, unknown>;

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function objectProperties(
  schema: z.ZodType,
): { name: string; schema: JsonSchema; required: boolean; description?: string }[] {
  const json = toSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    schema: property,
    required: required.has(name),
    ...(typeof property.description === 'string' ? { description: property.description } : {}),
  }));
}

const REASONS: Record<number, string> = {
  400: 'The request is malformed or breaks a limit',
  401: 'No valid credentials',
  403: 'Not allowed',
  404: 'Not found (or of another tenant)',
  409: 'Conflicts with the current state',
  410: 'Gone',
  413: 'Too large',
  415: 'Unsupported content',
  422: 'Cannot be processed',
  429: 'Too many requests',
  500: 'Unexpected error',
  503: 'Temporarily unavailable',
};

function errorResponses(codes: ReadonlySet<ErrorCode>): Record<string, unknown> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...codes].sort()) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, unknown> = {};
  for (const [status, list] of [...byStatus.entries()].sort((a, b) => a[0] - b[0])) {
    responses[String(status)] = {
      description: `${REASONS[status] ?? 'Error'}: ${list.join(', ')}`,
      ...(status === 429
        ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds to wait' } } }
        : {}),
      content: {
        'application/problem+json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/Problem' },
              { type: 'object', properties: { code: { enum: list } } },
            ],
          },
        },
      },
    };
  }
  return responses;
}

/** The OpenAPI 3.1 document, generated from the same route definitions the server registers. */
export function buildOpenApiDocument(
  routes: readonly RouteDefinition[],
  options: { version: string; serverUrl?: string },
): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { meta, errorCodes } of routes) {
    const path = meta.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    const pathNames = [...meta.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? '');
    for (const name of pathNames) {
      parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
    if (meta.query) {
      for (const p of objectProperties(meta.query)) {
        parameters.push({
          name: p.name,
          in: 'query',
          required: p.required,
          schema: p.schema,
          ...(p.description ? { description: p.description } : {}),
        });
      }
    }
    if (meta.idempotent) {
      parameters.push({
        name: 'Idempotency-Key',
        in: 'header',
        required: false,
        description: 'Makes a repeat of this request return the first response (kept 24 hours).',
        schema: { type: 'string', minLength: 1, maxLength: 255 },
      });
    }
    const success: Record<string, unknown> = { description: meta.response.description ?? 'Success' };
    if (meta.response.schema) {
      success.content = {
        [meta.response.contentType?.split(';')[0] ?? 'application/json']: {
          schema: toSchema(meta.response.schema, 'output'),
        },
      };
    }
    const operation: Record<string, unknown> = {
      operationId: meta.operationId,
      summary: meta.summary,
      ...(meta.description ? { description: meta.description } : {}),
      tags: meta.tags,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(meta.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toSchema(meta.body, 'input') } },
            },
          }
        : {}),
      responses: { [String(meta.response.status)]: success, ...errorResponses(errorCodes) },
      security: meta.policy?.access === 'public' ? [] : [{ session: [] }, { bearer: [] }],
      'x-casedesk-policy': meta.policy ?? 'undeclared',
    };
    paths[path] = { ...(paths[path] ?? {}), [meta.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Casedesk API',
      version: options.version,
      description:
        'Multi-tenant case management. Sessions (cookie + X-CSRF-Token on writes) serve the web UI; bearer API tokens serve integrations. Errors are RFC 9457 problem details with a stable `code`.',
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    paths,
    components: {
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail', 'code'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            code: { type: 'string' },
            requestId: { type: 'string' },
            errors: {
              type: 'array',
              items: {
                type: 'object',
                required: ['field', 'message'],
                properties: { field: { type: 'string' }, message: { type: 'string' } },
              },
            },
          },
        },
      },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'casedesk_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}
