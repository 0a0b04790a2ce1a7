import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase } from '../../support/database.js';
import { ApiSession } from './api.js';
import { STATE_FILE, type E2eEnvironment } from './environment.js';
import { saveRunning } from './running.js';

const root = join(import.meta.dirname, '..', '..', '..');
const CLI = ['--import', 'tsx', join(root, 'src', 'main', 'cli.ts')];
const TENANT = 'e2e';
const PASSWORD = 'casedesk-e2e-password';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

async function waitUntilReady(baseUrl: string, server: { exitCode: number | null }): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not become ready');
}

/**
 * Builds the web UI, starts a server on a fresh database (SQLite unless CASEDESK_E2E_DIALECT says
 * postgres), and seeds one tenant through the CLI and the API: two agents, a queue, a case type and
 * a customer.
 */
export default async function globalSetup(): Promise<void> {
  // scripts/e2e.mjs builds the UI once for both databases; a direct `npx playwright test` builds it
  // here when there is no build yet.
  if (!existsSync(join(root, 'dist', 'web', 'index.html'))) {
    const build = spawnSync(
      process.execPath,
      [
        join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        join(root, 'web', 'vite.config.ts'),
        '--logLevel',
        'warn',
      ],
      { stdio: 'inherit' },
    );
    if (build.status !== 0) throw new Error('the web UI did not build');
  }

  const dialect = process.env.CASEDESK_E2E_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
  const database = await createTestDatabase(dialect);
  const dataDir = mkdtempSync(join(tmpdir(), 'casedesk-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    PORT: String(port),
    CASEDESK_DATA_DIR: dataDir,
    CASEDESK_PUBLIC_URL: baseUrl,
    LOG_LEVEL: 'warn',
    CASEDESK_ARGON2_MEMORY_KIB: '1024',
    CASEDESK_ARGON2_TIME_COST: '1',
    DATABASE_URL:
      database.target.kind === 'postgres' ? database.target.url : `sqlite:${database.target.file}`,
  };

  const created = spawnSync(
    process.execPath,
    [
      ...CLI,
      'tenant',
      'create',
      '--slug',
      TENANT,
      '--name',
      'E2E Support',
      '--admin-email',
      'admin@e2e.test',
      '--admin-password',
      PASSWORD,
      '--time-zone',
      'Europe/Berlin',
      '--json',
    ],
    { env, encoding: 'utf8' },
  );
  if (created.status !== 0) throw new Error(`tenant create failed: ${created.stderr}`);
  const tenantInfo = JSON.parse(created.stdout) as { admin: { id: string } };

  const server = spawn(process.execPath, [...CLI, 'serve'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  saveRunning({ pid: server.pid ?? 0, dataDir, databaseDrop: database.target });
  await waitUntilReady(baseUrl, server);

  const admin = await new ApiSession(baseUrl).signIn(TENANT, 'admin@e2e.test', PASSWORD);
  const ous = await admin.get<{ items: { id: string }[] }>('/api/v1/ous');
  const ouId = ous.items[0]?.id;
  if (!ouId) throw new Error('the tenant has no OU');
  const agentRole = await admin.post<{ id: string }>('/api/v1/roles', {
    name: 'Agent',
    permissions: [
      'case.close',
      'case.transfer',
      'case.cancel',
      'case.resume',
      'case.restart',
      'case.suspend',
      'case.upgrade',
      'case.edit',
      'case.merge',
    ],
  });
  const viewerRole = await admin.post<{ id: string }>('/api/v1/roles', {
    name: 'Viewer',
    permissions: ['case.queryAll'],
  });
  const agentA = await admin.post<{ id: string; name: string }>('/api/v1/users', {
    email: 'li.wei@e2e.test',
    name: 'Li Wei',
    password: PASSWORD,
    ouId,
    roleIds: [agentRole.id],
  });
  const agentB = await admin.post<{ id: string; name: string }>('/api/v1/users', {
    email: 'anna@e2e.test',
    name: 'Anna Schmidt',
    password: PASSWORD,
    ouId,
    roleIds: [agentRole.id, viewerRole.id],
  });
  const queue = await admin.post<{ id: string; name: string }>('/api/v1/queues', {
    name: 'First line',
    memberIds: [agentA.id],
  });
  const process_ = ['Registered', 'Investigating', 'Resolved'];
  const caseType = await admin.post<{ id: string; name: string }>('/api/v1/case-types', {
    name: 'Complaint',
    process: process_,
    strictOrder: false,
    verifyTasks: true,
    enabled: true,
    customFields: [{ key: 'orderNo', label: 'Order number', type: 'text', required: false }],
  });
  const customer = await admin.post<{ id: string; name: string }>('/api/v1/customers', {
    name: '陈静',
    phones: ['+86 138 0013 8000'],
    email: 'chen.jing@example.cn',
    company: '华信科技',
  });

  const environment: E2eEnvironment = {
    baseUrl,
    dialect,
    tenant: TENANT,
    password: PASSWORD,
    admin: { email: 'admin@e2e.test', id: tenantInfo.admin.id },
    agentA: { email: 'li.wei@e2e.test', id: agentA.id, name: agentA.name },
    agentB: { email: 'anna@e2e.test', id: agentB.id, name: agentB.name },
    queue: { id: queue.id, name: queue.name },
    caseType: { id: caseType.id, name: caseType.name, process: process_ },
    customer: { id: customer.id, name: customer.name },
  };
  mkdirSync(join(STATE_FILE, '..'), { recursive: true });
  writeFileSync(STATE_FILE, JSON.stringify(environment, null, 2));
}
