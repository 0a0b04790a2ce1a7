/**
 * Fills a fresh database with one benchmark tenant: its organisation through the domain commands
 * (tenant, OUs, agents, queues, case types, customers), then N cases written in bulk straight into
 * the tables with multi-row inserts, in the exact row shape the app writes (`toCaseRow`,
 * `indexTerms`). Run on its own: `tsx bench/generate.ts --database sqlite:/tmp/x.sqlite --cases 1000`.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Writable } from 'node:stream';
import { sql } from 'kysely';
import { pino } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { ORIGINS, type CaseState, type Origin, type Priority } from '../contract/cases.js';
import { createCaseTypeBody, createQueueBody } from '../contract/config.js';
import { createCustomerBody } from '../contract/customers.js';
import { createUserBody } from '../contract/org.js';
import { loadConfig } from '../src/config/config.js';
import { migrateToLatest } from '../src/db/migrator.js';
import type { CaseSearchTermsTable, CaseTrackTable, CasesTable } from '../src/db/schema.js';
import { loadActor } from '../src/domain/auth/actor.js';
import type { Case, CustomFieldValue } from '../src/domain/cases/case.js';
import { toCaseRow } from '../src/domain/cases/cases.repository.js';
import { indexTerms } from '../src/domain/cases/search-terms.js';
import { createCaseType } from '../src/domain/config/commands/create-case-type.js';
import { createQueue } from '../src/domain/config/commands/create-queue.js';
import type { CaseType } from '../src/domain/config/case-type.js';
import type { Actor, AppContext } from '../src/domain/context.js';
import { createCustomer } from '../src/domain/customers/commands/create-customer.js';
import { createOu } from '../src/domain/org/commands/create-ou.js';
import { createTenant } from '../src/domain/org/commands/create-tenant.js';
import { createUser } from '../src/domain/org/commands/create-user.js';
import { createAppContext } from '../src/main/context.js';
import { DEMO_CASE_TYPES } from '../src/main/demo.js';

export const BENCH_TENANT_SLUG = 'bench';
export const BENCH_PASSWORD = 'casedesk-bench-password';

export interface GenerateOptions {
  cases: number;
  agents?: number;
  customers?: number;
  /** Seed of the pseudo-random spread, so two runs generate the same tenant. */
  seed?: number;
  progress?: Writable;
}

/** What the benchmark needs to know about the generated tenant. */
export interface BenchTenant {
  tenantId: string;
  slug: string;
  adminId: string;
  agentIds: string[];
  /** The agent whose todo view and case details are benchmarked (member of the first queue). */
  benchAgentId: string;
  queueIds: string[];
  typeIds: string[];
  customerIds: string[];
  cases: number;
  /** A random sample of case ids of the tenant. */
  sampleCaseIds: string[];
  /** A random sample of ids of cases the bench agent owns (so may see). */
  benchAgentCaseIds: string[];
  /** How many cases the bench agent owns, and how many of those are open or suspended. */
  benchAgentOwned: number;
  benchAgentLive: number;
}

// ---------------------------------------------------------------------------------------------
// Deterministic pseudo-random numbers (mulberry32): the same seed gives the same tenant.

class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** One of the keys, with the given relative weights. */
  weighted<T extends string>(weights: readonly (readonly [T, number])[]): T {
    const total = weights.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of weights) {
      r -= w;
      if (r < 0) return value;
    }
    const last = weights.at(-1);
    if (!last) throw new Error('no weights');
    return last[0];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.int(256);
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// Text pools. About half the cases are Chinese, half English; "refund" and 退款 each appear in
// roughly one case in twelve, other words are rarer or more common, and every case carries an order
// number, so the search index has a realistic mix of common and rare terms.

const PRODUCTS_EN = [
  'blue jacket',
  'wireless headphones',
  'coffee machine',
  'smart watch',
  'running shoes',
  'laptop bag',
  'phone case',
  'desk lamp',
  'rice cooker',
  'travel suitcase',
] as const;
const PRODUCTS_ZH = [
  '蓝牙耳机',
  '咖啡机',
  '智能手表',
  '跑步鞋',
  '电饭煲',
  '行李箱',
  '手机壳',
  '台灯',
  '羽绒服',
  '空气净化器',
] as const;

