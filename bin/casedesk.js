#!/usr/bin/env node
// The casedesk command. Runs the compiled CLI, building it (and the web UI) first when a build is
// missing or older than its sources, so that `npm start` on a fresh clone just works.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'src', 'main', 'cli.js');
const webIndex = join(root, 'dist', 'web', 'index.html');

function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const staleAgainst = (output, sources) =>
  !existsSync(output) ||
  Math.max(...sources.map((dir) => newestMtime(join(root, dir)))) > statSync(output).mtimeMs;

function runNode(script, args) {
  const result = spawnSync(process.execPath, [join(root, 'node_modules', ...script), ...args], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// A checkout without sources (a packaged install) runs what it has.
if (existsSync(join(root, 'src'))) {
  if (staleAgainst(entry, ['src', 'contract'])) {
    process.stderr.write('Building Casedesk...\n');
    runNode(['typescript', 'bin', 'tsc'], ['-p', join(root, 'tsconfig.build.json')]);
  }
  if (existsSync(join(root, 'web')) && staleAgainst(webIndex, ['web/src', 'contract'])) {
    process.stderr.write('Building the web UI...\n');
    runNode(
      ['vite', 'bin', 'vite.js'],
      ['build', '--config', join(root, 'web', 'vite.config.ts'), '--logLevel', 'warn'],
    );
  }
}

await import(pathToFileURL(entry).href);
