import type { Logger } from 'pino';
import type { Config } from '../config/config.js';
import { openDatabase, type DatabaseHandle } from '../db/connection.js';
import { argon2Hasher } from '../domain/auth/passwords.js';
import type { AppContext } from '../domain/context.js';
import { systemClock, type Clock } from '../lib/clock.js';

/** Wires the running system from the configuration: database, clock, logger, password hashing. */
export function createAppContext(
  config: Config,
  logger: Logger,
  clock: Clock = systemClock,
): { ctx: AppContext; database: DatabaseHandle } {
  const database = openDatabase(config.database);
  const ctx: AppContext = {
    db: database.db,
    dialect: database.dialect,
    clock,
    config,
    logger,
    passwords: argon2Hasher(config.argon2),
  };
  return { ctx, database };
}
