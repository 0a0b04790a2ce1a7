import { Migrator, type MigrationResultSet } from 'kysely';
import type { Db } from './connection.js';
import { migrations } from './migrations/index.js';

export function createMigrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'casedesk_migrations',
    migrationLockTableName: 'casedesk_migrations_lock',
  });
}

function unwrap(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    const cause = result.error instanceof Error ? result.error : new Error(JSON.stringify(result.error));
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause.message}`, { cause });
  }
  return result;
}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
  return unwrap(await createMigrator(db).migrateToLatest());
}

/** Undoes every migration, newest first. */
export async function migrateAllDown(db: Db): Promise<void> {
  const migrator = createMigrator(db);
  for (;;) {
    const result = unwrap(await migrator.migrateDown());
    if (!result.results || result.results.length === 0) return;
  }
}

export async function migrateOneDown(db: Db): Promise<MigrationResultSet> {
  return unwrap(await createMigrator(db).migrateDown());
}

export async function migrationStatus(db: Db): Promise<{ name: string; executedAt: Date | null }[]> {
  const list = await createMigrator(db).getMigrations();
  return list.map((m) => ({ name: m.name, executedAt: m.executedAt ?? null }));
}
