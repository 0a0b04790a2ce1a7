import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseTarget, DialectName } from '../../src/db/connection.js';

export function testDialect(): DialectName {
  const dialect = process.env.CASEDESK_TEST_DIALECT ?? 'sqlite';
  if (dialect !== 'sqlite' && dialect !== 'postgres')
    throw new Error(`CASEDESK_TEST_DIALECT must be sqlite or postgres, not ${dialect}`);
  return dialect;
}

export function postgresAdminUrl(): string {
  return process.env.CASEDESK_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase {
  target: DatabaseTarget;
  drop(): Promise<void>;
}

/** A fresh, empty database of the suite's dialect; `drop` removes it again. */
export async function createTestDatabase(dialect: DialectName = testDialect()): Promise<TestDatabase> {
  const name = `casedesk_test_${randomBytes(6).toString('hex')}`;
  if (dialect === 'sqlite') {
    const file = join(tmpdir(), `${name}.sqlite`);
    return {
      target: { kind: 'sqlite', file },
      drop: () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
        return Promise.resolve();
      },
    };
  }
  const adminUrl = postgresAdminUrl();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    target: { kind: 'postgres', url: url.toString() },
    async drop() {
      // pg's pool resolves end() before its sockets have closed; forcing the drop at once would
      // kill those connections mid-goodbye (an unhandled error). Wait for them, then insist.
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        for (let attempt = 0; ; attempt++) {
          try {
            await client.query(`DROP DATABASE IF EXISTS ${name}${attempt >= 40 ? ' WITH (FORCE)' : ''}`);
            return;
          } catch (error) {
            const inUse =
              typeof error === 'object' && error !== null && 'code' in error && error.code === '55006';
            if (!inUse || attempt >= 40) throw error;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
      } finally {
        await client.end();
      }
    },
  };
}
