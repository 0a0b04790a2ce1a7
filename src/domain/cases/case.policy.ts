import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { AbilityName } from '../../../contract/cases.js';
import { ABILITY_NAMES } from '../../../contract/cases.js';
import type { Executor } from '../../db/connection.js';
import type { Database } from '../../db/schema.js';
import { hasPermission, type Actor } from '../context.js';
import { queueIdsOfUser } from '../config/queues.repository.js';
import { ouScopeOf } from '../org/ou-scope.js';
import { AppError, forbidden } from '../shared/errors.js';
import { isQueueOwned, type Case, type CaseTypeRules } from './case.js';
import { allowedInState, CASE_RULES, NOT_YET_AVAILABLE, type Requirement } from './transitions.js';

/** The caller with what case access depends on, loaded once per request. */
export interface CaseViewer {
  actor: Actor;
  queueIds: ReadonlySet<string>;
  /** OUs reachable through `case.queryAll`; null = all. */
  ouScope: ReadonlySet<string> | null;
  /** Cases the caller sees through a task of theirs, where that has been looked up. */
  taskCaseIds?: ReadonlySet<string>;
}

export async function caseViewerOf(db: Executor, actor: Actor): Promise<CaseViewer> {
  const [queueIds, ouScope] = await Promise.all([
    queueIdsOfUser(db, actor.tenantId, actor.userId),
    ouScopeOf(db, actor),
  ]);
  return { actor, queueIds: new Set(queueIds), ouScope };
}

function reachesThroughPermission(viewer: CaseViewer, c: Pick<Case, 'ouId'>): boolean {
  if (!hasPermission(viewer.actor, 'case.queryAll')) return false;
  return viewer.ouScope === null || (c.ouId !== null && viewer.ouScope.has(c.ouId));
}

/**
 * Who may see a case (SPEC §2): tenant administrators; its owner, creator and the members of its
 * queue, whatever their OU; holders of `case.queryAll` within their OU scope.
 */
export function canViewCase(
  viewer: CaseViewer,
  c: Pick<Case, 'ownerId' | 'creatorId' | 'queueId' | 'ouId'>,
): boolean {
  const { actor } = viewer;
  if (actor.tenantAdmin) return true;
  if (c.ownerId === actor.userId || c.creatorId === actor.userId) return true;
  if (c.queueId !== null && viewer.queueIds.has(c.queueId)) return true;
  if ('id' in c && typeof c.id === 'string' && viewer.taskCaseIds?.has(c.id)) return true;
  return reachesThroughPermission(viewer, c);
}

/**
 * Task handlers see the case of their task (SPEC §13): whoever holds or once held a task of it, and,
 * for a task given only to an OU, every member of that OU.
 */
export async function hasTaskAccess(db: Executor, viewer: CaseViewer, caseId: string): Promise<boolean> {
  const { tenantId, userId, ouId } = viewer.actor;
  const handled = await db
    .selectFrom('task_handlers')
    .select('task_id')
    .where('tenant_id', '=', tenantId)
    .where('user_id', '=', userId)
    .where('case_id', '=', caseId)
    .limit(1)
    .executeTakeFirst();
  if (handled) return true;
  const ouTask = await db
    .selectFrom('case_tasks')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('case_id', '=', caseId)
    .where('owner_id', 'is', null)
    .where('ou_id', '=', ouId)
    .limit(1)
    .executeTakeFirst();
  return ouTask !== undefined;
}

/** `canViewCase`, including access through tasks (which needs the database). */
export async function canViewCaseAt(db: Executor, viewer: CaseViewer, c: Case): Promise<boolean> {
  return canViewCase(viewer, c) || (await hasTaskAccess(db, viewer, c.id));
}

