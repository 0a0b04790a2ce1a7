/**
 * `npm run bench`: generates a tenant with N cases on SQLite and on PostgreSQL, prints the query
 * plans of the benchmarked list, search and details queries, then load-tests the real app against a
 * bare Fastify route that reads one row from the same database handle (the ceiling). See
 * docs/BENCHMARKS.md.
 *
 *   npm run bench -- [--cases 100000 | --cases 10000,100000] [--duration 8] [--connections 10]
 *                    [--warmup 2] [--only sqlite|postgres]
 *
 * The servers run in a child process (this same file, started with CASEDESK_BENCH_SERVE set) so that
 * the load generator does not share the servers' event loop.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import {
  CompiledQuery,
  Kysely,
  PostgresDialect,
  sql,
  SqliteDialect,
  type Dialect,
  type LogEvent,
} from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig, type Config } from '../src/config/config.js';
import type { Db, DialectName } from '../src/db/connection.js';
import { migrateToLatest } from '../src/db/migrator.js';
import type { Database } from '../src/db/schema.js';
import { loadActor } from '../src/domain/auth/actor.js';
import { createApiToken } from '../src/domain/auth/commands/create-api-token.js';
import { argon2Hasher } from '../src/domain/auth/passwords.js';
import type { AppContext } from '../src/domain/context.js';
import { LocalCaseChangeBus } from '../src/events/local-bus.js';
import { buildApp } from '../src/http/app.js';
import { systemClock } from '../src/lib/clock.js';
import { createAppContext } from '../src/main/context.js';
import { generate, type BenchTenant } from './generate.js';

const SERVE_ENV = 'CASEDESK_BENCH_SERVE';
const ADMIN_URL = process.env.CASEDESK_BENCH_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const EN_WORD = 'refund';
const ZH_WORD = '退款';

/** What to undo if the run is interrupted (Ctrl-C): the server process and the databases made. */
const cleanups = new Set<() => Promise<void>>();

interface Options {
  sizes: number[];
  duration: number;
  warmup: number;
  connections: number;
  dialects: DialectName[];
}

// ---------------------------------------------------------------------------------------------
// Options

function positiveInt(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0)
    throw new Error(`--${name} must be a positive whole number, not ${text}`);
  return n;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      cases: { type: 'string', default: '100000' },
      duration: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '10' },
      only: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'npm run bench -- [--cases 100000 | --cases 10000,100000] [--duration 8] [--warmup 2]\n' +
        '                 [--connections 10] [--only sqlite|postgres]\n',
    );
    process.exit(0);
  }
  const only = values.only;
  if (only !== undefined && only !== 'sqlite' && only !== 'postgres')
    throw new Error(`--only must be sqlite or postgres, not ${only}`);
  const warmup = Number(values.warmup);
  if (!Number.isInteger(warmup) || warmup < 0) throw new Error('--warmup must be a whole number of seconds');
  return {
    sizes: values.cases.split(',').map((s) => positiveInt('cases', s.trim())),
    duration: positiveInt('duration', values.duration),
    warmup,
    connections: positiveInt('connections', values.connections),
    dialects: only ? [only] : ['sqlite', 'postgres'],
  };
}

// ---------------------------------------------------------------------------------------------
// Databases

interface BenchDatabase {
  dialect: DialectName;
  url: string;
  drop(): Promise<void>;
}

async function createDatabase(dialect: DialectName): Promise<BenchDatabase> {
  const name = `casedesk_bench_${randomBytes(5).toString('hex')}`;
  if (dialect === 'sqlite') {
    const file = join(tmpdir(), `${name}.sqlite`);
    return {
      dialect,
      url: `sqlite:${file}`,
      drop: () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
        return Promise.resolve();
      },
    };
  }
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: ADMIN_URL });
      await client.connect();
      try {
        // Pools close their sockets shortly after end() resolves; wait for them, then insist.
        for (let attempt = 0; ; attempt++) {
          try {
            await client.query(`DROP DATABASE IF EXISTS ${name}${attempt >= 40 ? ' WITH (FORCE)' : ''}`);
            return;
          } catch (error) {
            const inUse =
              typeof error === 'object' && error !== null && 'code' in error && error.code === '55006';
            if (!inUse || attempt >= 40) throw error;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
      } finally {
        await client.end();
      }
    },
  };
}

