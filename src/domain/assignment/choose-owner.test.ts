import { describe, expect, it } from 'vitest';
import type { AssignmentRule } from './assignment-rule.repository.js';
import { chooseOwner, type NewCaseFacts } from './choose-owner.js';

const rule: AssignmentRule = {
  tenantId: 't',
  active: true,
  defaultOwner: { queueId: 'q-default' },
  items: [
    { attribute: 'title', condition: 'contains', value: '退款', ownerId: 'refunds' },
    { attribute: 'priority', condition: 'equals', value: 'critical', ownerId: 'escalations' },
    { attribute: 'title', condition: 'contains', value: 'REFUND', queueId: 'q-refunds' },
    { attribute: 'customerOuId', condition: 'equals', value: 'ou-vip', ownerId: 'vip-desk' },
  ],
  updatedAt: '2026-01-01T00:00:00.000Z',
};
const facts = (over: Partial<NewCaseFacts>): NewCaseFacts => ({
  title: 'Hello',
  description: '',
  typeId: 'ty',
  priority: 'low',
  origin: 'web',
  customerOuId: null,
  ...over,
});

describe('chooseOwner', () => {
  it('takes the first matching item', () => {
    expect(chooseOwner(rule, facts({ title: '申请退款失败', priority: 'critical' }))).toEqual({
      ownerId: 'refunds',
    });
    expect(chooseOwner(rule, facts({ title: 'refund please', priority: 'critical' }))).toEqual({
      ownerId: 'escalations',
    });
  });

  it('matches text case-insensitively and other attributes exactly', () => {
    expect(chooseOwner(rule, facts({ title: 'Refund please' }))).toEqual({ queueId: 'q-refunds' });
    expect(chooseOwner(rule, facts({ customerOuId: 'ou-vip' }))).toEqual({ ownerId: 'vip-desk' });
    expect(chooseOwner(rule, facts({ customerOuId: 'ou-vip-2' }))).toEqual({ queueId: 'q-default' });
  });

  it('falls back to the default owner', () => {
    expect(chooseOwner(rule, facts({}))).toEqual({ queueId: 'q-default' });
  });
});