/** The same rule as `canViewCaseAt`, as a SQL condition on `cases` for lists; null when it filters nothing. */
export function visibleCasesCondition(
  viewer: CaseViewer,
): ((eb: ExpressionBuilder<Database, 'cases'>) => Expression<SqlBool>) | null {
  const { actor } = viewer;
  if (actor.tenantAdmin) return null;
  const permissionReach = hasPermission(actor, 'case.queryAll');
  if (permissionReach && viewer.ouScope === null) return null;
  return (eb) => {
    const conditions: Expression<SqlBool>[] = [
      eb('cases.owner_id', '=', actor.userId),
      eb('cases.creator_id', '=', actor.userId),
    ];
    if (viewer.queueIds.size > 0) conditions.push(eb('cases.queue_id', 'in', [...viewer.queueIds]));
    if (permissionReach && viewer.ouScope && viewer.ouScope.size > 0)
      conditions.push(eb('cases.ou_id', 'in', [...viewer.ouScope]));
    return eb.or(conditions);
  };
}

function meetsRequirement(viewer: CaseViewer, c: Case, requirement: Requirement): boolean {
  const { actor } = viewer;
  if (requirement === 'ownerOrAdmin') return actor.tenantAdmin || c.ownerId === actor.userId;
  if (c.ownerId === actor.userId || actor.tenantAdmin) return true;
  if (requirement === 'viewer') return canViewCase(viewer, c);
  if (requirement === 'queueMember') return c.queueId !== null && viewer.queueIds.has(c.queueId);
  return hasPermission(actor, requirement.permission) && canViewCase(viewer, c);
}

/** 403 when the caller may see the case but not do this to it. */
export function assertMayOperate(viewer: CaseViewer, c: Case, operation: AbilityName): void {
  const rule = CASE_RULES[operation];
  if (!meetsRequirement(viewer, c, rule.requires)) {
    const requirement = rule.requires;
    throw forbidden(
      typeof requirement === 'object'
        ? `This needs the ${requirement.permission} permission or being the case's owner.`
        : requirement === 'queueMember'
          ? "Only members of the case's queue may claim it."
          : 'You may not do this to the case.',
    );
  }
}

/** 409 `case_invalid_transition` when the case's state does not allow the operation. */
export function assertAllowedInState(c: Case, operation: AbilityName): void {
  if (!allowedInState(operation, c.state)) {
    throw new AppError('case_invalid_transition', `A ${c.state} case cannot be ${describe(operation)}.`);
  }
}

function describe(operation: AbilityName): string {
  const words: Partial<Record<AbilityName, string>> = {
    status: 'moved to another status',
    suspend: 'suspended',
    resume: 'resumed',
    cancel: 'cancelled',
    close: 'closed',
    restart: 'restarted',
    transfer: 'transferred',
    claim: 'claimed',
    upgrade: 'upgraded',
    downgrade: 'downgraded',
    urge: 'urged',
    merge: 'merged',
    edit: 'edited',
    comment: 'commented on',
    attach: 'given attachments',
    createTask: 'given new tasks',
    evaluate: 'evaluated',
  };
  return words[operation] ?? operation;
}

/**
 * The `abilities` map of a case response: the caller's rights, the state, the last-status rule and
 * the priority limits (SPEC §13). Open tasks, the urge interval and templates are checked on call.
 */
export function abilitiesOf(
  viewer: CaseViewer,
  c: Case,
  type: CaseTypeRules,
  followed: boolean,
): Record<AbilityName, boolean> {
  const statusIndex = type.process.indexOf(c.status);
  const extra: Partial<Record<AbilityName, boolean>> = {
    status: type.strictOrder
      ? statusIndex >= 0 && statusIndex < type.process.length - 1
      : type.process.length > 1,
    close: statusIndex === type.process.length - 1,
    upgrade: c.priority !== 'critical',
    downgrade: c.priority !== 'low',
    claim: isQueueOwned(c),
    follow: !followed,
    unfollow: followed,
  };
  const result = {} as Record<AbilityName, boolean>;
  for (const name of ABILITY_NAMES) {
    result[name] =
      !NOT_YET_AVAILABLE.has(name) &&
      allowedInState(name, c.state) &&
      meetsRequirement(viewer, c, CASE_RULES[name].requires) &&
      (extra[name] ?? true);
  }
  return result;
}
