import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialect, type TestDatabase } from '../support/database.js';

// The CLI from its sources, in one process (tsx as a loader, not its wrapper CLI, whose child would
// outlive a kill): the build step of bin/casedesk.js would race between the two database suites.
const CLI = ['--import', 'tsx', join(import.meta.dirname, '..', '..', 'src', 'main', 'cli.ts')];

let dataDir: string;
let database: TestDatabase;
let env: NodeJS.ProcessEnv;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'casedesk-cli-'));
  database = await createTestDatabase();
  env = {
    ...process.env,
    CASEDESK_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    CASEDESK_ARGON2_MEMORY_KIB: '1024',
    CASEDESK_ARGON2_TIME_COST: '1',
    ...(database.target.kind === 'postgres'
      ? { DATABASE_URL: database.target.url }
      : { DATABASE_URL: `sqlite:${join(dataDir, 'cli.sqlite')}` }),
  };
});
afterAll(async () => {
  await database.drop();
  rmSync(dataDir, { recursive: true, force: true });
});

function cli(...args: string[]) {
  return spawnSync(process.execPath, [...CLI, ...args], { env, encoding: 'utf8', timeout: 120_000 });
}

describe(`the casedesk command on ${testDialect()}`, () => {
  // Each command starts a Node process that compiles the sources on the fly; give it room on a busy machine.
  it(
    'migrates, creates a tenant, and serves an API where that administrator signs in and makes a token',
    { timeout: 180_000 },
    async () => {
      const migrate = cli('migrate');
      expect(migrate.status, migrate.stderr).toBe(0);
      expect(cli('migrate', 'status').stdout).toMatch(/applied\s+0001_foundation/);

      const created = cli(
        'tenant',
        'create',
        '--slug',
        'acme',
        '--name',
        'Acme',
        '--admin-email',
        'admin@acme.test',
        '--admin-password',
        'correct-horse-battery',
        '--json',
      );
      expect(created.status, created.stderr).toBe(0);
      expect(JSON.parse(created.stdout)).toMatchObject({
        tenant: { slug: 'acme' },
        admin: { email: 'admin@acme.test' },
      });
      const again = cli(
        'tenant',
        'create',
        '--slug',
        'acme',
        '--name',
        'Acme',
        '--admin-email',
        'admin@acme.test',
        '--admin-password',
        'correct-horse-battery',
      );
      expect(again.status).not.toBe(0);
      expect(again.stderr).toContain('already_exists');
      const bad = cli(
        'tenant',
        'create',
        '--slug',
        'A',
        '--name',
        'Acme',
        '--admin-email',
        'nope',
        '--admin-password',
        'short',
      );
      expect(bad.status).toBe(64);
      expect(bad.stderr).toContain('--slug');
      expect(bad.stderr).toContain('--admin-email');
      expect(bad.stderr).toContain('--admin-password');

      const server = spawn(process.execPath, [...CLI, 'serve', '--port', '0'], {
        env: { ...env, LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let seen = '';
          const timer = setTimeout(() => {
            reject(new Error(`server did not start: ${seen}`));
          }, 60_000);
          server.stdout.on('data', (chunk: Buffer) => {
            seen += chunk.toString();
            const match = /"address":"(http:\/\/[^"]+)"/.exec(seen);
            if (match?.[1]) {
              clearTimeout(timer);
              resolve(match[1]);
            }
          });
        });
        const login = await fetch(`${url}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            tenant: 'acme',
            email: 'admin@acme.test',
            password: 'correct-horse-battery',
          }),
        });
        expect(login.status).toBe(200);
        const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const { csrfToken } = (await login.json()) as { csrfToken: string };
        const me = await fetch(`${url}/api/v1/me`, { headers: { cookie } });
        expect(((await me.json()) as { user: { email: string } }).user.email).toBe('admin@acme.test');
        const token = await fetch(`${url}/api/v1/auth/tokens`, {
          method: 'POST',
          headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'cli test' }),
        });
        expect(token.status).toBe(201);
        const { token: secret } = (await token.json()) as { token: string };
        expect(
          (await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } })).status,
        ).toBe(200);
        expect((await fetch(`${url}/readyz`)).status).toBe(200);
      } finally {
        server.kill('SIGTERM');
      }
    },
  );

  it('stops at start with a message naming a wrong variable', { timeout: 60_000 }, () => {
    const result = spawnSync(process.execPath, [...CLI, 'migrate'], {
      env: { ...env, PORT: 'eighty' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('PORT');
  });
});
