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
  case_types: CaseTypesTable;
  queues: QueuesTable;
  queue_members: QueueMembersTable;
  customers: CustomersTable;
  case_counters: CaseCountersTable;
  cases: CasesTable;
  case_track: CaseTrackTable;
  case_actors: CaseActorsTable;
  case_follows: CaseFollowsTable;
  case_search_terms: CaseSearchTermsTable;
  attachment_budgets: AttachmentBudgetsTable;
  attachments: AttachmentsTable;
  attachment_contents: AttachmentContentsTable;
  case_tasks: CaseTasksTable;
  task_handlers: TaskHandlersTable;
  task_records: TaskRecordsTable;
  internal_records: InternalRecordsTable;
  contact_records: ContactRecordsTable;
  evaluations: EvaluationsTable;
  signing_keys: SigningKeysTable;
  calendars: CalendarsTable;
  sla_rules: SlaRulesTable;
  reminder_templates: ReminderTemplatesTable;
  notification_channels: NotificationChannelsTable;
  notifications: NotificationsTable;
  sla_marks: SlaMarksTable;
  case_urges: CaseUrgesTable;
  assignment_rules: AssignmentRulesTable;
}

export interface CaseTypesTable {
  tenant_id: string;
  id: string;
  name: string;
  description: string;
  parent_id: string | null;
  ou_id: string | null;
  process: string;
  strict_order: number;
  verify_tasks: number;
  enabled: number;
  custom_fields: string;
  created_at: string;
  updated_at: string;
}

