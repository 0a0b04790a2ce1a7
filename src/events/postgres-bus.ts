import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Logger } from 'pino';
import type { CaseChange, CaseChangeBus } from '../domain/cases/case-events.js';
import { LocalCaseChangeBus } from './local-bus.js';

const CHANNEL = 'casedesk_case_changes';

/**
 * Fans case changes out to every server process through PostgreSQL LISTEN/NOTIFY. Each process
 * delivers its own changes locally at once and ignores their echo; changes of other processes arrive
 * through the listening connection, which reconnects when it drops.
 */
export class PostgresCaseChangeBus implements CaseChangeBus {
  private readonly local = new LocalCaseChangeBus();
  private readonly origin = randomUUID();
  private listener: pg.Client | null = null;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  static async start(url: string, logger: Logger): Promise<PostgresCaseChangeBus> {
    const bus = new PostgresCaseChangeBus(new pg.Pool({ connectionString: url, max: 2 }), url, logger);
    await bus.listen();
    return bus;
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (message) => {
      if (!message.payload) return;
      try {
        const { origin, change } = JSON.parse(message.payload) as { origin: string; change: CaseChange };
        if (origin !== this.origin) this.local.deliverLocally(change);
      } catch (error) {
        this.logger.warn({ err: error }, 'unreadable case change notification');
      }
    });
    client.on('error', (error) => {
      this.logger.warn({ err: error }, 'case change listener lost its connection');
      this.listener = null;
      if (!this.closed) setTimeout(() => void this.listen().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  publish(change: CaseChange): void {
    this.local.deliverLocally(change);
    this.pool
      .query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ origin: this.origin, change })])
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'could not announce a case change to other processes');
      });
  }

  subscribe(listener: (change: CaseChange) => void): () => void {
    return this.local.subscribe(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.local.close();
    await this.listener?.end().catch(() => undefined);
    await this.pool.end();
  }
}
