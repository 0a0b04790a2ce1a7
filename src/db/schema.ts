/**
 * Row types of every table, as Kysely sees them. Domain code never uses these directly: each
 * feature's repository maps rows to domain objects.
 *
 * Portable column conventions (the same on SQLite and PostgreSQL):
 * - ids are text (UUIDv7 made by the application);
 * - timestamps are ISO-8601 UTC text (`2026-01-05T09:00:00.000Z`), which sorts as it compares;
 * - booleans are integers 0/1;
 * - JSON values are text, read and written through `db/json.ts`.
 */
export interface TenantsTable {
  id: string;
  slug: string;
  name: string;
  time_zone: string;
  default_language: string;
  ou_isolation: number;
  created_at: string;
  updated_at: string;
}

export interface OusTable {
  tenant_id: string;
  id: string;
  name: string;
  parent_id: string | null;
  leader_ids: string;
  created_at: string;
  updated_at: string;
}

export interface RolesTable {
  tenant_id: string;
  id: string;
  name: string;
  permissions: string;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  tenant_id: string;
  id: string;
  email: string;
  name: string;
  password_hash: string;
  ou_id: string;
  phone: string | null;
  tenant_admin: number;
  disabled: number;
  language: string | null;
  time_zone: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRolesTable {
  tenant_id: string;
  user_id: string;
  role_id: string;
}

export interface SessionsTable {
  tenant_id: string;
  id: string;
  secret_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface ApiTokensTable {
  tenant_id: string;
  id: string;
  user_id: string;
  name: string;
  secret_hash: string;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

export interface SignInThrottleTable {
  key: string;
  failures: number;
  window_started_at: string;
  locked_until: string | null;
}

export interface IdempotencyKeysTable {
  tenant_id: string;
  user_id: string;
  route: string;
  key: string;
  request_hash: string;
  state: 'running' | 'done';
  status_code: number | null;
  response_body: string | null;
  created_at: string;
}

export interface Database {
  tenants: TenantsTable;
  ous: OusTable;
  roles: RolesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  sign_in_throttle: SignInThrottleTable;
  idempotency_keys: IdempotencyKeysTable;
}
