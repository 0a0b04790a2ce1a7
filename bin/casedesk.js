#!/usr/bin/env node
// The casedesk command. Runs the compiled CLI, building it first when the build is missing or older
// than the sources, so that `npm start` on a fresh clone just works.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const entry = join(root, 'dist', 'src', 'main', 'cli.js');

function newestMtime(dir) {
  let newest = 0;
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, item.name);
    newest = Math.max(newest, item.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const sourcesChanged = () =>
  existsSync(join(root, 'src')) &&
  Math.max(newestMtime(join(root, 'src')), newestMtime(join(root, 'contract'))) > statSync(entry).mtimeMs;

if (!existsSync(entry) || sourcesChanged()) {
  process.stderr.write('Building Casedesk...\n');
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

await import(pathToFileURL(entry).href);
