#!/usr/bin/env node
// The one test command (`npm test`): type check, lint, then every test suite (unit, integration on
// SQLite, integration on PostgreSQL, and the web UI in Chromium on both databases). It ends with a
// plain "N passed, N failed" line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

function run(label, command, args, env = {}) {
  process.stdout.write(`\n== ${label}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

const npx = 'npx';
let failedStep = null;

if (run('type check', npx, ['tsc', '--noEmit', '-p', 'tsconfig.json']) !== 0) failedStep ??= 'type check';
if (run('type check (web UI)', npx, ['tsc', '--noEmit', '-p', 'web/tsconfig.json']) !== 0)
  failedStep ??= 'type check (web UI)';
if (run('lint', npx, ['eslint', '.']) !== 0) failedStep ??= 'lint';

const report = 'test-results/vitest.json';
rmSync(report, { force: true });
mkdirSync('test-results', { recursive: true });
const vitestStatus = run('tests (unit, SQLite, PostgreSQL)', npx, [
  'vitest',
  'run',
  '--reporter=default',
  `--reporter=json`,
  `--outputFile.json=${report}`,
]);
if (vitestStatus !== 0) failedStep ??= 'tests';

for (const dialect of ['sqlite', 'postgres']) rmSync(`test-results/e2e-${dialect}.json`, { force: true });
if (run('UI tests (Chromium; SQLite, PostgreSQL)', process.execPath, ['scripts/e2e.mjs']) !== 0)
  failedStep ??= 'UI tests';

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(report)) {
  const summary = JSON.parse(readFileSync(report, 'utf8'));
  passed = summary.numPassedTests ?? 0;
  failed = summary.numFailedTests ?? 0;
  skipped = (summary.numPendingTests ?? 0) + (summary.numTodoTests ?? 0);
  if (passed === 0) failedStep ??= 'tests (none ran)';
} else {
  failedStep ??= 'tests (no report)';
}
for (const dialect of ['sqlite', 'postgres']) {
  const uiReport = `test-results/e2e-${dialect}.json`;
  if (!existsSync(uiReport)) {
    failedStep ??= `UI tests on ${dialect} (no report)`;
    continue;
  }
  const stats = JSON.parse(readFileSync(uiReport, 'utf8')).stats ?? {};
  passed += stats.expected ?? 0;
  failed += (stats.unexpected ?? 0) + (stats.flaky ?? 0);
  skipped += stats.skipped ?? 0;
}

process.stdout.write(`\n${failedStep ? `FAILED at ${failedStep}` : 'All checks passed'}\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
process.exit(failedStep ? 1 : 0);
