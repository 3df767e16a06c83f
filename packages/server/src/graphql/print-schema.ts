/** `pnpm schema`: prints the server's schema to /schema.graphql (committed; a test fails when stale). */
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { repoRoot } from '../config.js';
import { systemClock } from '../kernel/clock.js';
import { AuthService } from '../modules/auth/index.js';
import { buildAppSchema } from './schema.js';
import { printSchema } from 'graphql';

export async function printAppSchema(): Promise<string> {
  const schema = await buildAppSchema({ auth: new AuthService(1, systemClock), clock: systemClock });
  return `# Printed from the server by \`pnpm schema\`; do not edit by hand.\n\n${printSchema(schema)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = resolve(repoRoot, 'schema.graphql');
  writeFileSync(file, await printAppSchema());
  console.log(`written ${file}`);
}
