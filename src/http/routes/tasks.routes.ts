import { idParams, listOf, pageQuery } from '../../../contract/common.js';
import {
  attachmentSchema,
  createTaskBody,
  createTaskRecordBody,
  taskListQuery,
  taskRecordSchema,
  taskSchema,
  taskStatusBody,
  transferTaskBody,
  updateTaskBody,
} from '../../../contract/details.js';
import type { ErrorCode } from '../../../contract/errors.js';
import { presentAttachment } from '../../domain/attachments/attachment.presenter.js';
import { listAttachments } from '../../domain/attachments/attachments.repository.js';
import { addAttachment } from '../../domain/attachments/commands/add-attachment.js';
import { canViewCaseAt, caseViewerOf } from '../../domain/cases/case.policy.js';
import type { Case } from '../../domain/cases/case.js';
import { findCase } from '../../domain/cases/cases.repository.js';
import type { Actor, AppContext } from '../../domain/context.js';
import { notFound } from '../../domain/shared/errors.js';
import { addTaskRecord } from '../../domain/tasks/commands/add-task-record.js';
import { changeTaskStatus } from '../../domain/tasks/commands/change-task-status.js';
import { createTask } from '../../domain/tasks/commands/create-task.js';
import { transferTask } from '../../domain/tasks/commands/transfer-task.js';
import { updateTask } from '../../domain/tasks/commands/update-task.js';
import type { Task } from '../../domain/tasks/task.js';
import { assertTaskWorker, assertTaskWritable } from '../../domain/tasks/task.policy.js';
import { presentTask, presentTaskRecord } from '../../domain/tasks/task.presenter.js';
import {
  findTask,
  pageCaseTasks,
  pageTaskRecords,
  pageTasksOfView,
  type Page,
} from '../../domain/tasks/tasks.repository.js';
import { route, type RouteDefinition } from '../route.js';
import { assertMultipart, receiveUpload } from '../uploads.js';
import { UPLOAD_ERRORS } from './attachments.routes.js';
import { loadCase } from './cases.routes.js';

interface LoadedTask {
  case: Case;
  task: Task;
}

/**
 * Finds a task whose case the caller may see (SPEC §13: whoever may see the case reads its tasks);
 * anything else, another tenant's task included, is 404 like a task that does not exist.
 */
async function loadTask(ctx: AppContext, actor: Actor, params: Record<string, string>): Promise<LoadedTask> {
  const [viewer, found] = await Promise.all([
    caseViewerOf(ctx.db, actor),
    findTask(ctx.db, actor.tenantId, params.id ?? ''),
  ]);
  if (!found) throw notFound('The task');
  const c = await findCase(ctx.db, actor.tenantId, found.task.caseId);
  if (!c || !(await canViewCaseAt(ctx.db, viewer, c))) throw notFound('The task');
  // Task rules look at the actor and the case only (not at how the case is seen), so no viewer is kept.
  return { case: c, task: found.task };
}

function presentPage<T, J>(page: Page<T>, present: (item: T) => J) {
  return {
    items: page.items.map(present),
    nextCursor: page.nextCursor,
    total: page.total,
    ...(page.totalCapped ? { totalCapped: true } : {}),
  };
}

/** Task writes: the caller's right (403), the case's state (409), a lost race with another write (409). */
const TASK_WRITE_ERRORS: readonly ErrorCode[] = ['forbidden', 'case_invalid_transition', 'version_conflict'];

