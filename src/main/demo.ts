import type { z } from 'zod';
import type { Writable } from 'node:stream';
import { createCaseTypeBody, createQueueBody } from '../../contract/config.js';
import type { Origin, Priority } from '../../contract/cases.js';
import { createCustomerBody } from '../../contract/customers.js';
import { loadActor } from '../domain/auth/actor.js';
import { caseViewerOf, type CaseViewer } from '../domain/cases/case.policy.js';
import type { Case } from '../domain/cases/case.js';
import type { CaseType } from '../domain/config/case-type.js';
import { cancelCase } from '../domain/cases/commands/cancel-case.js';
import { claimCase } from '../domain/cases/commands/claim-case.js';
import { closeCase } from '../domain/cases/commands/close-case.js';
import { commentOnCase } from '../domain/cases/commands/comment-on-case.js';
import { createCase } from '../domain/cases/commands/create-case.js';
import { setCaseFollowed } from '../domain/cases/commands/follow-case.js';
import { moveCaseStatus } from '../domain/cases/commands/move-case-status.js';
import { restartCase } from '../domain/cases/commands/restart-case.js';
import { suspendCase } from '../domain/cases/commands/suspend-case.js';
import { upgradeCase } from '../domain/cases/commands/upgrade-case.js';
import { createCaseType } from '../domain/config/commands/create-case-type.js';
import { createQueue } from '../domain/config/commands/create-queue.js';
import { createCustomer } from '../domain/customers/commands/create-customer.js';
import type { Actor, AppContext } from '../domain/context.js';
import { createOu } from '../domain/org/commands/create-ou.js';
import { createRole } from '../domain/org/commands/create-role.js';
import { createTenant } from '../domain/org/commands/create-tenant.js';
import { createUser } from '../domain/org/commands/create-user.js';
import { countTenants, findTenantBySlug } from '../domain/org/tenants.repository.js';

export const DEMO_TENANT = 'demo';
export const DEMO_ADMIN = { email: 'admin@demo.test', password: 'casedesk-demo-admin' };
export const DEMO_AGENT_PASSWORD = 'casedesk-demo-agent';

export interface DemoResult {
  text: string;
}

/** The demo's case types; the benchmark's generated tenant uses the same three. */
export const DEMO_CASE_TYPES: z.input<typeof createCaseTypeBody>[] = [
  { name: 'Complaint', process: ['Registered', 'Investigating', 'Resolved'], strictOrder: true },
  {
    name: 'Refund request',
    process: ['New', 'Checking', 'Refunding', 'Done'],
    customFields: [
      { key: 'orderNo', label: 'Order number', type: 'text', required: false },
      { key: 'amount', label: 'Amount', type: 'number', required: false },
    ],
  },
  { name: 'Technical support', process: ['Open', 'Diagnosing', 'Fixed'] },
];

const AGENTS = [
  { email: 'li.wei@demo.test', name: 'Li Wei', ou: 'support' },
  { email: 'zhang.min@demo.test', name: 'Zhang Min', ou: 'support' },
  { email: 'anna.schmidt@demo.test', name: 'Anna Schmidt', ou: 'billing' },
  { email: 'supervisor@demo.test', name: 'Wang Fang (supervisor)', ou: 'support' },
] as const;

const CUSTOMERS = [
  ['陈静', '+86 138 0013 8000', 'chen.jing@example.cn', '华信科技'],
  ['刘洋', '+86 139 1234 5678', 'liu.yang@example.cn', null],
  ['Maria Rossi', '+39 06 1234 5678', 'maria.rossi@example.it', 'Rossi Import'],
  ['John Miller', '+1 415 555 0100', 'john.miller@example.com', 'Miller & Sons'],
  ['王磊', '+86 137 0000 1111', 'wang.lei@example.cn', '东方物流'],
  ['Sofia Novak', '+420 601 123 456', 'sofia.novak@example.cz', null],
  ['赵敏', '+86 186 2222 3333', null, '星河电商'],
  ['Ahmed Hassan', '+20 10 1234 5678', 'ahmed.hassan@example.eg', 'Nile Traders'],
] as const;

