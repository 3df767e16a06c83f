#!/usr/bin/env node
/**
 * `pnpm bench [--quick] [--only P2,P3] [--parents N] [--profile]`: runs src/run.ts through tsx from
 * this folder, whose tsconfig turns on the legacy decorators the server's code needs.
 */
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const { status, signal } = spawnSync(process.execPath, ['--import', 'tsx', 'src/run.ts', ...process.argv.slice(2)], {
  cwd: dirname(fileURLToPath(import.meta.url)),
  stdio: 'inherit',
});
process.exit(status ?? (signal ? 1 : 0));
