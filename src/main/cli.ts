import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { migrateOneDown, migrateToLatest, migrationStatus } from '../db/migrator.js';
import { createTenantInput } from '../../contract/org.js';
import { createTenant } from '../domain/org/commands/create-tenant.js';
import type { AppContext } from '../domain/context.js';
import { AppError } from '../domain/shared/errors.js';
import { createLogger } from '../lib/logger.js';
import { VERSION } from '../version.js';
import { createAppContext } from './context.js';
import { loadDemo } from './demo.js';
import { startServer, startWorkerProcess } from './server.js';

const USAGE = `casedesk ${VERSION}

Usage: casedesk <command> [options]

Commands:
  serve [--port N] [--no-worker]      HTTP server (migrates the database first) and the job worker
  worker                              only the job worker (sends the notification outbox)
  migrate [up | down | status]        database migrations (default: up)
  tenant create --slug S --name N --admin-email E --admin-password P [--time-zone Z] [--language en|zh-CN] [--json]
                                      a tenant and its first administrator
  demo [--cases N] [--if-empty] [--serve]
                                      a demo tenant with users and data; --serve then starts the server
  --version, --help
`;

class UsageError extends Error {}

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function withContext<T>(config: Config, run: (ctx: AppContext) => Promise<T>): Promise<T> {
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const { ctx, close } = await createAppContext(config, logger);
  try {
    return await run(ctx);
  } finally {
    await close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  if (command === '--version') {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  const config = loadConfig();

  switch (command) {
    case 'serve': {
      const { values } = parseArgs({
        args: rest,
        options: { port: { type: 'string' }, 'no-worker': { type: 'boolean' } },
      });
      const port = values.port === undefined ? config.port : Number(values.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new UsageError('--port must be a port number');
      await startServer({ ...config, port }, { worker: values['no-worker'] !== true });
      return;
    }
    case 'worker': {
      parseArgs({ args: rest, options: {} });
      await startWorkerProcess(config);
      return;
    }
    case 'migrate': {
      const direction = rest[0] ?? 'up';
      await withContext(config, async (ctx) => {
        if (direction === 'up') {
          const result = await migrateToLatest(ctx.db);
          const done = result.results ?? [];
          process.stdout.write(
            done.length === 0
              ? 'Already up to date.\n'
              : done.map((r) => `up: ${r.migrationName}\n`).join(''),
          );
        } else if (direction === 'down') {
          const result = await migrateOneDown(ctx.db);
          const done = result.results ?? [];
          process.stdout.write(
            done.length === 0 ? 'Nothing to undo.\n' : done.map((r) => `down: ${r.migrationName}\n`).join(''),
          );
        } else if (direction === 'status') {
          for (const m of await migrationStatus(ctx.db)) {
            process.stdout.write(
              `${m.executedAt ? 'applied' : 'pending'}  ${m.name}${m.executedAt ? `  ${m.executedAt.toISOString()}` : ''}\n`,
            );
          }
        } else {
          throw new UsageError(`Unknown migrate direction "${direction}": use up, down or status`);
        }
      });
      return;
    }
    case 'tenant': {
      if (rest[0] !== 'create')
        throw new UsageError(
          'Usage: casedesk tenant create --slug S --name N --admin-email E --admin-password P',
        );
      const { values } = parseArgs({
        args: rest.slice(1),
        options: {
          slug: { type: 'string' },
          name: { type: 'string' },
          'admin-email': { type: 'string' },
          'admin-password': { type: 'string' },
          'admin-name': { type: 'string' },
          'time-zone': { type: 'string' },
          language: { type: 'string' },
          json: { type: 'boolean' },
        },
      });
      const parsed = createTenantInput.safeParse({
        slug: values.slug,
        name: values.name,
        adminEmail: values['admin-email'],
        adminPassword: values['admin-password'],
        ...(values['admin-name'] ? { adminName: values['admin-name'] } : {}),
        ...(values['time-zone'] ? { timeZone: values['time-zone'] } : {}),
        ...(values.language ? { defaultLanguage: values.language } : {}),
      });
      if (!parsed.success) {
        const flag: Record<string, string> = {
          adminEmail: '--admin-email',
          adminPassword: '--admin-password',
          adminName: '--admin-name',
          timeZone: '--time-zone',
          defaultLanguage: '--language',
        };
        throw new UsageError(
          parsed.error.issues
            .map((i) => {
              const f = String(i.path[0] ?? '');
              return `${flag[f] ?? `--${f}`}: ${i.message}`;
            })
            .join('\n'),
        );
      }
      await withContext(config, async (ctx) => {
        await migrateToLatest(ctx.db);
        const { tenant, admin } = await createTenant(ctx, parsed.data);
        if (values.json) {
          process.stdout.write(
            `${JSON.stringify({ tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name }, admin: { id: admin.id, email: admin.email } })}\n`,
          );
        } else {
          process.stdout.write(
            `Created tenant "${tenant.name}" (slug ${tenant.slug}) with administrator ${admin.email}.\n`,
          );
        }
      });
      return;
    }
    case 'demo': {
      const { values } = parseArgs({
        args: rest,
        options: { cases: { type: 'string' }, 'if-empty': { type: 'boolean' }, serve: { type: 'boolean' } },
      });
      const cases = values.cases === undefined ? 200 : Number(values.cases);
      if (!Number.isInteger(cases) || cases < 0 || cases > 1_000_000)
        throw new UsageError('--cases must be a whole number from 0 to 1000000');
      const logins = await withContext(config, async (ctx) => {
        await migrateToLatest(ctx.db);
        return loadDemo(ctx, { cases, ifEmpty: values['if-empty'] ?? false, progress: process.stderr });
      });
      if (values.serve) {
        await startServer(config, { banner: logins });
      } else {
        process.stdout.write(logins.text);
      }
      return;
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) fail(error.message, 78);
  if (error instanceof UsageError) fail(error.message, 64);
  if (error instanceof AppError) {
    fail(
      `${error.code}: ${error.detail}${error.errors ? `\n${error.errors.map((e) => `  ${e.field}: ${e.message}`).join('\n')}` : ''}`,
      1,
    );
  }
  if (error instanceof Error && 'code' in error && error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
    fail(error.message, 64);
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
});
