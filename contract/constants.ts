// Plain constants of the contract (limits and enumerations), without zod, so that the web UI can
// import them without putting a schema library into the browser bundle. The schema files re-export
// them.

/** Limits of SPEC §12, shared by the server's validation and the web forms. */
export const LIMITS = {
  nameMax: 64,
  freeTextMax: 2000,
  emailMax: 254,
  userNameMax: 80,
  phoneMax: 20,
  passwordMin: 12,
  passwordMax: 128,
  slugMin: 2,
  slugMax: 32,
  pageSizeMin: 1,
  pageSizeMax: 100,
  pageSizeDefault: 25,
} as const;

export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const ORIGINS = ['voice', 'video', 'webchat', 'whatsapp', 'email', 'web', 'api'] as const;
export type Origin = (typeof ORIGINS)[number];

export const CASE_STATES = ['open', 'suspended', 'cancelled', 'closed', 'merged'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** The operations of SPEC §5 that `POST /api/v1/cases/{id}/{operation}` accepts. */
export const CASE_OPERATIONS = [
  'follow',
  'unfollow',
  'urge',
  'upgrade',
  'downgrade',
  'suspend',
  'resume',
  'transfer',
  'claim',
  'cancel',
  'close',
  'restart',
  'status',
  'merge',
] as const;
export type CaseOperation = (typeof CASE_OPERATIONS)[number];

export const ABILITY_NAMES = [
  ...CASE_OPERATIONS,
  'edit',
  'comment',
  'attach',
  'createTask',
  'viewInternalRecords',
  'evaluate',
] as const;
export type AbilityName = (typeof ABILITY_NAMES)[number];

export const CASE_LIMITS = {
  titleMax: 128,
  descriptionMax: 20_000,
  commentMax: 20_000,
  remarkMax: 2000,
  contactPhoneMax: 20,
  searchMin: 2,
  searchMax: 200,
} as const;

export const VIEWS = ['todo', 'followed', 'created', 'processed', 'all'] as const;
export type CaseView = (typeof VIEWS)[number];

export const SORTS = [
  'dueAt',
  '-dueAt',
  'priority',
  '-priority',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
] as const;
export type CaseSort = (typeof SORTS)[number];

export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'choice', 'multiChoice'] as const;

export const PROCESS_LIMITS = { minStatuses: 1, maxStatuses: 20, statusMax: 32 } as const;

export const CUSTOM_FIELD_LIMITS = {
  maxFields: 50,
  labelMax: 64,
  maxOptions: 50,
  optionMax: 64,
  textValueMax: 2000,
} as const;

export const CUSTOMER_LIMITS = {
  nameMax: 80,
  maxPhones: 3,
  companyMax: 128,
  addressMax: 512,
  remarkMax: 2000,
} as const;

export const GENDERS = ['female', 'male', 'other', 'unknown'] as const;

export const ATTACHMENT_LIMITS = {
  maxFiles: 5,
  /** 5 MB means 5 MiB (SPEC §13). */
  maxBytes: 5 * 1024 * 1024,
  nameMax: 200,
  extensions: ['jpg', 'jpeg', 'png', 'gif', 'pdf', 'doc', 'docx'],
} as const;

export const TASK_STATUSES = ['pending', 'processing', 'completed'] as const;

export const TASK_LIMITS = {
  titleMax: 128,
  descriptionMax: 20_000,
  recordTitleMax: 128,
  recordBodyMax: 20_000,
} as const;

export const TASK_VIEWS = ['todo', 'processed', 'created'] as const;

export const INTERNAL_RECORD_MAX = 20_000;

export const CONTACT_CHANNELS = ['voice', 'video', 'webchat', 'whatsapp', 'email'] as const;

export const CONTACT_DIRECTIONS = ['inbound', 'outbound'] as const;

export const CONTACT_WINDOW_MS = 7 * 24 * 3_600_000;

export const TEMPLATE_KINDS = ['automatic', 'reminder', 'customer', 'slaWarning', 'slaTimeout'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const CHANNELS = ['email', 'sms'] as const;
export type Channel = (typeof CHANNELS)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

export const TEMPLATE_LIMITS = { subjectMax: 200, bodyMax: 20_000, smsBodyTemplateMax: 5_000 } as const;

/** The variables of API.md a reminder template may use; `customFields.<key>` is matched by pattern. */
export const TEMPLATE_VARIABLES = [
  'case.no',
  'case.title',
  'case.state',
  'case.status',
  'case.priority',
  'case.dueAt',
  'case.link',
  'case.type',
  'owner.name',
  'customer.name',
  'evaluation.link',
] as const;

/** Limits of calendars and SLA rules (they also bound the business-time arithmetic). */
export const SLA_LIMITS = {
  maxWeeklyIntervals: 70,
  maxHolidays: 1000,
  /** One year, in minutes. */
  targetMaxMinutes: 525_600,
} as const;

export const ASSIGNMENT_ATTRIBUTES = [
  'title',
  'description',
  'typeId',
  'priority',
  'origin',
  'customerOuId',
] as const;

export const ASSIGNMENT_MAX_ITEMS = 10;
