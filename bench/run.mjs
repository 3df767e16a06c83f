#!/usr/bin/env node
/**
 * `pnpm bench [--quick] [--only P2,P3] [--parents N] [--watchers N] [--profile] [--print-readme]`:
 * runs src/run.ts through tsx from this folder, whose tsconfig turns on the legacy decorators the
 * server's code needs. The run holds tens of thousands of sockets (the server one per client, the
 * client fleets theirs), so it raises its open-files limit first: to 1,048,576 where allowed (root),
 * else to the hard limit. Every process of the run inherits it.
 */
import { spawnSync } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const raise = 'ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"';
const { status, signal } = spawnSync('sh', ['-c', raise, process.execPath, '--import', 'tsx', 'src/run.ts', ...process.argv.slice(2)], {
  cwd: dirname(fileURLToPath(import.meta.url)),
  stdio: 'inherit',
});
process.exit(status ?? (signal ? 1 : 0));
