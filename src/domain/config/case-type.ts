import type { CustomFieldDefinition } from '../../../contract/config.js';
import { hasPermission, type Actor } from '../context.js';

export interface CaseType {
  tenantId: string;
  id: string;
  name: string;
  description: string;
  parentId: string | null;
  ouId: string | null;
  /** The ordered statuses of the process; a new case starts in the first, closes from the last. */
  process: string[];
  strictOrder: boolean;
  verifyTasks: boolean;
  enabled: boolean;
  customFields: CustomFieldDefinition[];
  createdAt: string;
  updatedAt: string;
}

/**
 * Every signed-in user reads the enabled types (the case-creation picker needs them); a disabled type
 * is configuration out of use, seen only by those who manage configuration.
 */
export function seesDisabledCaseTypes(actor: Actor): boolean {
  return hasPermission(actor, 'config.manage');
}

export function isCaseTypeVisibleTo(actor: Actor, type: CaseType): boolean {
  return type.enabled || seesDisabledCaseTypes(actor);
}
