import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REASONS } from './reasons.js';

/**
 * Every refusal carries `extensions.reason`, one of REASONS (the type of AppError's argument makes any
 * other a compile error), and the web app words each one in every language: a reason added here
 * without its text fails this test, not a teacher reading "Проверьте введённые данные".
 */
const WEB_REASONS = fileURLToPath(new URL('../../../web/src/i18n/reasons.ts', import.meta.url));
const SERVER_SRC = fileURLToPath(new URL('..', import.meta.url));

async function serverSources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((e) =>
      e.isDirectory() ? serverSources(join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [join(dir, e.name)] : []),
    ),
  );
  return nested.flat();
}

describe('refusal reasons', () => {
  it('has a Russian and an English text for every reason the server can give', async () => {
    const { reasonsRu, reasonsEn } = (await import(WEB_REASONS)) as Record<'reasonsRu' | 'reasonsEn', Record<string, string>>;
    for (const texts of [reasonsRu, reasonsEn]) {
      const missing = REASONS.filter((r) => !texts[r]?.trim());
      expect(missing, 'reasons without a text in packages/web/src/i18n/reasons.ts').toEqual([]);
      expect(
        Object.keys(texts).filter((k) => !(REASONS as readonly string[]).includes(k)),
        'texts of reasons the server never gives',
      ).toEqual([]);
    }
  });

  it('lists no reason that no code gives', async () => {
    const files = (await serverSources(SERVER_SRC)).filter((f) => !f.endsWith('reasons.ts'));
    const code = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
    expect(REASONS.filter((r) => !code.includes(`'${r}'`))).toEqual([]);
  });
});
