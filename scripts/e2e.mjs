#!/usr/bin/env node
// The UI tests: makes sure Chromium is there, then runs the Playwright suite once per database
// (SQLite, then PostgreSQL), each against its own freshly started and seeded server.
// `node scripts/e2e.mjs sqlite` runs one database only. Prints "e2e: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync } from 'node:fs';

const dialects = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
const extra = process.argv.slice(2).filter((arg) => arg.startsWith('-'));
const targets = dialects.length > 0 ? dialects : ['sqlite', 'postgres'];

if (spawnSync(process.execPath, ['scripts/ensure-browser.mjs'], { stdio: 'inherit' }).status !== 0)
  process.exit(1);

// Always test the UI as it is now: build it once for both runs (the build prints the bundle sizes).
process.stdout.write('\n== building the web UI\n');
if (spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { stdio: 'inherit' }).status !== 0)
  process.exit(1);

let passed = 0;
let failed = 0;
let status = 0;
for (const dialect of targets) {
  process.stdout.write(`\n== UI tests on ${dialect}\n`);
  const result = spawnSync('npx', ['playwright', 'test', ...extra], {
    stdio: 'inherit',
    env: { ...process.env, CASEDESK_E2E_DIALECT: dialect },
  });
  if (result.status !== 0) status = 1;
  const report = 'test-results/e2e.json';
  if (existsSync(report)) {
    const stats = JSON.parse(readFileSync(report, 'utf8')).stats ?? {};
    passed += stats.expected ?? 0;
    failed += (stats.unexpected ?? 0) + (stats.flaky ?? 0);
    renameSync(report, `test-results/e2e-${dialect}.json`);
  } else {
    status = 1;
  }
}
process.stdout.write(`e2e: ${passed} passed, ${failed} failed\n`);
process.exit(status);
