import { resolve, join } from 'node:path';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

const booleanText = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * The environment variables Casedesk reads, each with its rule. A wrong value stops the process at
 * boot with a message naming the variable, rather than failing later in some request.
 */
const environmentSchema = z.object({
  PORT: integer(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  CASEDESK_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .refine((v) => /^(postgres|postgresql):\/\//.test(v) || /^(sqlite:|file:)/.test(v), {
      error: 'must start with postgres:// (PostgreSQL) or sqlite: (a SQLite file path)',
    })
    .optional(),
  CASEDESK_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  CASEDESK_ATTACHMENT_STORE: z.enum(['fs', 'db']).default('fs'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  CASEDESK_TRUST_PROXY: booleanText.default(false),
  CASEDESK_SESSION_IDLE_HOURS: integer(1, 24 * 90).default(12),
  CASEDESK_SIGNIN_ACCOUNT_MAX_FAILURES: integer(1, 1000).default(5),
  CASEDESK_SIGNIN_ACCOUNT_LOCK_MINUTES: integer(1, 24 * 60).default(15),
  CASEDESK_SIGNIN_CLIENT_MAX_FAILURES: integer(1, 100000).default(20),
  CASEDESK_SIGNIN_CLIENT_WINDOW_SECONDS: integer(1, 3600).default(60),
  /** argon2id memory cost in KiB; the default is OWASP's recommendation. Tests lower it. */
  CASEDESK_ARGON2_MEMORY_KIB: integer(1024, 4 * 1024 * 1024).default(19456),
  CASEDESK_ARGON2_TIME_COST: integer(1, 100).default(2),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  publicUrl: string;
  secureCookies: boolean;
  attachmentStore: 'fs' | 'db';
  logLevel: (typeof LOG_LEVELS)[number];
  trustProxy: boolean;
  sessionIdleMs: number;
  signIn: {
    accountMaxFailures: number;
    accountLockMs: number;
    clientMaxFailures: number;
    clientWindowMs: number;
  };
  argon2: { memoryCost: number; timeCost: number };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into the one config object; throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return `${name}: ${issue.message} (got ${JSON.stringify(present[name] ?? '')})`;
      }),
    );
  }
  const e = parsed.data;
  const dataDir = resolve(e.CASEDESK_DATA_DIR);
  const database: Config['database'] =
    e.DATABASE_URL && /^postgres/.test(e.DATABASE_URL)
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : {
          kind: 'sqlite',
          file: e.DATABASE_URL
            ? resolve(e.DATABASE_URL.replace(/^(sqlite:|file:)(\/\/)?/, ''))
            : join(dataDir, 'casedesk.sqlite'),
        };
  const publicUrl = (e.CASEDESK_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    attachmentStore: e.CASEDESK_ATTACHMENT_STORE,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.CASEDESK_TRUST_PROXY,
    sessionIdleMs: e.CASEDESK_SESSION_IDLE_HOURS * 3_600_000,
    signIn: {
      accountMaxFailures: e.CASEDESK_SIGNIN_ACCOUNT_MAX_FAILURES,
      accountLockMs: e.CASEDESK_SIGNIN_ACCOUNT_LOCK_MINUTES * 60_000,
      clientMaxFailures: e.CASEDESK_SIGNIN_CLIENT_MAX_FAILURES,
      clientWindowMs: e.CASEDESK_SIGNIN_CLIENT_WINDOW_SECONDS * 1000,
    },
    argon2: { memoryCost: e.CASEDESK_ARGON2_MEMORY_KIB, timeCost: e.CASEDESK_ARGON2_TIME_COST },
  };
}
