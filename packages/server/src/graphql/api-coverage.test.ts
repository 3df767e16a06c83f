/**
 * Every root field of the schema has a caller in the web app (its persisted documents) or a line in
 * docs/API.md saying who uses it instead: the script that lists the others must list none.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain script of the web package, without type declarations
import { apiCoverage } from '../../../web/scripts/api-coverage.mjs';

const SCRIPT = fileURLToPath(new URL('../../../web/scripts/api-coverage.mjs', import.meta.url));

describe('API coverage', () => {
  it('leaves no root field of the schema both uncalled by the web app and unexplained in docs/API.md', () => {
    const report = apiCoverage() as { total: number; called: number; unexplained: string[]; stale: string[] };
    expect(report.total).toBeGreaterThan(90);
    expect(report.unexplained).toEqual([]);
    expect(report.stale).toEqual([]);
  });

  it('prints none unexplained when run as a script', () => {
    const output = execFileSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
    expect(output).toMatch(/^\d+ of \d+ root fields are called by the web app; \d+ others are explained in docs\/API\.md\.\n$/);
  });
});
