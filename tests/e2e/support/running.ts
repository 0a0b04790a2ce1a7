import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseTarget } from '../../../src/db/connection.js';

const RUNNING_FILE = join(import.meta.dirname, '..', '..', '..', 'test-results', 'e2e-running.json');

/** What global teardown must stop and remove, even when setup failed halfway. */
export interface RunningServer {
  pid: number;
  dataDir: string;
  databaseDrop: DatabaseTarget;
}

export function saveRunning(running: RunningServer): void {
  writeFileSync(RUNNING_FILE, JSON.stringify(running));
}

export function loadRunning(): RunningServer | null {
  try {
    return JSON.parse(readFileSync(RUNNING_FILE, 'utf8')) as RunningServer;
  } catch {
    return null;
  } finally {
    rmSync(RUNNING_FILE, { force: true });
  }
}
