import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What global setup started and seeded, shared with the tests through a file. */
export interface E2eEnvironment {
  baseUrl: string;
  dialect: 'sqlite' | 'postgres';
  tenant: string;
  password: string;
  admin: { email: string; id: string };
  agentA: { email: string; id: string; name: string };
  agentB: { email: string; id: string; name: string };
  queue: { id: string; name: string };
  caseType: { id: string; name: string; process: string[] };
  customer: { id: string; name: string };
}

export const STATE_FILE = join(import.meta.dirname, '..', '..', '..', 'test-results', 'e2e-state.json');

export function e2eEnvironment(): E2eEnvironment {
  return JSON.parse(readFileSync(STATE_FILE, 'utf8')) as E2eEnvironment;
}
