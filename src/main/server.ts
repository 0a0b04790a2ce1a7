import { loadConfig, type Config } from '../config/config.js';
import { migrateToLatest } from '../db/migrator.js';
import { buildApp } from '../http/app.js';
import { startWorker } from '../domain/notifications/worker.js';
import { createLogger } from '../lib/logger.js';
import { createAppContext } from './context.js';

/** Starts the HTTP server on the configured port after bringing the database schema up to date. */
export async function startServer(
  config: Config = loadConfig(),
  options: { banner?: { text: string }; worker?: boolean } = {},
): Promise<void> {
  const logger = createLogger(config.logLevel);
  const { ctx, close } = await createAppContext(config, logger);
  await migrateToLatest(ctx.db);
  const app = await buildApp(ctx, { processMetrics: true });
  const address = await app.listen({ port: config.port, host: config.host });
  logger.info({ address, database: config.database.kind }, 'casedesk listening');
  const url = config.publicUrl;
  process.stdout.write(`\nCasedesk is running at ${url}  (API docs: ${url}/api/docs)\n`);
  if (options.banner) process.stdout.write(options.banner.text);
  const stopWorker = options.worker === false ? null : startWorker(ctx);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    if (stopWorker) await stopWorker();
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

/** Runs only the job worker (the notification outbox) until SIGINT or SIGTERM. */
export async function startWorkerProcess(config: Config = loadConfig()): Promise<void> {
  const logger = createLogger(config.logLevel);
  const { ctx, close } = await createAppContext(config, logger);
  await migrateToLatest(ctx.db);
  const stopWorker = startWorker(ctx);
  logger.info({ database: config.database.kind }, 'casedesk worker running');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'worker shutting down');
    await stopWorker();
    await close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}
