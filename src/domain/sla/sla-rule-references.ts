import type { Executor } from '../../db/connection.js';
import { findCaseType } from '../config/case-types.repository.js';
import { AppError, invalidField } from '../shared/errors.js';
import type { SlaRule } from './calendar.js';
import { findCalendar } from './calendars.repository.js';
import { findActiveSlaRule } from './sla-rules.repository.js';

/** The rule's case type and calendar must be the tenant's (400 naming the field, SPEC §13). */
export async function assertRuleReferencesExist(
  db: Executor,
  tenantId: string,
  refs: { caseTypeId?: string | null | undefined; calendarId?: string | null | undefined },
): Promise<void> {
  if (refs.caseTypeId && !(await findCaseType(db, tenantId, refs.caseTypeId)))
    throw invalidField('caseTypeId', 'No such case type.');
  if (refs.calendarId && !(await findCalendar(db, tenantId, refs.calendarId)))
    throw invalidField('calendarId', 'No such calendar.');
}

/** At most one active rule per case type and one active tenant default: another is 409 `sla_rule_conflict`. */
export async function assertNoActiveRuleConflict(db: Executor, rule: SlaRule): Promise<void> {
  if (!rule.active) return;
  const other = await findActiveSlaRule(db, rule.tenantId, rule.caseTypeId);
  if (other && other.id !== rule.id) {
    throw new AppError(
      'sla_rule_conflict',
      rule.caseTypeId === null
        ? `The SLA rule "${other.name}" is already the active tenant default.`
        : `The SLA rule "${other.name}" is already active for this case type.`,
    );
  }
}