const TITLES_EN = [
  'Refund not received for the {p}',
  'Wrong {p} delivered',
  'Cannot log in to the mobile app',
  'Double charge on credit card',
  'Change delivery address for an order',
  'The {p} stopped working after a week',
  'Invoice details are wrong',
  'Parcel delayed by the courier',
  'Account locked after password reset',
  'Question about the warranty of the {p}',
  'Cancel subscription and close account',
  'Missing items in the package',
  'Promotion code was not applied',
  'Exchange the {p} for another size',
  'Loyalty points not credited',
  'Complaint about a rude delivery driver',
] as const;
const SENTENCES_EN = [
  'The customer says the {p} arrived with a cracked cover.',
  'They want the money refunded to the original payment method.',
  'The customer called twice this week and is getting impatient.',
  'Tracking shows the parcel stuck at the regional hub since Monday.',
  'Please check the payment logs and reply within one working day.',
  'The customer prefers to be contacted by e-mail in the evening.',
  'A replacement was promised by the previous agent but never shipped.',
  'The app shows an error message after entering the verification code.',
  'The customer has been a premium member since 2019.',
  'Photos of the damaged box were sent to the support mailbox.',
  'The billing address differs from the shipping address.',
  'The customer asks whether the {p} can be repaired instead.',
  'The courier left the parcel with a neighbour without notice.',
  'The same order was charged twice on the statement.',
  'The customer would accept a voucher as compensation.',
  'Stock for this model is low in the central warehouse.',
  'The customer mentioned a similar problem last year.',
  'The store manager confirmed the price difference.',
  'The customer cannot find the confirmation e-mail.',
  'Escalate to the logistics team if the parcel is not found by Friday.',
] as const;

const TITLES_ZH = [
  '申请退款失败',
  '{p}退款一直没有到账',
  '快递延误投诉',
  '无法登录手机应用',
  '发票信息错误',
  '收到的{p}有质量问题',
  '会员账户被冻结',
  '信用卡重复扣款',
  '修改收货地址',
  '优惠券无法使用',
  '会员积分没有到账',
  '要求更换{p}',
  '包裹丢失',
  '取消订阅并注销账户',
  '配送员态度差投诉',
  '{p}保修咨询',
] as const;
const SENTENCES_ZH = [
  '客户表示{p}收到时外壳已经破损。',
  '客户要求把货款退回原支付账户。',
  '客户本周已经来电两次，情绪比较急躁。',
  '物流信息显示包裹一直停留在中转站。',
  '请核实支付记录并在一个工作日内回复。',
  '客户希望晚上通过短信联系。',
  '上一位客服承诺补发但一直没有发货。',
  '输入验证码后应用提示系统错误。',
  '客户是二零一九年起的高级会员。',
  '客户已经把破损包装的照片发到客服邮箱。',
  '账单地址和收货地址不一致。',
  '客户询问{p}能否维修而不是换货。',
  '快递员没有通知就把包裹放在邻居家。',
  '同一笔订单在账单上被扣了两次。',
  '客户可以接受优惠券作为补偿。',
  '该型号在中心仓库的库存不多。',
  '客户提到去年也遇到过类似问题。',
  '门店经理确认了差价。',
  '客户找不到订单确认邮件。',
  '如果周五前仍找不到包裹，请升级给物流团队。',
] as const;

const SURNAMES_ZH = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '周',
  '吴',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
] as const;
const GIVEN_ZH = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '磊',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '建华',
] as const;
const FIRST_EN = [
  'John',
  'Maria',
  'Anna',
  'David',
  'Sofia',
  'James',
  'Emma',
  'Lucas',
  'Olivia',
  'Ahmed',
  'Mia',
  'Noah',
] as const;
const LAST_EN = [
  'Miller',
  'Rossi',
  'Schmidt',
  'Novak',
  'Hassan',
  'Brown',
  'Garcia',
  'Dubois',
  'Kowalski',
  'Silva',
] as const;
const AGENT_NAMES = [
  'Li Wei',
  'Zhang Min',
  'Wang Fang',
  'Liu Yang',
  'Chen Jing',
  'Anna Schmidt',
  'Marco Rossi',
  'Zhao Lei',
  'Sun Li',
  'Zhou Tao',
  'Emma Brown',
  'Wu Hua',
  'Xu Ming',
  'Hu Jun',
  'Lucas Silva',
  'Ma Chao',
  'Zhu Yan',
  'Guo Qiang',
  'Olivia Garcia',
  'He Ping',
] as const;