function benchConfig(url: string): Config {
  // Production settings (argon2 cost included); only the logger is silenced.
  return loadConfig({
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    CASEDESK_DATA_DIR: join(tmpdir(), 'casedesk-bench'),
  });
}

// ---------------------------------------------------------------------------------------------
// The server process: the real app and the ceiling app on one database handle.

interface ServeSpec {
  url: string;
  tenantId: string;
}

interface ReadyMessage {
  kind: 'ready';
  appUrl: string;
  ceilingUrl: string;
}

async function serve(spec: ServeSpec): Promise<void> {
  const config = benchConfig(spec.url);
  const { ctx, database, close } = await createAppContext(config, pino({ level: 'silent' }));
  const app = await buildApp(ctx, { processMetrics: true });
  const appUrl = await app.listen({ host: '127.0.0.1', port: 0 });

  // The ceiling: Fastify without plugins, hooks or schemas, one Kysely primary-key read.
  const bare = Fastify();
  bare.get<{ Params: { id: string } }>('/row/:id', async (request, reply) => {
    const row = await database.db
      .selectFrom('cases')
      .selectAll()
      .where('tenant_id', '=', spec.tenantId)
      .where('id', '=', request.params.id)
      .executeTakeFirst();
    if (!row) return reply.code(404).send({ error: 'not found' });
    return row;
  });
  const ceilingUrl = await bare.listen({ host: '127.0.0.1', port: 0 });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await bare.close();
    await app.close();
    await close();
    process.exit(0);
  };
  process.on('message', (message: unknown) => {
    if (typeof message === 'object' && message !== null && 'kind' in message && message.kind === 'stop')
      void stop();
  });
  process.on('disconnect', () => void stop());
  const ready: ReadyMessage = { kind: 'ready', appUrl, ceilingUrl };
  process.send?.(ready);
}

interface ServerProcess {
  appUrl: string;
  ceilingUrl: string;
  stop(): Promise<void>;
}

