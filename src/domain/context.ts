import type { Logger } from 'pino';
import type { Permission } from '../../contract/permissions.js';
import type { Config } from '../config/config.js';
import type { Db, DialectName } from '../db/connection.js';
import type { Clock } from '../lib/clock.js';
import type { PasswordHasher } from './auth/passwords.js';
import type { CaseChangeBus } from './cases/case-events.js';

/** What every command needs from the running system. Built once at start-up (or per test). */
export interface AppContext {
  db: Db;
  dialect: DialectName;
  clock: Clock;
  config: Config;
  logger: Logger;
  passwords: PasswordHasher;
  /** Live case changes, published after commit. */
  events: CaseChangeBus;
}

/** The signed-in user on whose behalf a request runs, with their effective permissions. */
export interface Actor {
  tenantId: string;
  userId: string;
  name: string;
  ouId: string;
  tenantAdmin: boolean;
  permissions: ReadonlySet<Permission>;
  auth: { kind: 'session'; sessionId: string; csrfToken: string } | { kind: 'token'; tokenId: string };
}

/** Tenant administrators hold every permission; everyone else holds their roles' permissions. */
export function hasPermission(actor: Actor, permission: Permission): boolean {
  return actor.tenantAdmin || actor.permissions.has(permission);
}
