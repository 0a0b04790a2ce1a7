import { rmSync } from 'node:fs';
import pg from 'pg';
import { postgresAdminUrl } from '../../support/database.js';
import { loadRunning } from './running.js';

async function exited(pid: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  process.kill(pid, 'SIGKILL');
}

export default async function globalTeardown(): Promise<void> {
  const running = loadRunning();
  if (!running) return;
  try {
    process.kill(running.pid, 'SIGTERM');
    await exited(running.pid);
  } catch {
    // Already gone.
  }
  rmSync(running.dataDir, { recursive: true, force: true });
  const target = running.databaseDrop;
  if (target.kind === 'sqlite') {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${target.file}${suffix}`, { force: true });
  } else {
    const name = new URL(target.url).pathname.slice(1);
    const client = new pg.Client({ connectionString: postgresAdminUrl() });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}