const SUBJECTS = [
  ['申请退款失败', '客户在订单取消后申请退款，系统提示失败，请尽快处理。'],
  ['Refund not received', 'The customer returned the parcel two weeks ago and has not been refunded yet.'],
  ['快递延误投诉', '包裹超过承诺时间五天仍未送达，客户要求赔偿。'],
  [
    'Cannot log in to the app',
    'Password reset e-mails do not arrive; the customer is locked out of the account.',
  ],
  ['发票信息错误', '开具的增值税发票抬头有误，需要重新开具。'],
  ['Wrong item delivered', 'The customer ordered a blue jacket in size M and received a red one in size L.'],
  ['账户被冻结', '客户的会员账户因异常登录被冻结，需要人工核实身份后解冻。'],
  ['Double charge on credit card', 'The card statement shows the same order charged twice on the same day.'],
  ['产品质量问题', '收到的电器无法开机，客户要求换货。'],
  ['Change delivery address', 'The customer moved and wants the pending order delivered to the new address.'],
] as const;

const PRIORITY_CYCLE: Priority[] = ['medium', 'low', 'high', 'medium', 'critical', 'medium', 'high', 'low'];
const ORIGIN_CYCLE: Origin[] = ['voice', 'webchat', 'email', 'web', 'video', 'whatsapp', 'api'];

