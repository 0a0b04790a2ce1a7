import { pino, type Logger } from 'pino';

/** Structured JSON logs; secrets that might pass through request data are redacted. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'casedesk' },
    redact: {
      paths: [
        'password',
        '*.password',
        'adminPassword',
        'token',
        '*.token',
        'authHeader',
        '*.authHeader',
        'req.headers.authorization',
        'req.headers.cookie',
      ],
      censor: '[redacted]',
    },
  });
}