function startServerProcess(spec: ServeSpec): Promise<ServerProcess> {
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), [], {
    env: { ...process.env, [SERVE_ENV]: JSON.stringify(spec) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send({ kind: 'stop' });
    else child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('the server process did not start within 60 s'));
    }, 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server process exited early (code ${String(code)})`));
    });
    child.on('message', (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'kind' in message && message.kind === 'ready') {
        clearTimeout(timer);
        const ready = message as ReadyMessage;
        resolve({ appUrl: ready.appUrl, ceilingUrl: ready.ceilingUrl, stop });
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Scenarios

interface Scenario {
  key: string;
  label: string;
  base: 'app' | 'ceiling';
  method: 'GET' | 'POST';
  token?: string;
  path: () => string;
  body?: () => string;
  /** A note from the probe request (e.g. how many cases the list matches). */
  describe?: (json: unknown) => string;
}

interface Measurement {
  key: string;
  label: string;
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  note: string;
}

function randomOf<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('empty sample');
  return item;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function headersOf(scenario: Scenario): Record<string, string> {
  return {
    ...(scenario.token ? { authorization: `Bearer ${scenario.token}` } : {}),
    ...(scenario.body ? { 'content-type': 'application/json' } : {}),
  };
}

/** One request outside the load, to check the scenario answers 2xx and to describe what it returns. */
async function probe(baseUrl: string, scenario: Scenario): Promise<string> {
  const response = await fetch(`${baseUrl}${scenario.path()}`, {
    method: scenario.method,
    headers: headersOf(scenario),
    ...(scenario.body ? { body: scenario.body() } : {}),
  });
  const text = await response.text();
  if (response.status < 200 || response.status >= 300)
    throw new Error(`${scenario.label}: probe answered ${response.status}: ${text.slice(0, 500)}`);
  return scenario.describe ? scenario.describe(JSON.parse(text)) : '';
}

function load(
  baseUrl: string,
  scenario: Scenario,
  seconds: number,
  connections: number,
): Promise<{ result: autocannon.Result; latencies: Float64Array; statuses: Map<number, number> }> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections,
        duration: seconds,
        // Slow scenarios must show up as latency, not as timeouts (which would void the run).
        timeout: 60,
        method: scenario.method,
        headers: headersOf(scenario),
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              path: scenario.path(),
              ...(scenario.body ? { body: scenario.body() } : {}),
            }),
          },
        ],
      },
      (error: unknown, result) => {
        if (error) {
          reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
          return;
        }
        const sorted = Float64Array.from(latencies).sort();
        resolve({ result, latencies: sorted, statuses });
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
}

async function measure(
  server: ServerProcess,
  scenario: Scenario,
  options: Options,
  log: (line: string) => void,
): Promise<Measurement> {
  const baseUrl = scenario.base === 'app' ? server.appUrl : server.ceilingUrl;
  const note = await probe(baseUrl, scenario);
  if (options.warmup > 0) await load(baseUrl, scenario, options.warmup, options.connections);
  const { result, latencies, statuses } = await load(
    baseUrl,
    scenario,
    options.duration,
    options.connections,
  );
  const non2xx = [...statuses]
    .filter(([status]) => status < 200 || status >= 300)
    .reduce((n, [, c]) => n + c, 0);
  const measurement: Measurement = {
    key: scenario.key,
    label: scenario.label,
    rps: result.requests.mean,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: latencies.length,
    non2xx,
    errors: result.errors,
    note,
  };
  log(
    `  ${scenario.label.padEnd(44)} ${measurement.rps.toFixed(0).padStart(6)} req/s  p50 ${measurement.p50.toFixed(2)} ms  p99 ${measurement.p99.toFixed(2)} ms${note ? `  (${note})` : ''}`,
  );
  if (non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${scenario.label}: ${non2xx} non-2xx responses (${JSON.stringify(Object.fromEntries(statuses))}), ` +
        `${result.errors} errors, ${result.timeouts} timeouts. The benchmark is void.`,
    );
  }
  return measurement;
}

function listNote(json: unknown): string {
  if (typeof json !== 'object' || json === null) return '';
  const page = json as { items?: unknown[]; total?: number; totalCapped?: boolean };
  return `${page.items?.length ?? 0} items of ${page.total ?? '?'}${page.totalCapped ? '+ (capped)' : ''} matching`;
}

const NEW_TITLES = ['Refund not received', '快递延误投诉', 'Cannot log in to the app', '申请退款失败'];