function progressBar(out: Writable, done: number, total: number): void {
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  out.write(`\r  cases [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
  if (done === total) out.write('\n');
}

async function actorOf(ctx: AppContext, tenantId: string, userId: string): Promise<Actor> {
  const actor = await loadActor(ctx.db, tenantId, userId, { kind: 'token', tokenId: 'demo' });
  if (!actor) throw new Error('demo user missing');
  return actor;
}

/**
 * Loads the demo tenant: an administrator, agents in two OUs, a supervisor role, a queue, three case
 * types, customers, and `cases` cases spread over every state (with comments, follows, upgrades and
 * restarts), created through the same commands the API uses.
 */
export async function loadDemo(
  ctx: AppContext,
  options: { cases: number; ifEmpty: boolean; progress: Writable },
): Promise<DemoResult> {
  const logins =
    `\nSign in with tenant "${DEMO_TENANT}":\n` +
    `  administrator  ${DEMO_ADMIN.email}  /  ${DEMO_ADMIN.password}\n` +
    AGENTS.map((a) => `  agent          ${a.email}  /  ${DEMO_AGENT_PASSWORD}\n`).join('');
  if (options.ifEmpty && (await countTenants(ctx.db)) > 0) {
    return {
      text: (await findTenantBySlug(ctx.db, DEMO_TENANT))
        ? logins
        : '\nThe database already has tenants; no demo data was loaded.\n',
    };
  }
  const { tenant, rootOu, admin } = await createTenant(ctx, {
    slug: DEMO_TENANT,
    name: 'Demo Service Center',
    timeZone: 'Asia/Shanghai',
    defaultLanguage: 'en',
    adminEmail: DEMO_ADMIN.email,
    adminName: 'Demo Administrator',
    adminPassword: DEMO_ADMIN.password,
  });
  const adminActor = await actorOf(ctx, tenant.id, admin.id);
  const support = await createOu(ctx, adminActor, {
    name: 'Customer Support',
    parentId: rootOu.id,
    leaderIds: [],
  });
  const billing = await createOu(ctx, adminActor, { name: 'Billing', parentId: rootOu.id, leaderIds: [] });
  const supervisorRole = await createRole(ctx, adminActor, {
    name: 'Supervisor',
    permissions: [
      'case.close',
      'case.transfer',
      'case.cancel',
      'case.resume',
      'case.restart',
      'case.suspend',
      'case.upgrade',
      'case.edit',
      'case.merge',
      'customers.manage',
    ],
  });
  const agentIds: string[] = [];
  for (const agent of AGENTS) {
    const user = await createUser(ctx, adminActor, {
      email: agent.email,
      name: agent.name,
      password: DEMO_AGENT_PASSWORD,
      ouId: agent.ou === 'support' ? support.id : billing.id,
      roleIds: agent.email.startsWith('supervisor') ? [supervisorRole.id] : [],
      tenantAdmin: false,
    });
    agentIds.push(user.id);
  }
  const queue = await createQueue(
    ctx,
    adminActor,
    createQueueBody.parse({ name: 'First-line support', ouId: support.id, memberIds: agentIds.slice(0, 2) }),
  );
  const types: CaseType[] = [];
  for (const input of DEMO_CASE_TYPES)
    types.push(await createCaseType(ctx, adminActor, createCaseTypeBody.parse(input)));
  const customerIds: string[] = [];
  for (const [name, phone, email, company] of CUSTOMERS) {
    customerIds.push(
      (
        await createCustomer(
          ctx,
          adminActor,
          createCustomerBody.parse({ name, phones: [phone], email, company }),
        )
      ).id,
    );
  }

  const viewers: CaseViewer[] = [];
  for (const id of [admin.id, ...agentIds])
    viewers.push(await caseViewerOf(ctx.db, await actorOf(ctx, tenant.id, id)));
  const adminViewer = viewers[0];
  if (!adminViewer) throw new Error('no admin viewer');

  for (let i = 0; i < options.cases; i++) {
    const type = types[i % types.length];
    const subject = SUBJECTS[i % SUBJECTS.length];
    const customerId = customerIds[i % customerIds.length];
    const creator = viewers[i % viewers.length] ?? adminViewer;
    if (!type || !subject || !customerId) continue;
    const toQueue = i % 7 === 3;
    const ownerId = agentIds[i % agentIds.length];
    let c: Case = await createCase(ctx, creator, {
      typeId: type.id,
      title: subject[0],
      description: subject[1],
      priority: PRIORITY_CYCLE[i % PRIORITY_CYCLE.length] ?? 'medium',
      origin: ORIGIN_CYCLE[i % ORIGIN_CYCLE.length] ?? 'web',
      customerId,
      ...(toQueue ? { queueId: queue.id } : ownerId ? { ownerId } : {}),
      dueAt:
        i % 3 === 0 ? new Date(ctx.clock.now().getTime() + ((i % 48) + 1) * 3_600_000).toISOString() : null,
      customFields: {},
    });
    const act = adminViewer;
    const noMatch = { ifMatch: null };
    const lastStatus = type.process.at(-1) ?? '';
    switch (i % 10) {
      case 1:
        c = await moveCaseStatus(ctx, act, c, { ...noMatch, status: type.process[1] ?? lastStatus });
        break;
      case 2:
        c = await suspendCase(ctx, act, c, { ...noMatch, remark: 'Waiting for the customer to send photos' });
        break;
      case 3:
        if (toQueue && viewers[1]) c = await claimCase(ctx, viewers[1], c, noMatch);
        break;
      case 4:
        c = await cancelCase(ctx, act, c, { ...noMatch, remark: 'Duplicate of an earlier request' });
        break;
      case 5:
      case 6: {
        for (const status of type.process.slice(1))
          c = await moveCaseStatus(ctx, act, c, { ...noMatch, status });
        c = await closeCase(ctx, act, c, { ...noMatch, remark: 'Solved with the customer on the phone' });
        if (i % 20 === 5)
          c = await restartCase(ctx, act, c, { ...noMatch, remark: 'The customer called back: not solved' });
        break;
      }
      case 7:
        c = await upgradeCase(ctx, act, c, { ...noMatch, remark: 'VIP customer' });
        break;
      default:
        break;
    }
    if (i % 4 === 0)
      await commentOnCase(
        ctx,
        act,
        c,
        i % 8 === 0 ? '已联系客户，等待回复。' : 'Called the customer, waiting for an answer.',
      );
    if (i % 5 === 0 && viewers[1]) await setCaseFollowed(ctx, viewers[1], c, true).catch(() => undefined);
    if (i % 10 === 9 || i === options.cases - 1) progressBar(options.progress, i + 1, options.cases);
  }
  options.progress.write(`Demo tenant "${DEMO_TENANT}" loaded with ${options.cases} cases.\n`);
  return { text: logins };
}
