import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The content security policy of the web UI's pages: scripts only from this server; inline styles
 * are allowed because the component library sets CSS variables in style attributes.
 */
const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Casedesk</title></head>
<body><main><h1>Casedesk</h1><p>The web UI has not been built. Run <code>npm run build</code>, then reload.
The API is at <a href="/api/docs">/api/docs</a>.</p></main></body></html>`;

/** The folder holding package.json, found from this file (it runs from src/ in development, dist/src/ built). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the server code');
    dir = parent;
  }
  return dir;
}

export function webUiDirectory(): string {
  return join(packageRoot(), 'dist', 'web');
}

/**
 * Serves the built single-page UI at `/`: its hashed assets from `/assets/` (cached for a year), and
 * index.html for every other GET outside `/api/` that asks for HTML, so that deep links such as
 * `/cases/{id}` and `/evaluate/{token}` load the app, which then routes on the client.
 * Returns the handler for unknown paths; the app's not-found handler calls it first.
 */
export async function registerWebUi(
  app: FastifyInstance,
  directory = webUiDirectory(),
): Promise<(request: FastifyRequest, reply: FastifyReply) => Promise<boolean>> {
  const indexPath = join(directory, 'index.html');
  const built = existsSync(indexPath);

  if (built) {
    await app.register(async (assets) => {
      assets.addHook('onRoute', (routeOptions) => {
        routeOptions.config = { ...(routeOptions.config ?? {}), policy: { access: 'public' } };
      });
      await assets.register(fastifyStatic, {
        root: join(directory, 'assets'),
        prefix: '/assets/',
        immutable: true,
        maxAge: '365d',
        index: false,
        wildcard: true,
        // The build writes .br and .gz beside each asset (web/build-report.ts).
        preCompressed: true,
      });
    });
  }

  return async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    if (request.method !== 'GET' || path.startsWith('/api/') || path.startsWith('/assets/') || !wantsHtml)
      return false;
    // Read per request (it is small and in the page cache): a rebuild under a running server then
    // serves the new index with its new asset names, instead of an old one whose assets are gone.
    let indexHtml = NOT_BUILT_PAGE;
    try {
      indexHtml = await readFile(indexPath, 'utf8');
    } catch {
      // Not built: the page above says how to build it.
    }
    await reply
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('content-security-policy', UI_CSP)
      .send(indexHtml);
    return true;
  };
}
