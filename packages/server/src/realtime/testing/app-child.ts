/**
 * Starts `app-process.ts` in a child process the way `pnpm start` runs the server (`node --import tsx`):
 * production's runtime, not vitest's transform (they emit different decorator metadata, issue 15).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const APP_PROCESS = fileURLToPath(new URL('./app-process.ts', import.meta.url));
const SERVER_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** Resolves with the child and its URL once it listens; `env` adds settings (CLOCK, SMTP_URL…). */
export function startAppChild(databaseUrl: string, port: number, env: Record<string, string> = {}): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', APP_PROCESS], {
    cwd: SERVER_ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), NODE_ENV: 'test', REDIS_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve({ child, url: (JSON.parse(line) as { url: string }).url });
    });
    child.once('exit', (code) => reject(new Error(`the app process exited with ${code} before listening`)));
  });
}
