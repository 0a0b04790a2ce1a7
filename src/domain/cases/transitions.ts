import type { AbilityName, CaseState } from '../../../contract/cases.js';
import { CASE_STATES } from '../../../contract/cases.js';
import type { Permission } from '../../../contract/permissions.js';

/**
 * Who may do an operation besides the case's owner (who may do every operation):
 * - a permission: holders of it (on cases they can see);
 * - `viewer`: anyone who can see the case;
 * - `queueMember`: members of the queue that owns the case (and tenant administrators).
 */
export type Requirement = { permission: Permission } | 'viewer' | 'queueMember' | 'ownerOrAdmin';

export interface OperationRule {
  /** States in which the operation is allowed; anything else is 409 `case_invalid_transition`. */
  from: readonly CaseState[];
  requires: Requirement;
}

const LIVE: readonly CaseState[] = ['open', 'suspended'];
const ANY: readonly CaseState[] = CASE_STATES;

/**
 * The lifecycle of SPEC §5 as data. Commands, the policy, `abilities` and the tests all read this
 * table; where the resulting state is not simply "the same", the command says what it becomes.
 */
export const CASE_RULES: Record<AbilityName, OperationRule> = {
  status: { from: ['open'], requires: { permission: 'case.edit' } },
  suspend: { from: ['open'], requires: { permission: 'case.suspend' } },
  resume: { from: ['suspended', 'cancelled'], requires: { permission: 'case.resume' } },
  cancel: { from: LIVE, requires: { permission: 'case.cancel' } },
  close: { from: ['open'], requires: { permission: 'case.close' } },
  restart: { from: ['closed'], requires: { permission: 'case.restart' } },
  transfer: { from: LIVE, requires: { permission: 'case.transfer' } },
  claim: { from: LIVE, requires: 'queueMember' },
  upgrade: { from: LIVE, requires: { permission: 'case.upgrade' } },
  downgrade: { from: LIVE, requires: { permission: 'case.upgrade' } },
  urge: { from: LIVE, requires: 'viewer' },
  follow: { from: ANY, requires: 'viewer' },
  unfollow: { from: ANY, requires: 'viewer' },
  merge: { from: LIVE, requires: { permission: 'case.merge' } },
  edit: { from: LIVE, requires: { permission: 'case.edit' } },
  comment: { from: ['open', 'suspended', 'cancelled', 'closed'], requires: 'viewer' },
  attach: { from: LIVE, requires: 'viewer' },
  createTask: { from: LIVE, requires: { permission: 'case.edit' } },
  viewInternalRecords: { from: ANY, requires: 'ownerOrAdmin' },
  evaluate: { from: ['closed'], requires: 'viewer' },
};

/** Abilities whose operations are not built yet stay false (they arrive with their features). */
export const NOT_YET_AVAILABLE: ReadonlySet<AbilityName> = new Set<AbilityName>([]);

export function allowedInState(operation: AbilityName, state: CaseState): boolean {
  return CASE_RULES[operation].from.includes(state);
}
