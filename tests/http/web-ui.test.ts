import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

// The server's part of the web UI: the built app at `/`, deep links, hashed assets (precompressed),
// and the API untouched by any of it. A small stand-in build keeps the test independent of Vite.
let built: TestApp;
let unbuilt: TestApp;
let directory: string;
const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';
const SCRIPT = 'console.log("casedesk");'.repeat(50);

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'casedesk-web-'));
  mkdirSync(join(directory, 'assets'));
  writeFileSync(join(directory, 'index.html'), INDEX);
  writeFileSync(join(directory, 'assets', 'index-abc123.js'), SCRIPT);
  writeFileSync(join(directory, 'assets', 'index-abc123.js.br'), brotliCompressSync(SCRIPT));
  built = await startTestApp({ build: { webUiDirectory: directory } });
  unbuilt = await startTestApp({ build: { webUiDirectory: join(directory, 'missing') } });
});
afterAll(async () => {
  await built.close();
  await unbuilt.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('the web UI served by the API server', () => {
  it('answers / and deep links with the app, under a content security policy', async () => {
    for (const url of ['/', '/cases/01a2b3c4', '/config/sla-rules', '/evaluate/some.signed.token']) {
      const response = await built.app.inject({ method: 'GET', url, headers: { accept: 'text/html,*/*' } });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toBe(INDEX);
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets for a year, brotli-compressed when the browser accepts it', async () => {
    const plain = await built.app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toContain('max-age=31536000');
    expect(plain.headers['cache-control']).toContain('immutable');
    const compressed = await built.app.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.rawPayload.length).toBeLessThan(SCRIPT.length);
  });

  it('leaves the API alone: unknown API paths and missing assets are problem+json 404s', async () => {
    for (const url of ['/api/v1/nothing-here', '/assets/missing.js']) {
      const response = await built.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/problem\+json|application\/json/);
    }
    const api = await built.app.inject({
      method: 'GET',
      url: '/cases/x',
      headers: { accept: 'application/json' },
    });
    expect(api.statusCode).toBe(404);
    const post = await built.app.inject({
      method: 'POST',
      url: '/cases/x',
      headers: { accept: 'text/html' },
    });
    expect(post.statusCode).toBe(404);
  });

  it('says how to build the UI when it has not been built', async () => {
    const response = await unbuilt.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('npm run build');
  });
});