const PRIORITY_WEIGHTS: readonly (readonly [Priority, number])[] = [
  ['low', 20],
  ['medium', 45],
  ['high', 25],
  ['critical', 10],
];
/** The spread of a case that is still being worked on, and of one that is finished. */
const LIVE_WEIGHTS: readonly (readonly [CaseState, number])[] = [
  ['open', 55],
  ['suspended', 8],
];
const FINISHED_WEIGHTS: readonly (readonly [CaseState, number])[] = [
  ['closed', 27],
  ['cancelled', 8],
  ['merged', 2],
];
/** A new case is still live with this probability; the chance halves every `LIVE_HALF_LIFE_DAYS`. */
const LIVE_AT_CREATION = 0.63;
const LIVE_HALF_LIFE_DAYS = 7;
const LOWER: Partial<Record<Priority, Priority>> = { medium: 'low', high: 'medium', critical: 'high' };

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/**
 * Cases arrive at a steady rate, so a bigger tenant has a longer history, not more work in hand:
 * 10,000 cases span 40 days, 100,000 span 400 days.
 */
const CASES_PER_DAY = 250;
/** Cases per transaction; also the rows of one multi-row insert into `cases` (36 columns). */
const BATCH = 500;
/** Rows of one multi-row insert of the 4-column search terms (SQLite allows 32,766 parameters). */
const TERM_CHUNK = 2000;

function fill(template: string, product: string): string {
  return template.replace('{p}', product);
}

async function actorOf(ctx: AppContext, tenantId: string, userId: string): Promise<Actor> {
  const actor = await loadActor(ctx.db, tenantId, userId, { kind: 'token', tokenId: 'bench' });
  if (!actor) throw new Error(`bench user ${userId} missing`);
  return actor;
}

const printedTenths = new Map<string, number>();

