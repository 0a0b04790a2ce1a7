// Response and request shapes, taken from the server's contract as types only: nothing of zod
// reaches the browser bundle.
import type { z } from 'zod';
import type { assignmentRuleBody, assignmentRuleSchema } from '../../../contract/assignment';
import type {
  caseCountsSchema,
  caseListItemSchema,
  caseSchema,
  createCaseBody,
  editCaseBody,
  trackEntrySchema,
} from '../../../contract/cases';
import type {
  caseTypeSchema,
  createCaseTypeBody,
  createQueueBody,
  customFieldSchema,
  queueSchema,
} from '../../../contract/config';
import type { createCustomerBody, customerSchema } from '../../../contract/customers';
import type {
  attachmentSchema,
  contactRecordSchema,
  createTaskBody,
  evaluationSchema,
  internalRecordSchema,
  publicEvaluationSchema,
  taskRecordSchema,
  taskSchema,
} from '../../../contract/details';
import type {
  channelsBody,
  channelsSchema,
  channelTestSchema,
  createTemplateBody,
  notificationSchema,
  previewSchema,
  templateSchema,
} from '../../../contract/notifications';
import type {
  apiTokenSchema,
  createdTokenSchema,
  createOuBody,
  createRoleBody,
  createUserBody,
  meSchema,
  ouSchema,
  permissionCatalogueSchema,
  roleSchema,
  tenantSchema,
  updateTenantBody,
  userSchema,
} from '../../../contract/org';
import type {
  calendarSchema,
  createCalendarBody,
  createSlaRuleBody,
  slaRuleSchema,
} from '../../../contract/sla';

export type {
  AbilityName,
  CaseOperation,
  CaseSort,
  CaseState,
  CaseView,
  Origin,
  Priority,
} from '../../../contract/cases';
export type { Language } from '../../../contract/common';
export type { Permission } from '../../../contract/permissions';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  total: number;
  totalCapped?: boolean;
}

export type Me = z.output<typeof meSchema>;
export type Tenant = z.output<typeof tenantSchema>;
export type TenantInput = z.input<typeof updateTenantBody>;
export type User = z.output<typeof userSchema>;
export type UserInput = z.input<typeof createUserBody>;
export type Ou = z.output<typeof ouSchema>;
export type OuInput = z.input<typeof createOuBody>;
export type Role = z.output<typeof roleSchema>;
export type RoleInput = z.input<typeof createRoleBody>;
export type PermissionCatalogue = z.output<typeof permissionCatalogueSchema>;
export type ApiToken = z.output<typeof apiTokenSchema>;
export type CreatedToken = z.output<typeof createdTokenSchema>;

export type Case = z.output<typeof caseSchema>;
export type CaseListItem = z.output<typeof caseListItemSchema>;
export type CaseCounts = z.output<typeof caseCountsSchema>;
export type CaseInput = z.input<typeof createCaseBody>;
export type CaseEdit = z.input<typeof editCaseBody>;
export type TrackEntry = z.output<typeof trackEntrySchema>;

export type CaseType = z.output<typeof caseTypeSchema>;
export type CaseTypeInput = z.input<typeof createCaseTypeBody>;
export type CustomField = z.output<typeof customFieldSchema>;
export type Queue = z.output<typeof queueSchema>;
export type QueueInput = z.input<typeof createQueueBody>;

export type Customer = z.output<typeof customerSchema>;
export type CustomerInput = z.input<typeof createCustomerBody>;

export type Attachment = z.output<typeof attachmentSchema>;
export type Task = z.output<typeof taskSchema>;
export type TaskInput = z.input<typeof createTaskBody>;
export type TaskRecord = z.output<typeof taskRecordSchema>;
export type InternalRecord = z.output<typeof internalRecordSchema>;
export type ContactRecord = z.output<typeof contactRecordSchema>;
export type Evaluation = z.output<typeof evaluationSchema>;
export type PublicEvaluation = z.output<typeof publicEvaluationSchema>;

export type Template = z.output<typeof templateSchema>;
export type TemplateInput = z.input<typeof createTemplateBody>;
export type TemplatePreview = z.output<typeof previewSchema>;
export type Channels = z.output<typeof channelsSchema>;
export type ChannelsInput = z.input<typeof channelsBody>;
export type ChannelTestResult = z.output<typeof channelTestSchema>;
export type Notification = z.output<typeof notificationSchema>;

export type Calendar = z.output<typeof calendarSchema>;
export type CalendarInput = z.input<typeof createCalendarBody>;
export type SlaRule = z.output<typeof slaRuleSchema>;
export type SlaRuleInput = z.input<typeof createSlaRuleBody>;
export type AssignmentRule = z.output<typeof assignmentRuleSchema>;
export type AssignmentRuleInput = z.input<typeof assignmentRuleBody>;
