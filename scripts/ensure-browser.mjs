#!/usr/bin/env node
// The UI tests drive Debian's Chromium (never a browser a tool downloads) and need a font with
// Chinese glyphs for the Simplified Chinese pages and screenshots. A fresh machine has neither, so
// this installs them from Debian's packages when they are missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = process.env.CASEDESK_CHROMIUM ?? '/usr/bin/chromium';

function hasChineseFont() {
  const result = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim().length > 0;
}

const missing = [];
if (!existsSync(CHROMIUM)) missing.push('chromium');
if (!hasChineseFont()) missing.push('fonts-wqy-microhei');

if (missing.length > 0) {
  process.stdout.write(`Installing ${missing.join(' and ')} from Debian's packages (about 30 s)...\n`);
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  const run = (args) => {
    const [command, ...rest] = [...prefix, ...args];
    const result = spawnSync(command, rest, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) {
      process.stderr.write(
        `Could not install ${missing.join(', ')}: run "apt-get update && apt-get install -y ${missing.join(' ')}" as root.\n`,
      );
      process.exit(1);
    }
  };
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', ...missing]);
}
if (!existsSync(CHROMIUM)) {
  process.stderr.write(`Chromium is still missing at ${CHROMIUM}.\n`);
  process.exit(1);
}