function progressLine(out: Writable | undefined, label: string, done: number, total: number): void {
  if (!out) return;
  if (!('isTTY' in out && out.isTTY === true)) {
    // In a log: a line per tenth done, not a bar redrawn in place.
    const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
    if (tenth > (printedTenths.get(label) ?? 0) || done === total)
      out.write(`  ${label.trim()} ${done}/${total}\n`);
    printedTenths.set(label, done === total ? 0 : tenth);
    return;
  }
  const width = 30;
  const filled = total === 0 ? width : Math.round((done / total) * width);
  out.write(`\r  ${label} [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`);
  if (done === total) out.write('\n');
}

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/** Creates the benchmark tenant and its cases in `ctx.db`, which must hold the migrated, empty schema. */
export async function generate(ctx: AppContext, options: GenerateOptions): Promise<BenchTenant> {
  const total = options.cases;
  const agentCount = options.agents ?? 20;
  const customerCount = options.customers ?? 2000;
  const rnd = new Random(options.seed ?? 20261203);
  const out = options.progress;
  const started = Date.now();

  // --- Organisation, through the same commands the API uses -----------------------------------
  const { tenant, rootOu, admin } = await createTenant(ctx, {
    slug: BENCH_TENANT_SLUG,
    name: 'Benchmark Service Center',
    timeZone: 'Asia/Shanghai',
    defaultLanguage: 'en',
    adminEmail: 'admin@bench.test',
    adminName: 'Bench Administrator',
    adminPassword: BENCH_PASSWORD,
  });
  const tenantId = tenant.id;
  const adminActor = await actorOf(ctx, tenantId, admin.id);
  const support = await createOu(ctx, adminActor, {
    name: 'Customer Support',
    parentId: rootOu.id,
    leaderIds: [],
  });
  const billing = await createOu(ctx, adminActor, { name: 'Billing', parentId: rootOu.id, leaderIds: [] });

  const agentIds: string[] = [];
  const ouOfUser = new Map<string, string>([[admin.id, rootOu.id]]);
  for (let i = 0; i < agentCount; i++) {
    const ouId = i < Math.ceil(agentCount * 0.7) ? support.id : billing.id;
    const user = await createUser(
      ctx,
      adminActor,
      createUserBody.parse({
        email: `agent${i + 1}@bench.test`,
        name: AGENT_NAMES[i % AGENT_NAMES.length] ?? `Agent ${i + 1}`,
        password: BENCH_PASSWORD,
        ouId,
      }),
    );
    agentIds.push(user.id);
    ouOfUser.set(user.id, ouId);
    progressLine(out, 'agents   ', i + 1, agentCount);
  }
  const half = Math.ceil(agentCount / 2);
  const queues = [
    await createQueue(
      ctx,
      adminActor,
      createQueueBody.parse({
        name: 'First-line support',
        ouId: support.id,
        memberIds: agentIds.slice(0, half),
      }),
    ),
    await createQueue(
      ctx,
      adminActor,
      createQueueBody.parse({ name: 'Billing desk', ouId: billing.id, memberIds: agentIds.slice(half) }),
    ),
  ];
  const queueMembers = queues.map((q) => q.memberIds);

  const types: CaseType[] = [];
  for (const input of DEMO_CASE_TYPES)
    types.push(await createCaseType(ctx, adminActor, createCaseTypeBody.parse(input)));

  const customerIds: string[] = [];
  for (let i = 0; i < customerCount; i++) {
    const chinese = i % 2 === 0;
    const name = chinese
      ? `${rnd.pick(SURNAMES_ZH)}${rnd.pick(GIVEN_ZH)}`
      : `${rnd.pick(FIRST_EN)} ${rnd.pick(LAST_EN)}`;
    const phone = chinese
      ? `+86 13${rnd.int(10)} ${String(rnd.int(10_000)).padStart(4, '0')} ${String(rnd.int(10_000)).padStart(4, '0')}`
      : `+1 415 555 ${String(rnd.int(10_000)).padStart(4, '0')}`;
    const customer = await createCustomer(
      ctx,
      adminActor,
      createCustomerBody.parse({
        name,
        phones: [phone],
        email: chinese ? null : `customer${i + 1}@example.com`,
        company: rnd.chance(0.3) ? `Company ${i + 1}` : null,
      }),
    );
    customerIds.push(customer.id);
    if ((i + 1) % 100 === 0 || i + 1 === customerCount) progressLine(out, 'customers', i + 1, customerCount);
  }

  // --- Cases, in bulk ---------------------------------------------------------------------------
  const now = ctx.clock.now().getTime();
  const step = DAY_MS / CASES_PER_DAY;
  const start = now - total * step;
  const allIds: string[] = [];
  const benchAgentId = agentIds[0];
  if (!benchAgentId) throw new Error('need at least one agent');
  const benchAgentIds: string[] = [];
  let benchAgentLive = 0;
  const creators = [admin.id, ...agentIds];

  for (let batchStart = 0; batchStart < total; batchStart += BATCH) {
    const batchEnd = Math.min(total, batchStart + BATCH);
    const caseRows: CasesTable[] = [];
    const trackRows: CaseTrackTable[] = [];
    const termRows: CaseSearchTermsTable[] = [];
    for (let i = batchStart; i < batchEnd; i++) {
      // Creation times rise with the case number, as they do in a real tenant.
      const createdMs = Math.floor(start + (i + rnd.next() * 0.9) * step);
      const createdAt = new Date(createdMs).toISOString();
      const id = uuidv7({ msecs: createdMs, random: rnd.bytes(16) });
      const type = rnd.pick(types);
      const chinese = rnd.chance(0.5);
      const product = chinese ? rnd.pick(PRODUCTS_ZH) : rnd.pick(PRODUCTS_EN);
      const orderNo = `SO${String(100_000 + rnd.int(900_000))}`;
      const title = fill(chinese ? rnd.pick(TITLES_ZH) : rnd.pick(TITLES_EN), product);
      const sentences = chinese ? SENTENCES_ZH : SENTENCES_EN;
      const first = rnd.pick(sentences);
      let second = rnd.pick(sentences);
      if (second === first) second = rnd.pick(sentences);
      const orderLine = chinese ? `订单号 ${orderNo}。` : `Order ${orderNo}.`;
      const description = `${fill(first, product)} ${fill(second, product)} ${orderLine}`;

      // Live work is recent: the older a case, the likelier it is finished. So the live cases of the
      // tenant, and each agent's To do, stay about the same size however long the history is.
      const ageDays = (now - createdMs) / DAY_MS;
      const live = rnd.chance(LIVE_AT_CREATION * 0.5 ** (ageDays / LIVE_HALF_LIFE_DAYS));
      let state = rnd.weighted(live ? LIVE_WEIGHTS : FINISHED_WEIGHTS);
      if (state === 'merged' && batchStart === 0) state = 'closed';
      // A third of the live cases sit unclaimed in a queue (no owner); a few finished ones were
      // cancelled there. The rest have an owner, a quarter of them claimed from a queue.
      const queueIndex = rnd.int(queues.length);
      const queue = queues[queueIndex];
      if (!queue) throw new Error('no queue');
      const unclaimed = live ? rnd.chance(0.33) : rnd.chance(0.03);
      let ownerId: string | null;
      let queueId: string | null = null;
      if (unclaimed) {
        ownerId = null;
        queueId = queue.id;
        if (!live) state = 'cancelled';
      } else if (rnd.chance(0.25)) {
        ownerId = rnd.pick(queueMembers[queueIndex] ?? agentIds);
        queueId = queue.id;
      } else {
        ownerId = rnd.pick(agentIds);
      }
      const creatorId = ownerId !== null && rnd.chance(0.6) ? ownerId : rnd.pick(creators);
      const ouId = ownerId !== null ? (ouOfUser.get(ownerId) ?? rootOu.id) : (queue.ouId ?? rootOu.id);

      const priority = rnd.weighted(PRIORITY_WEIGHTS);
      const lower = LOWER[priority];
      const originalPriority: Priority = lower !== undefined && rnd.chance(0.06) ? lower : priority;
      const origin: Origin = rnd.pick(ORIGINS);

      // Due times: none for 30%, else an SLA or manual due time hours to days after creation (so
      // older cases are past due, recent ones not yet).
      const hasDue = rnd.chance(0.7);
      const dueAt = hasDue ? new Date(createdMs + (4 + rnd.int(14 * 24)) * HOUR_MS).toISOString() : null;
      const dueAtSource = hasDue ? (rnd.chance(0.75) ? 'sla' : 'manual') : null;

      // Changes fall within the case's first two weeks (or its age, when younger).
      const span = Math.min(now - createdMs, 14 * DAY_MS);
      const later = (fraction: number) => new Date(createdMs + Math.floor(span * fraction)).toISOString();
      const process = type.process;
      const lastStatus = process.at(-1) ?? '';
      let status = process[0] ?? '';
      let priorState: CaseState | null = null;
      let priorStatus: string | null = null;
      let pausedAt: string | null = null;
      let closedAt: string | null = null;
      let mergedIntoId: string | null = null;
      let version = 1;
      let updatedAt = createdAt;
      switch (state) {
        case 'open':
        case 'suspended':
          status = rnd.pick(process);
          version = 1 + process.indexOf(status);
          if (state === 'suspended') {
            pausedAt = later(0.2 + rnd.next() * 0.6);
            version += 1;
          }
          updatedAt = pausedAt ?? (version > 1 ? later(rnd.next() * 0.5) : createdAt);
          break;
        case 'cancelled':
          priorState = 'open';
          priorStatus = rnd.pick(process);
          status = priorStatus;
          pausedAt = later(0.1 + rnd.next() * 0.5);
          updatedAt = pausedAt;
          version = 2 + process.indexOf(status);
          break;
        case 'closed':
        case 'merged':
          status = state === 'closed' ? lastStatus : rnd.pick(process);
          closedAt = later(0.05 + rnd.next() * 0.4);
          updatedAt = closedAt;
          version = process.length + 1;
          if (state === 'merged') mergedIntoId = allIds[rnd.int(batchStart)] ?? null;
          break;
        default:
          break;
      }
      const reopenCount = (state === 'open' || state === 'closed') && rnd.chance(0.03) ? 1 : 0;

      const customFields: Record<string, CustomFieldValue> =
        type.name === 'Refund request' ? { orderNo, amount: 10 + rnd.int(990) } : {};
      const c: Case = {
        tenantId,
        id,
        caseNo: i + 1,
        typeId: type.id,
        title,
        description,
        priority,
        originalPriority,
        origin,
        customerId: rnd.pick(customerIds),
        contactPhone: rnd.chance(0.4)
          ? `+86 139 ${String(rnd.int(10_000)).padStart(4, '0')} ${String(rnd.int(10_000)).padStart(4, '0')}`
          : null,
        ownerId,
        queueId,
        creatorId,
        ouId,
        state,
        status,
        priorState,
        priorStatus,
        reopenCount,
        suspendedMs: 0,
        pausedAt,
        mergedIntoId,
        interactionId: null,
        customerNotify: { email: rnd.chance(0.3), sms: false },
        customFields,
        dueAt,
        dueAtSource,
        slaStartedAt: createdAt,
        pausedMsSinceStart: 0,
        slaWarnAt: null,
        version: version + reopenCount,
        createdAt,
        updatedAt,
        closedAt,
      };
      caseRows.push(toCaseRow(c));
      trackRows.push({
        tenant_id: tenantId,
        id: uuidv7({ msecs: createdMs, random: rnd.bytes(16) }),
        case_id: id,
        kind: 'created',
        actor_id: creatorId,
        at: createdAt,
        remark: null,
        changes: null,
        body: null,
      });
      for (const term of indexTerms(`${title}\n${description}`))
        termRows.push({ tenant_id: tenantId, term, case_created_at: createdAt, case_id: id });
      allIds.push(id);
      if (ownerId === benchAgentId) {
        benchAgentIds.push(id);
        if (state === 'open' || state === 'suspended') benchAgentLive++;
      }
    }
    await ctx.db.transaction().execute(async (trx) => {
      for (const rows of chunks(caseRows, BATCH)) await trx.insertInto('cases').values(rows).execute();
      for (const rows of chunks(trackRows, BATCH)) await trx.insertInto('case_track').values(rows).execute();
      for (const rows of chunks(termRows, TERM_CHUNK))
        await trx.insertInto('case_search_terms').values(rows).execute();
    });
    progressLine(out, 'cases    ', batchEnd, total);
  }
  await ctx.db
    .insertInto('case_counters')
    .values({ tenant_id: tenantId, last_no: total })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ last_no: total }))
    .execute();

  // PostgreSQL's autovacuum vacuums and analyses freshly loaded tables on its own within minutes; do
  // it now so the planner and the visibility map are in that steady state. SQLite has no statistics
  // unless ANALYZE is run, and the app never runs it, so it is left without (as a production file is).
  if (ctx.dialect === 'postgres') await sql`VACUUM ANALYZE`.execute(ctx.db);
  else await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(ctx.db);

  const terms = await ctx.db
    .selectFrom('case_search_terms')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  out?.write(
    `  generated ${total} cases, ${terms.n} search terms in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );

  const sample = (ids: string[], n: number): string[] => {
    if (ids.length <= n) return [...ids];
    const picked: string[] = [];
    for (let k = 0; k < n; k++) picked.push(ids[rnd.int(ids.length)] ?? '');
    return picked;
  };
  return {
    tenantId,
    slug: BENCH_TENANT_SLUG,
    adminId: admin.id,
    agentIds,
    benchAgentId,
    queueIds: queues.map((q) => q.id),
    typeIds: types.map((t) => t.id),
    customerIds,
    cases: total,
    sampleCaseIds: sample(allIds, 5000),
    benchAgentCaseIds: sample(benchAgentIds, 5000),
    benchAgentOwned: benchAgentIds.length,
    benchAgentLive,
  };
}

// ---------------------------------------------------------------------------------------------
// Stand-alone use: tsx bench/generate.ts --database <sqlite:path | postgres://…> [--cases N]

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { database: { type: 'string' }, cases: { type: 'string', default: '100000' } },
  });
  if (!values.database)
    throw new Error('--database sqlite:<file> or postgres://… (an empty database) is required');
  const config = loadConfig({ DATABASE_URL: values.database, LOG_LEVEL: 'silent' });
  const { ctx, close } = await createAppContext(config, pino({ level: 'silent' }));
  try {
    await migrateToLatest(ctx.db);
    const result = await generate(ctx, { cases: Number(values.cases), progress: process.stdout });
    process.stdout.write(
      `tenant ${result.slug} (${result.tenantId}); password of every user: ${BENCH_PASSWORD}\n`,
    );
  } finally {
    await close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