export interface QueuesTable {
  tenant_id: string;
  id: string;
  name: string;
  ou_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface QueueMembersTable {
  tenant_id: string;
  queue_id: string;
  user_id: string;
}

export interface CustomersTable {
  tenant_id: string;
  id: string;
  name: string;
  gender: string | null;
  phones: string;
  email: string | null;
  company: string | null;
  address: string | null;
  remark: string | null;
  ou_id: string | null;
  search_text: string;
  created_at: string;
  updated_at: string;
}

export interface CaseCountersTable {
  tenant_id: string;
  last_no: number;
}

export interface CasesTable {
  tenant_id: string;
  id: string;
  case_no: number;
  type_id: string;
  title: string;
  description: string;
  priority: string;
  priority_rank: number;
  original_priority: string;
  origin: string;
  customer_id: string;
  contact_phone: string | null;
  owner_id: string | null;
  queue_id: string | null;
  creator_id: string;
  ou_id: string | null;
  state: string;
  status: string;
  prior_state: string | null;
  prior_status: string | null;
  reopen_count: number;
  suspended_ms: number;
  /** When the current pause (suspension or cancellation) began; null while the clock runs. */
  paused_at: string | null;
  merged_into_id: string | null;
  interaction_id: string | null;
  customer_notify: string;
  custom_fields: string;
  due_at: string | null;
  due_at_source: string | null;
  /** `due_at`, or a far-future value when there is none: the portable sort key. */
  due_sort: string;
  /** The last start of the SLA clock: creation or the latest restart. */
  sla_started_at: string;
  /** Time paused since `sla_started_at`, for recomputing an SLA due time on upgrade. */
  paused_ms_since_start: number;
  /** When the SLA warning is due (null without a rule or due time); the sweep's index. */
  sla_warn_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

export interface CaseTrackTable {
  tenant_id: string;
  id: string;
  case_id: string;
  kind: string;
  actor_id: string | null;
  at: string;
  remark: string | null;
  changes: string | null;
  body: string | null;
}

export interface CaseActorsTable {
  tenant_id: string;
  user_id: string;
  case_id: string;
  last_at: string;
}

export interface CaseFollowsTable {
  tenant_id: string;
  user_id: string;
  case_id: string;
  created_at: string;
}

/** One row per case and term, whether the term is in the case's text, its comments or both. */
export interface CaseSearchTermsTable {
  tenant_id: string;
  term: string;
  /** The case's `created_at` (it never changes): the index keeps each term's cases in this order. */
  case_created_at: string;
  case_id: string;
}

export type AttachmentOwnerKind = 'case' | 'task' | 'record';

export interface AttachmentBudgetsTable {
  tenant_id: string;
  owner_kind: AttachmentOwnerKind;
  owner_id: string;
  files: number;
  bytes: number;
}

export interface AttachmentsTable {
  tenant_id: string;
  id: string;
  owner_kind: AttachmentOwnerKind;
  owner_id: string;
  /** The case the owner belongs to, for access checks. */
  case_id: string;
  name: string;
  size: number;
  mime: string;
  storage: 'fs' | 'db';
  storage_key: string;
  uploader_id: string;
  created_at: string;
}

export interface AttachmentContentsTable {
  tenant_id: string;
  storage_key: string;
  content: Buffer;
}

export interface CaseTasksTable {
  tenant_id: string;
  id: string;
  case_id: string;
  title: string;
  description: string;
  owner_id: string | null;
  ou_id: string | null;
  priority: string;
  due_at: string | null;
  status: string;
  creator_id: string;
  created_at: string;
  updated_at: string;
  completed_at: string | null;
}

export interface TaskHandlersTable {
  tenant_id: string;
  user_id: string;
  task_id: string;
  case_id: string;
}

export interface TaskRecordsTable {
  tenant_id: string;
  id: string;
  task_id: string;
  title: string;
  body: string;
  author_id: string;
  created_at: string;
}

export interface InternalRecordsTable {
  tenant_id: string;
  id: string;
  case_id: string;
  body: string;
  author_id: string;
  created_at: string;
}

export interface ContactRecordsTable {
  tenant_id: string;
  id: string;
  channel: string;
  direction: string;
  caller: string;
  callee: string;
  agent_id: string | null;
  customer_id: string | null;
  started_at: string;
  ended_at: string | null;
  summary: string | null;
  creator_id: string;
  created_at: string;
}

export interface EvaluationsTable {
  tenant_id: string;
  id: string;
  case_id: string;
  closing: number;
  rating: number;
  comment: string | null;
  source: 'agent' | 'customer';
  actor_id: string | null;
  created_at: string;
}

export interface SigningKeysTable {
  id: string;
  secret: string;
  created_at: string;
}

export interface CalendarsTable {
  tenant_id: string;
  id: string;
  name: string;
  time_zone: string;
  /** JSON: [{day: 1-7, from: "HH:MM", to: "HH:MM"}] */
  weekly: string;
  /** JSON: ["YYYY-MM-DD"] */
  holidays: string;
  created_at: string;
  updated_at: string;
}

export interface SlaRulesTable {
  tenant_id: string;
  id: string;
  name: string;
  /** null: the tenant's default rule */
  case_type_id: string | null;
  /** JSON: {critical, high, medium, low} in minutes */
  targets: string;
  warn_before_minutes: number;
  calendar_id: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface ReminderTemplatesTable {
  tenant_id: string;
  id: string;
  name: string;
  kind: string;
  channel: string;
  subject: string | null;
  body: string;
  enabled: number;
  created_at: string;
  updated_at: string;
}

export interface NotificationChannelsTable {
  tenant_id: string;
  /** JSON: {host, port, secure, user, password, from} or null */
  smtp: string | null;
  /** JSON: {url, authHeader, bodyTemplate} or null */
  sms: string | null;
  updated_at: string;
}

export interface NotificationsTable {
  tenant_id: string;
  id: string;
  case_id: string | null;
  kind: string;
  channel: string;
  recipient: string | null;
  recipient_user_id: string | null;
  subject: string | null;
  body: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  claimed_until: string | null;
  last_error: string | null;
  message_id: string;
  dedupe_key: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface SlaMarksTable {
  tenant_id: string;
  case_id: string;
  kind: 'slaWarning' | 'slaTimeout';
  due_at: string;
  created_at: string;
}

export interface CaseUrgesTable {
  tenant_id: string;
  case_id: string;
  last_urged_at: string;
}

export interface AssignmentRulesTable {
  tenant_id: string;
  active: number;
  /** JSON: {ownerId} | {queueId} */
  default_owner: string;
  /** JSON: [{attribute, condition, value, ownerId | queueId}] */
  items: string;
  updated_at: string;
}
