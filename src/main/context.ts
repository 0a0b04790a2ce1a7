import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { openDatabase, type DatabaseHandle } from '../db/connection.js';
import { argon2Hasher } from '../domain/auth/passwords.js';
import type { CaseChangeBus } from '../domain/cases/case-events.js';
import type { AppContext } from '../domain/context.js';
import { LocalCaseChangeBus } from '../events/local-bus.js';
import { PostgresCaseChangeBus } from '../events/postgres-bus.js';
import { systemClock, type Clock } from '../lib/clock.js';

/** Wires the running system from the configuration: database, clock, logger, password hashing, events. */
export async function createAppContext(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock,
): Promise<{ ctx: AppContext; database: DatabaseHandle; close: () => Promise<void> }> {
  const database = openDatabase(config.database);
  // On PostgreSQL several server processes may run; their live updates meet through LISTEN/NOTIFY.
  const events: CaseChangeBus =
    config.database.kind === 'postgres'
      ? await PostgresCaseChangeBus.start(config.database.url, logger)
      : new LocalCaseChangeBus();
  const ctx: AppContext = {
    db: database.db,
    dialect: database.dialect,
    clock,
    config,
    logger,
    passwords: argon2Hasher(config.argon2),
    events,
  };
  return {
    ctx,
    database,
    close: async () => {
      await events.close();
      await database.close();
    },
  };
}