export const taskRoutes: RouteDefinition[] = [
  route({
    method: 'GET',
    path: '/api/v1/cases/:id/tasks',
    operationId: 'listCaseTasks',
    summary: "The case's tasks, oldest first (the Case Task tab)",
    tags: ['tasks'],
    policy: { access: 'signedIn' },
    params: idParams,
    query: pageQuery,
    load: loadCase,
    response: { status: 200, schema: listOf(taskSchema) },
    async handle({ ctx, actor, loaded, query }) {
      const page = await pageCaseTasks(ctx.db, actor.tenantId, loaded.case.id, query);
      return presentPage(page, (item) => presentTask(actor, item));
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/cases/:id/tasks',
    operationId: 'createTask',
    summary: 'Give the case a task for a user and/or an OU (case owner, case.edit, tenant administrators)',
    tags: ['tasks'],
    policy: { access: 'signedIn' },
    params: idParams,
    body: createTaskBody,
    load: loadCase,
    response: { status: 201, schema: taskSchema },
    errors: ['forbidden', 'case_invalid_transition'],
    idempotent: true,
    async handle({ ctx, actor, loaded, body, reply }) {
      const created = await createTask(ctx, loaded.viewer, loaded.case, body);
      reply.header('location', `/api/v1/tasks/${created.task.id}`);
      return presentTask(actor, created);
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/tasks',
    operationId: 'listTasks',
    summary: 'Tasks views: to do, processed, created by me; filtered by status and case, paged by cursor',
    tags: ['tasks'],
    policy: { access: 'signedIn' },
    query: taskListQuery,
    response: { status: 200, schema: listOf(taskSchema) },
    async handle({ ctx, actor, query }) {
      const viewer = await caseViewerOf(ctx.db, actor);
      const page = await pageTasksOfView(ctx.db, viewer, query);
      return presentPage(page, (item) => presentTask(actor, item));
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/tasks/:id',
    operationId: 'getTask',
    summary: 'One task with what the caller may do to it',
    tags: ['tasks'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadTask,
    response: { status: 200, schema: taskSchema },
    handle: ({ actor, loaded }) =>
      Promise.resolve(presentTask(actor, { task: loaded.task, parent: loaded.case })),
  }),
  route({
    method: 'PATCH',
    path: '/api/v1/tasks/:id',
    operationId: 'updateTask',
    summary: "Edit a task's title, description, priority or due time (creator, owner, case owner)",
    tags: ['tasks'],
    policy: { access: 'signedIn' },
    params: idParams,
    body: updateTaskBody,
    load: loadTask,
    response: { status: 200, schema: taskSchema },
    errors: TASK_WRITE_ERRORS,
    async handle({ ctx, actor, loaded, body }) {
      return presentTask(actor, await updateTask(ctx, actor, loaded.case, loaded.task, body));
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/tasks/:id/transfer',
    operationId: 'transferTask',
    summary: 'Hand the task on to another owner (creator, owner, case owner)',
    tags: ['tasks'],
    policy: { access: 'signedIn' },
    params: idParams,
    body: transferTaskBody,
    load: loadTask,
    response: { status: 200, schema: taskSchema },
    errors: TASK_WRITE_ERRORS,
    async handle({ ctx, actor, loaded, body }) {
      return presentTask(actor, await transferTask(ctx, actor, loaded.case, loaded.task, body));
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/tasks/:id/status',
    operationId: 'changeTaskStatus',
    summary: 'Move the task to pending, processing or completed (its owner, or its OU for an OU task)',
    tags: ['tasks'],
    policy: { access: 'signedIn' },
    params: idParams,
    body: taskStatusBody,
    load: loadTask,
    response: { status: 200, schema: taskSchema },
    errors: TASK_WRITE_ERRORS,
    async handle({ ctx, actor, loaded, body }) {
      return presentTask(actor, await changeTaskStatus(ctx, actor, loaded.case, loaded.task, body));
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/tasks/:id/records',
    operationId: 'listTaskRecords',
    summary: "The task's handling records, oldest first",
    tags: ['tasks'],
    policy: { access: 'signedIn' },
    params: idParams,
    query: pageQuery,
    load: loadTask,
    response: { status: 200, schema: listOf(taskRecordSchema) },
    async handle({ ctx, loaded, query }) {
      const page = await pageTaskRecords(ctx.db, loaded.task.tenantId, loaded.task.id, query);
      return presentPage(page, presentTaskRecord);
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/tasks/:id/records',
    operationId: 'addTaskRecord',
    summary: 'Add a handling record to the task (those who work it)',
    tags: ['tasks'],
    policy: { access: 'signedIn' },
    params: idParams,
    body: createTaskRecordBody,
    load: loadTask,
    response: { status: 201, schema: taskRecordSchema },
    errors: ['forbidden', 'case_invalid_transition'],
    idempotent: true,
    async handle({ ctx, actor, loaded, body }) {
      return presentTaskRecord(await addTaskRecord(ctx, actor, loaded.case, loaded.task, body));
    },
  }),
  route({
    method: 'GET',
    path: '/api/v1/tasks/:id/attachments',
    operationId: 'listTaskAttachments',
    summary: "The task's own attachments, oldest first (not the case's)",
    tags: ['tasks', 'attachments'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadTask,
    response: { status: 200, schema: listOf(attachmentSchema) },
    async handle({ ctx, loaded }) {
      // At most five per task (SPEC §13), so one page holds them all.
      const items = await listAttachments(ctx.db, loaded.task.tenantId, { kind: 'task', id: loaded.task.id });
      return { items: items.map(presentAttachment), nextCursor: null, total: items.length };
    },
  }),
  route({
    method: 'POST',
    path: '/api/v1/tasks/:id/attachments',
    operationId: 'addTaskAttachment',
    summary: 'Attach one file to the task (multipart/form-data, field "file"; those who work the task)',
    description:
      'The body is `multipart/form-data` with the file in the field `file`. A task has its own budget of ' +
      "5 files and 5 MiB, with the same file types and name cleaning as case attachments. The task's " +
      'owner (or, for a task given only to an OU, any member of that OU) and tenant administrators may ' +
      'attach while the case is open or suspended.',
    tags: ['tasks', 'attachments'],
    policy: { access: 'signedIn' },
    params: idParams,
    load: loadTask,
    response: { status: 201, schema: attachmentSchema },
    errors: UPLOAD_ERRORS,
    upload: { field: 'file' },
    async handle({ ctx, actor, loaded, request }) {
      // SPEC §13's order, all before a byte of the body is read: 400 (not multipart), 403 (works the
      // task), 409 (the case's state; addAttachment checks it again inside its transaction).
      assertMultipart(request);
      assertTaskWorker(actor, loaded.task);
      assertTaskWritable(loaded.case);
      const upload = await receiveUpload(request);
      const attachment = await addAttachment(
        ctx,
        actor,
        { tenantId: loaded.task.tenantId, kind: 'task', id: loaded.task.id, caseId: loaded.case.id },
        upload,
      );
      return presentAttachment(attachment);
    },
  }),
];