function scenarios(tenant: BenchTenant, agentToken: string, adminToken: string): Scenario[] {
  const typeId = tenant.typeIds[0] ?? '';
  let created = 0;
  return [
    {
      key: 'ceiling',
      label: 'ceiling: bare GET /row/:id',
      base: 'ceiling',
      method: 'GET',
      path: () => `/row/${randomOf(tenant.sampleCaseIds)}`,
    },
    {
      key: 'details',
      label: 'case details GET /api/v1/cases/:id',
      base: 'app',
      method: 'GET',
      token: agentToken,
      path: () => `/api/v1/cases/${randomOf(tenant.benchAgentCaseIds)}`,
    },
    {
      key: 'todo',
      label: 'todo, priority=high (newest first)',
      base: 'app',
      method: 'GET',
      token: agentToken,
      path: () => '/api/v1/cases?view=todo&priority=high',
      describe: listNote,
    },
    {
      key: 'todoDue',
      label: 'todo, priority=high, sort=dueAt',
      base: 'app',
      method: 'GET',
      token: agentToken,
      path: () => '/api/v1/cases?view=todo&priority=high&sort=dueAt',
      describe: listNote,
    },
    {
      key: 'searchEn',
      label: `search view=all q=${EN_WORD}`,
      base: 'app',
      method: 'GET',
      token: adminToken,
      path: () => `/api/v1/cases?view=all&q=${encodeURIComponent(EN_WORD)}`,
      describe: listNote,
    },
    {
      key: 'searchZh',
      label: `search view=all q=${ZH_WORD}`,
      base: 'app',
      method: 'GET',
      token: adminToken,
      path: () => `/api/v1/cases?view=all&q=${encodeURIComponent(ZH_WORD)}`,
      describe: listNote,
    },
    {
      key: 'create',
      label: 'create POST /api/v1/cases',
      base: 'app',
      method: 'POST',
      token: agentToken,
      path: () => '/api/v1/cases',
      body: () => {
        created++;
        return JSON.stringify({
          typeId,
          title: `${randomOf(NEW_TITLES)} #${created}`,
          description:
            'Created by the benchmark: the customer asks for a refund of order SO123456. 客户要求退款。',
          priority: randomOf(['low', 'medium', 'high', 'critical']),
          origin: randomOf(['voice', 'email', 'web', 'webchat']),
          customerId: randomOf(tenant.customerIds),
        });
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Query plans: the exact SQL each benchmarked route runs, captured through Kysely's log on a
// dedicated handle, then explained on the same database.

interface PlannedQuery {
  sql: string;
  parameters: readonly unknown[];
  plan: string[];
  flags: string[];
  medianMs: number | null;
}

interface RoutePlan {
  key: string;
  label: string;
  queries: PlannedQuery[];
}

const BIG_TABLES = ['case_search_terms', 'case_track', 'cases'];
/** Aliases the repositories give the big tables. */
const ALIASES: Record<string, string> = { st: 'case_search_terms' };
/** Indexes that exist to give a sort order: walking one of them under a LIMIT stops early. */
const SORT_INDEXES = /^cases_(created|updated|due|priority)_idx$/;

function bigTable(name: string, index = ''): string | null {
  const byName = ALIASES[name] ?? name;
  if (BIG_TABLES.includes(byName)) return byName;
  const byIndex = BIG_TABLES.find(
    (t) => index.startsWith(`${t}_`) || index.startsWith(`sqlite_autoindex_${t}_`),
  );
  return byIndex ?? null;
}

/**
 * A search whose only index condition is the tenant reads every row of the tenant: a full scan in a
 * one-tenant database. Under ORDER BY … LIMIT on a sort index it is a walk that stops at the LIMIT,
 * which is cheap while matches are dense and reads the whole tenant when they are rare.
 */
function tenantScanFlag(table: string, index: string, query: string): string {
  const isPage = /\border by\b/i.test(query) && /\blimit\b/i.test(query) && !/count\(/i.test(query);
  return isPage && SORT_INDEXES.test(index)
    ? `TENANT WALK of ${table} along ${index} until the LIMIT is filled (reads every row of the tenant when few match)`
    : `FULL SCAN of ${table}: every row of the tenant through ${index} (only tenant_id is an index condition)`;
}

function sqliteFlags(plan: string[], query: string): string[] {
  const flags: string[] = [];
  for (const [at, line] of plan.entries()) {
    const detail = line.trim();
    const scan = /^SCAN (\w+)(?: AS \w+)?(.*)$/.exec(detail);
    const scanned = scan ? bigTable(scan[1] ?? '', /INDEX (\S+)/.exec(scan[2] ?? '')?.[1] ?? '') : null;
    if (scan && scanned) {
      const rest = (scan[2] ?? '').trim();
      flags.push(`FULL SCAN of ${scanned}${rest ? ` (${rest})` : ''}`);
    }
    // A WITHOUT ROWID table is searched through its key: `USING PRIMARY KEY (…)`.
    const search = /^SEARCH (\w+)(?: AS \w+)? USING (?:(?:COVERING )?INDEX (\S+)|PRIMARY KEY) \((.*)\)$/.exec(
      detail,
    );
    const index = search ? (search[2] ?? `${search[1] ?? ''} primary key`) : '';
    const searched = search ? bigTable(search[1] ?? '', index) : null;
    if (search && searched && /^tenant_id=\?$/.test(search[3] ?? ''))
      flags.push(tenantScanFlag(searched, index, query));
    if (/USE TEMP B-TREE FOR (LAST TERM OF |RIGHT PART OF )?ORDER BY/.test(detail)) {
      // Under a MERGE of pages, each page (already limited) is sorted for the merge.
      const previous = plan[at - 1]?.trim() ?? '';
      flags.push(
        /^SCAN (leg|merged|part)\b/.test(previous)
          ? "sorts one branch's page (at most LIMIT rows) to merge the branches"
          : 'sorts the rows it reads (temp B-tree)',
      );
    }
  }
  return flags;
}

function postgresFlags(plan: string[], query: string): string[] {
  const flags: string[] = [];
  let node: { index: string; table: string } | null = null;
  for (const line of plan) {
    const seq = /Seq Scan on (\w+)/.exec(line);
    const seqTable = seq ? bigTable(seq[1] ?? '') : null;
    if (seqTable) flags.push(`FULL SCAN of ${seqTable} (Seq Scan)`);
    const index =
      /(?:Index Only Scan|Index Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)(?: on (\w+))?/.exec(
        line,
      );
    if (index) {
      const table = bigTable(index[2] ?? '', index[1] ?? '');
      node = table ? { index: index[1] ?? '', table } : null;
    }
    const cond = /Index Cond: \((.*)\)\s*$/.exec(line);
    if (cond && node && /^tenant_id = (\$\d+|'[^']*'::text)$/.test(cond[1] ?? ''))
      flags.push(tenantScanFlag(node.table, node.index, query));
    const read =
      /(Seq Scan|Index Only Scan|Index Scan|Bitmap Heap Scan)(?: Backward)? (?:using \w+ )?on (\w+).*\(actual rows=(\d+) loops=(\d+)\)/.exec(
        line,
      );
    const readTable = read ? bigTable(read[2] ?? '') : null;
    if (read && readTable) {
      const rows = Number(read[3]) * Number(read[4]);
      if (rows >= 2000) flags.push(`reads ${rows} rows of ${readTable} (${read[1] ?? ''})`);
    }
    const removed = /Rows Removed by Filter: (\d+)/.exec(line);
    if (removed && Number(removed[1]) > 1000) flags.push(`filters out ${removed[1] ?? ''} rows`);
    if (/^(->\s+)?Sort\s+\(/.test(line.trim())) flags.push('sorts the rows it reads');
  }
  return flags;
}

function mentionsBigTable(text: string): boolean {
  return BIG_TABLES.some((t) => new RegExp(`"${t}"`).test(text));
}

/** The plan of a query; on PostgreSQL a select is also run (EXPLAIN ANALYZE) to show the rows it reads. */
async function explain(db: Db, dialect: DialectName, query: CompiledQuery, run: boolean): Promise<string[]> {
  if (dialect === 'sqlite') {
    const result = await db.executeQuery<{ id: number; parent: number; detail: string }>(
      CompiledQuery.raw(`EXPLAIN QUERY PLAN ${query.sql}`, [...query.parameters]),
    );
    const depth = new Map<number, number>([[0, -1]]);
    return result.rows.map((row) => {
      const d = (depth.get(row.parent) ?? -1) + 1;
      depth.set(row.id, d);
      return `${'  '.repeat(d)}${row.detail}`;
    });
  }
  const result = await db.executeQuery<{ 'QUERY PLAN': string }>(
    CompiledQuery.raw(`EXPLAIN ${run ? '(ANALYZE, TIMING OFF) ' : ''}${query.sql}`, [...query.parameters]),
  );
  return result.rows.map((row) => row['QUERY PLAN']);
}

async function medianMs(db: Db, query: CompiledQuery, runs = 15): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await db.executeQuery(query);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

async function queryPlans(
  database: BenchDatabase,
  tenant: BenchTenant,
  agentToken: string,
  adminToken: string,
): Promise<RoutePlan[]> {
  let capture: CompiledQuery[] | null = null;
  const log = (event: LogEvent) => {
    if (event.level === 'query' && capture) capture.push(event.query);
  };
  let dialect: Dialect;
  let pool: pg.Pool | null = null;
  if (database.dialect === 'sqlite') {
    const sqlite = new SQLite(database.url.replace(/^sqlite:/, ''));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    dialect = new SqliteDialect({ database: sqlite });
  } else {
    pool = new pg.Pool({ connectionString: database.url, max: 4 });
    dialect = new PostgresDialect({ pool });
  }
  const db = new Kysely<Database>({ dialect, log });
  const config = benchConfig(database.url);
  const ctx: AppContext = {
    db,
    dialect: database.dialect,
    clock: systemClock,
    config,
    logger: pino({ level: 'silent' }),
    passwords: argon2Hasher(config.argon2),
    events: new LocalCaseChangeBus(),
  };
  const app = await buildApp(ctx);
  const someCase = tenant.benchAgentCaseIds[0] ?? '';
  const createBody = JSON.stringify({
    typeId: tenant.typeIds[0] ?? '',
    title: 'Refund not received',
    description: 'The customer asks for a refund of order SO123456. 客户要求退款。',
    priority: 'high',
    origin: 'web',
    customerId: tenant.customerIds[0] ?? '',
  });
  const routes: {
    key: string;
    label: string;
    method: 'GET' | 'POST';
    url: string;
    token: string;
    body?: string;
  }[] = [
    {
      key: 'details',
      label: 'case details',
      method: 'GET',
      url: `/api/v1/cases/${someCase}`,
      token: agentToken,
    },
    {
      key: 'todo',
      label: 'todo, priority=high',
      method: 'GET',
      url: '/api/v1/cases?view=todo&priority=high',
      token: agentToken,
    },
    {
      key: 'todoDue',
      label: 'todo, priority=high, sort=dueAt',
      method: 'GET',
      url: '/api/v1/cases?view=todo&priority=high&sort=dueAt',
      token: agentToken,
    },
    {
      key: 'searchEn',
      label: `search q=${EN_WORD}`,
      method: 'GET',
      url: `/api/v1/cases?view=all&q=${encodeURIComponent(EN_WORD)}`,
      token: adminToken,
    },
    {
      key: 'searchZh',
      label: `search q=${ZH_WORD}`,
      method: 'GET',
      url: `/api/v1/cases?view=all&q=${encodeURIComponent(ZH_WORD)}`,
      token: adminToken,
    },
    {
      key: 'create',
      label: 'case creation',
      method: 'POST',
      url: '/api/v1/cases',
      token: agentToken,
      body: createBody,
    },
  ];
  const plans: RoutePlan[] = [];
  try {
    for (const route of routes) {
      const call = () =>
        app.inject({
          method: route.method,
          url: route.url,
          headers: {
            authorization: `Bearer ${route.token}`,
            ...(route.body ? { 'content-type': 'application/json' } : {}),
          },
          ...(route.body ? { payload: route.body } : {}),
        });
      const first = await call();
      if (first.statusCode < 200 || first.statusCode >= 300)
        throw new Error(`${route.method} ${route.url} answered ${first.statusCode}: ${first.body}`);
      const captured: CompiledQuery[] = [];
      capture = captured;
      await call();
      capture = null;
      const queries: PlannedQuery[] = [];
      for (const query of captured) {
        const isSelect = /^\s*select/i.test(query.sql);
        const isWrite = /^\s*(insert|update|delete)/i.test(query.sql);
        const plan =
          isSelect || isWrite
            ? await explain(db, database.dialect, query, isSelect)
            : ['(not a query: not explained)'];
        const flags =
          database.dialect === 'sqlite' ? sqliteFlags(plan, query.sql) : postgresFlags(plan, query.sql);
        queries.push({
          sql: query.sql,
          parameters: query.parameters,
          plan,
          flags: [...new Set(flags)],
          medianMs: isSelect && mentionsBigTable(query.sql) ? await medianMs(db, query) : null,
        });
      }
      plans.push({ key: route.key, label: route.label, queries });
    }
  } finally {
    await app.close();
    await ctx.events.close();
    await db.destroy();
  }
  return plans;
}

function printPlans(plans: RoutePlan[], write: (text: string) => void): void {
  for (const route of plans) {
    write(`\n#### Plan: ${route.label}\n\n`);
    for (const query of route.queries) {
      const big = mentionsBigTable(query.sql);
      const text = query.sql.replace(/\s+/g, ' ');
      write(`- \`${big ? text : `${text.slice(0, 110)}${text.length > 110 ? '…' : ''}`}\`\n`);
      if (big) write(`  parameters: ${JSON.stringify(query.parameters)}\n`);
      if (query.medianMs !== null) write(`  in-process median: ${query.medianMs.toFixed(2)} ms\n`);
      if (big || query.flags.length > 0) {
        write('  ```\n');
        for (const line of query.plan) write(`  ${line}\n`);
        write('  ```\n');
      } else {
        write(`  plan: ${query.plan.map((l) => l.trim()).join(' / ')}\n`);
      }
      for (const flag of query.flags)
        write(/^(FULL SCAN|TENANT WALK)/.test(flag) ? `  **FLAG: ${flag}**\n` : `  note: ${flag}\n`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One database at one size

interface RunResult {
  dialect: DialectName;
  cases: number;
  version: string;
  tenant: BenchTenant;
  measurements: Measurement[];
  plans: RoutePlan[];
  fullScans: string[];
  /** The machine's 1-minute load average when the load test began (other processes share the cores). */
  load: number;
}

async function benchOne(dialect: DialectName, size: number, options: Options): Promise<RunResult> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  log(`\n=== ${dialect}, ${size} cases ===`);
  const database = await createDatabase(dialect);
  let server: ServerProcess | null = null;
  const cleanup = async () => {
    if (server) await server.stop();
    await database.drop();
  };
  cleanups.add(cleanup);
  try {
    // Generate, and make the API tokens, through a context like the server's.
    const { ctx, close } = await createAppContext(benchConfig(database.url), pino({ level: 'silent' }));
    let tenant: BenchTenant;
    let agentToken: string;
    let adminToken: string;
    let version: string;
    try {
      await migrateToLatest(ctx.db);
      tenant = await generate(ctx, { cases: size, progress: process.stdout });
      const tokenFor = async (userId: string) => {
        const actor = await loadActor(ctx.db, tenant.tenantId, userId, { kind: 'token', tokenId: 'bench' });
        if (!actor) throw new Error('bench user missing');
        return (await createApiToken(ctx, actor, { name: 'bench' })).token;
      };
      agentToken = await tokenFor(tenant.benchAgentId);
      adminToken = await tokenFor(tenant.adminId);
      version =
        dialect === 'sqlite'
          ? `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(ctx.db)).rows[0]?.v ?? '?'}`
          : ((await sql<{ v: string }>`select version() as v`.execute(ctx.db)).rows[0]?.v.split(' on ')[0] ??
            '?');
    } finally {
      await close();
    }
    log(
      `  bench agent owns ${tenant.benchAgentOwned} cases (${tenant.benchAgentLive} open or suspended); ${version}`,
    );

    const plans = await queryPlans(database, tenant, agentToken, adminToken);
    const fullScans = plans.flatMap((route) =>
      route.queries.flatMap((q) =>
        q.flags.filter((f) => /^(FULL SCAN|TENANT WALK)/.test(f)).map((f) => `${route.label}: ${f}`),
      ),
    );
    log(
      fullScans.length === 0
        ? '  query plans: no full scan or tenant walk of a large table'
        : `  query plans:\n    ${fullScans.join('\n    ')}`,
    );

    server = await startServerProcess({ url: database.url, tenantId: tenant.tenantId });
    const load = loadavg()[0] ?? Number.NaN;
    const measurements: Measurement[] = [];
    for (const scenario of scenarios(tenant, agentToken, adminToken))
      measurements.push(await measure(server, scenario, options, log));
    return { dialect, cases: size, version, tenant, measurements, plans, fullScans, load };
  } finally {
    cleanups.delete(cleanup);
    await cleanup();
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function table(run: RunResult): string {
  const ceiling = run.measurements.find((m) => m.key === 'ceiling')?.rps ?? Number.NaN;
  const lines = [
    `| scenario | req/s | p50 ms | p99 ms | non-2xx | vs ceiling | result |`,
    `|---|---:|---:|---:|---:|---:|---|`,
  ];
  for (const m of run.measurements) {
    lines.push(
      `| ${m.label} | ${m.rps.toFixed(0)} | ${m.p50.toFixed(2)} | ${m.p99.toFixed(2)} | ${m.non2xx} | ${((m.rps / ceiling) * 100).toFixed(0)}% | ${m.note} |`,
    );
  }
  return lines.join('\n');
}

function growthTable(runs: RunResult[]): string {
  const sizes = [...new Set(runs.map((r) => r.cases))];
  const keys = runs[0]?.measurements.map((m) => ({ key: m.key, label: m.label })) ?? [];
  const lines = [
    `| scenario | ${sizes.map((s) => `p50 ms @ ${s}`).join(' | ')} | ${sizes.map((s) => `req/s @ ${s}`).join(' | ')} |`,
    `|---|${sizes.map(() => '---:').join('|')}|${sizes.map(() => '---:').join('|')}|`,
  ];
  for (const { key, label } of keys) {
    const at = sizes.map((s) => runs.find((r) => r.cases === s)?.measurements.find((m) => m.key === key));
    lines.push(
      `| ${label} | ${at.map((m) => (m ? m.p50.toFixed(2) : '-')).join(' | ')} | ${at.map((m) => (m ? m.rps.toFixed(0) : '-')).join(' | ')} |`,
    );
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(
    `Casedesk benchmark ${startedAt.toISOString()}: ${options.dialects.join(' + ')}, cases ${options.sizes.join(', ')}, ` +
      `${options.duration} s per scenario after ${options.warmup} s warm-up, ${options.connections} connections; ` +
      `Node ${process.version}, ${cpus().length} × ${cpu}; load average ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}\n`,
  );
  const runs: RunResult[] = [];
  for (const dialect of options.dialects)
    for (const size of options.sizes) runs.push(await benchOne(dialect, size, options));

  const out: string[] = [];
  out.push(
    `\n\n## Results (${startedAt.toISOString().slice(0, 10)}, ${cpus().length} × ${cpu}, Node ${process.version})\n`,
  );
  out.push(
    `Command: \`npm run bench -- --cases ${options.sizes.join(',')} --duration ${options.duration} --warmup ${options.warmup} --connections ${options.connections}${options.dialects.length === 1 ? ` --only ${options.dialects[0] ?? ''}` : ''}\`\n`,
  );
  for (const run of runs) {
    out.push(
      `\n### ${run.dialect} (${run.version}), ${run.cases} cases\n\n` +
        `Bench agent: ${run.tenant.benchAgentOwned} cases owned, ${run.tenant.benchAgentLive} open or suspended; ` +
        `load average ${run.load.toFixed(2)} when the load began.\n\n` +
        `${table(run)}\n`,
    );
  }
  for (const dialect of options.dialects) {
    const ofDialect = runs.filter((r) => r.dialect === dialect);
    if (ofDialect.length > 1)
      out.push(`\n### ${dialect}: growth with the tenant size\n\n${growthTable(ofDialect)}\n`);
  }
  out.push('\n## Query plans\n');
  for (const run of runs) {
    out.push(`\n### ${run.dialect}, ${run.cases} cases\n`);
    const parts: string[] = [];
    printPlans(run.plans, (text) => parts.push(text));
    out.push(parts.join(''));
    out.push(
      run.fullScans.length === 0
        ? '\nNo benchmarked query scans or walks a large table in full.\n'
        : `\n**Full scans and tenant walks:**\n\n${run.fullScans.map((f) => `- ${f}`).join('\n')}\n`,
    );
  }
  process.stdout.write(out.join(''));
}

const serveSpec = process.env[SERVE_ENV];
if (serveSpec) {
  serve(JSON.parse(serveSpec) as ServeSpec).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
} else {
  process.once('SIGINT', () => {
    process.stderr.write('\ninterrupted: stopping the server and dropping the bench databases\n');
    void Promise.allSettled([...cleanups].map((c) => c())).then(() => process.exit(130));
  });
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
