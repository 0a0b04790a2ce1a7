import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type RouteOptions,
} from 'fastify';
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Actor, AppContext } from '../domain/context.js';
import { AppError } from '../domain/shared/errors.js';
import { authenticationHook } from './authentication.js';
import { registerJsonParser } from './json-body.js';
import { HttpMetrics } from './metrics.js';
import { buildOpenApiDocument } from './openapi.js';
import { problemFor, sendProblem } from './problem.js';
import { MULTIPART_LIMITS } from './uploads.js';
import type { RouteDefinition, RoutePolicy } from './route.js';
import { apiRoutes } from './routes/index.js';
import { VERSION } from '../version.js';
import { registerWebUi } from './web-ui.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** In tests: responses are checked against their schemas and error codes against their routes. */
    strictContract: boolean;
    /** Every route registered, with its options, for the route-policy check. */
    routeTable: RouteOptions[];
    /** Open event streams, ended when the server closes (they would otherwise keep it open). */
    liveStreams: Set<ServerResponse>;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    definition?: RouteDefinition;
  }
}

export interface BuildAppOptions {
  strictContract?: boolean;
  /** Extra routes (tests use this to show that a route without a policy is refused). */
  extraRoutes?: RouteDefinition[];
  /** Process metrics (event loop, memory); off in tests, where many apps share a process. */
  processMetrics?: boolean;
  /** Where the built web UI is (default: dist/web of the package). */
  webUiDirectory?: string;
}

/** Builds the HTTP application without listening, so tests can drive it in-process. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const logger: FastifyBaseLogger = ctx.logger;
  const app = Fastify({
    loggerInstance: logger,
    // One line per request is written by the onResponse hook below, with the route and the user.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
    // Signed customer links travel in the path and are longer than the default 100 characters.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
  });
  app.decorate('strictContract', options.strictContract ?? false);
  app.decorate('routeTable', [] as RouteOptions[]);
  app.decorate('liveStreams', new Set<ServerResponse>());
  app.addHook('preClose', (done) => {
    for (const stream of app.liveStreams) stream.end();
    app.liveStreams.clear();
    done();
  });
  app.decorateRequest('actor', null);
  app.addHook('onRoute', (routeOptions) => {
    app.routeTable.push(routeOptions);
  });

  const metrics = new HttpMetrics({ defaultMetrics: options.processMetrics ?? false });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000);
    request.log.info(
      {
        method: request.method,
        url: request.url,
        route,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        userId: request.actor?.userId,
      },
      'request',
    );
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, { contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  registerJsonParser(app);
  // Only registers the multipart content type; nothing is read until a handler calls
  // `request.file()`, which runs after the route has found the resource and authorised the caller
  // (SPEC §13: "Uploads are authorised before their body is read"). So no attachFieldsToBody here.
  await app.register(fastifyMultipart, { limits: MULTIPART_LIMITS });
  app.addHook('onRequest', authenticationHook(ctx));

  const routes = [...apiRoutes, ...(options.extraRoutes ?? [])];
  const byOperation = new Map<string, RouteDefinition>();
  for (const definition of routes) {
    if (byOperation.has(definition.meta.operationId))
      throw new Error(`Duplicate operationId ${definition.meta.operationId}`);
    byOperation.set(definition.meta.operationId, definition);
    app.route({
      method: definition.meta.method,
      url: definition.meta.path,
      config: { policy: definition.meta.policy, definition },
      handler: (request, reply) => definition.execute(ctx, request, reply),
    });
  }

  app.setErrorHandler(async (error, request, reply) => {
    const declared = request.routeOptions.config.definition?.errorCodes;
    if (error instanceof AppError) {
      if (app.strictContract && declared && !declared.has(error.code)) {
        request.log.error(
          { code: error.code, route: request.routeOptions.url },
          'error code not declared by the route',
        );
        await sendProblem(
          reply,
          problemFor(
            request,
            'internal_error',
            `Undeclared error code ${error.code} on ${request.method} ${request.routeOptions.url ?? ''}`,
          ),
        );
        return;
      }
      await sendProblem(reply, problemFor(request, error.code, error.detail, error.errors), error.headers);
      return;
    }
    const fastifyError = error as { statusCode?: number; code?: string; message?: string };
    if (fastifyError.statusCode === 413) {
      await sendProblem(reply, problemFor(request, 'validation_failed', 'The request body is too large.'));
      return;
    }
    if (fastifyError.statusCode === 415) {
      await sendProblem(
        reply,
        problemFor(request, 'validation_failed', 'Send the body as application/json.'),
      );
      return;
    }
    if (fastifyError.statusCode === 400) {
      await sendProblem(
        reply,
        problemFor(request, 'validation_failed', fastifyError.message ?? 'Bad request'),
      );
      return;
    }
    request.log.error({ err: error, reqId: request.id }, 'unexpected error');
    await sendProblem(
      reply,
      problemFor(
        request,
        'internal_error',
        `Something went wrong on our side. Quote request id ${request.id} when reporting it.`,
      ),
    );
  });

  const serveWebUi = await registerWebUi(app, options.webUiDirectory);
  app.setNotFoundHandler(async (request, reply) => {
    if (await serveWebUi(request, reply)) return;
    await sendProblem(
      reply,
      problemFor(request, 'not_found', `No route ${request.method} ${request.url.split('?')[0] ?? ''}.`),
    );
  });

  const document = buildOpenApiDocument(routes, { version: VERSION });
  app.get('/api/openapi.json', { config: { policy: { access: 'public' } } }, async (_request, reply) => {
    await reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(document));
  });
  app.get('/healthz', { config: { policy: { access: 'public' } } }, () => Promise.resolve({ status: 'ok' }));
  app.get('/readyz', { config: { policy: { access: 'public' } } }, async (request, reply) => {
    try {
      await ctx.db.selectFrom('tenants').select('id').limit(1).execute();
      return { status: 'ready' };
    } catch (error) {
      request.log.warn({ err: error }, 'database not reachable');
      await sendProblem(reply, problemFor(request, 'service_unavailable', 'The database is not reachable.'));
      return reply;
    }
  });
  app.get('/metrics', { config: { policy: { access: 'public' } } }, async (_request, reply) => {
    await reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  // The documentation viewer's own routes are public: they serve static assets and the document above.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (routeOptions) => {
      routeOptions.config = { ...(routeOptions.config ?? {}), policy: { access: 'public' } };
    });
    await docs.register(fastifySwagger, { mode: 'static', specification: { document: document as never } });
    await docs.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  });

  return app;
}
