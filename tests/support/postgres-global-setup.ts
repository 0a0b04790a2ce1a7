import pg from 'pg';
import { postgresAdminUrl } from './database.js';

/**
 * The PostgreSQL suite must never pass by skipping: when the server cannot be reached, the run fails
 * here with a message saying so.
 */
export default async function checkPostgresReachable(): Promise<void> {
  const url = postgresAdminUrl();
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `PostgreSQL is not reachable at ${url.replace(/:[^:@/]*@/, ':***@')} (${reason}). ` +
        'The integration suite runs on PostgreSQL as well as SQLite and does not skip it: start PostgreSQL ' +
        '(e.g. `pg_ctlcluster 15 main start`) or point CASEDESK_TEST_DATABASE_URL at a server.',
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
