import type { AssignmentItem } from '../../../contract/assignment.js';
import type { AssignmentRule, AssignmentTarget } from './assignment-rule.repository.js';

/** What a new case offers the rule's conditions. */
export interface NewCaseFacts {
  title: string;
  description: string;
  typeId: string;
  priority: string;
  origin: string;
  customerOuId: string | null;
}

function matches(item: AssignmentItem, facts: NewCaseFacts): boolean {
  const actual = facts[item.attribute];
  if (actual === null) return false;
  if (item.condition === 'contains')
    return actual.toLocaleLowerCase().includes(item.value.toLocaleLowerCase());
  return actual === item.value;
}

/** The first matching item's target, else the rule's default owner (SPEC §3: first match wins). */
export function chooseOwner(rule: AssignmentRule, facts: NewCaseFacts): AssignmentTarget {
  const item = rule.items.find((i) => matches(i, facts));
  return item
    ? { ...(item.ownerId ? { ownerId: item.ownerId } : { queueId: item.queueId }) }
    : rule.defaultOwner;
}
