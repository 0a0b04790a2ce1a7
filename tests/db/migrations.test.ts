import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/connection.js';
import { migrateAllDown, migrateToLatest, migrationStatus } from '../../src/db/migrator.js';
import { migrations } from '../../src/db/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let testDb: TestDatabase;
let handle: DatabaseHandle;
beforeAll(async () => {
  testDb = await createTestDatabase();
  handle = openDatabase(testDb.target);
});
afterAll(async () => {
  await handle.close();
  await testDb.drop();
});

async function tableNames(): Promise<string[]> {
  const tables = await handle.db.introspection.getTables();
  return tables
    .map((t) => t.name)
    .filter((n) => !n.startsWith('casedesk_migrations'))
    .sort();
}

describe('migrations', () => {
  it('go up, all the way down, and up again', async () => {
    await migrateToLatest(handle.db);
    const afterUp = await tableNames();
    expect(afterUp).toContain('users');
    expect((await migrationStatus(handle.db)).every((m) => m.executedAt !== null)).toBe(true);

    await migrateAllDown(handle.db);
    expect(await tableNames()).toEqual([]);
    expect((await migrationStatus(handle.db)).every((m) => m.executedAt === null)).toBe(true);

    await migrateToLatest(handle.db);
    expect(await tableNames()).toEqual(afterUp);
    expect((await migrationStatus(handle.db)).map((m) => m.name)).toEqual(Object.keys(migrations));
  });

  it('enforce tenant-scoped foreign keys', async () => {
    await migrateToLatest(handle.db);
    const now = new Date().toISOString();
    await handle.db
      .insertInto('tenants')
      .values({
        id: 't1',
        slug: 'fk-a',
        name: 'A',
        time_zone: 'UTC',
        default_language: 'en',
        ou_isolation: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await handle.db
      .insertInto('tenants')
      .values({
        id: 't2',
        slug: 'fk-b',
        name: 'B',
        time_zone: 'UTC',
        default_language: 'en',
        ou_isolation: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await handle.db
      .insertInto('ous')
      .values({
        tenant_id: 't1',
        id: 'ou1',
        name: 'Root',
        parent_id: null,
        leader_ids: '[]',
        created_at: now,
        updated_at: now,
      })
      .execute();
    // A user of tenant 2 cannot point at an OU of tenant 1: the key includes the tenant.
    await expect(
      handle.db
        .insertInto('users')
        .values({
          tenant_id: 't2',
          id: 'u1',
          email: 'a@b.c',
          name: 'A',
          password_hash: 'x',
          ou_id: 'ou1',
          phone: null,
          tenant_admin: 0,
          disabled: 0,
          language: null,
          time_zone: null,
          created_at: now,
          updated_at: now,
        })
        .execute(),
    ).rejects.toThrow();
    const count = await sql<{ n: number }>`select count(*) as n from users`.execute(handle.db);
    expect(Number(count.rows[0]?.n)).toBe(0);
  });
});
