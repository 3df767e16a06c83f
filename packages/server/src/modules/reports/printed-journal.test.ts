/**
 * Issue 18: the class journal printed for the archive (002 §2.14, 003 §5.7, §5.9), read back from the
 * PDF as text, the way a person reading the paper would see it.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SeededWorld } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { NOW, seedReportsFixture } from './reports.fixture.js';

let server: TestServer;
let world: SeededWorld;
const dir = mkdtempSync(join(tmpdir(), 'dnevnik-printed-'));

beforeAll(async () => {
  server = await startTestServer({ clock: () => NOW });
  world = await seedReportsFixture(server);
});
afterAll(() => server.stop());

/** The export as `login` downloads it, and its pages as text (poppler's pdftotext, one string per page). */
async function printed(login: string, period: string): Promise<{ status: number; pages: string[] }> {
  const { token } = await server.as(login);
  const res = await fetch(`${server.url}/exports/printed-journal/${world.class('5А').id}/${period}.pdf`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status !== 200) return { status: res.status, pages: [] };
  const file = join(dir, `${login}-${period}.pdf`);
  writeFileSync(file, bytes);
  const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-']);
  return { status: 200, pages: stdout.split('\f').filter((p) => p.trim()) };
}

describe('the printed class journal', () => {
  it('prints a quarter as the paper journal: per subject, marks and absences by date facing topics and homework', async () => {
    const { status, pages } = await printed('smirnov', world.periodsOf()[1].id);
    expect(status).toBe(200);
    expect(pages[0]).toMatch(/Школа № 1\s+КЛАССНЫЙ ЖУРНАЛ\s+5А класс\s+2 четверть \(2026-11-05 — 2026-12-28\)\s+Классный руководитель: Смирнов Олег Ильич/);
    // Mathematics has 37 lessons in the quarter: two spreads of at most 20 dates; the period marks close the last.
    const math = pages.filter((p) => p.startsWith('Математика 5А · успеваемость'));
    expect(math).toHaveLength(2);
    expect(math[0]).toMatch(/Фамилия, имя\s+05\.11\s+06\.11 .* 02\.12\n/);
    expect(math[1]).toMatch(/Фамилия, имя\s+03\.12 .* 28\.12\s+2 четв\.\n/);
    expect(math[1]).toMatch(/1 Алексеев Артём\s+5\s+4\s+у\s+4\n/);
    expect(math[1]).toMatch(/2 Борисова Вера\s+3\s+оп\s+3\n/);
    expect(math[1]).toMatch(/3 Васильев Глеб\s+б\s+б\s+Н\/А\n/);
    expect(pages.find((p) => p.startsWith('Русский язык 5А · успеваемость'))).toMatch(/3 Васильев Глеб\s+4\s+н\s+ОСВ\n/);
    const taught = pages.filter((p) => p.startsWith('Математика 5А · что пройдено на уроке'));
    expect(taught[1]).toMatch(/22\.12\s+1\s+Сложение дробей\s+№ 12, 14\n/);
    expect(taught[1]).toContain('Подпись учителя');
    expect(pages.at(-1)).toMatch(/Директор _+\s+Классный руководитель _+\s+М\.П\./);
    expect(pages.join('')).not.toContain('Сводная ведомость итоговой успеваемости');
  });

  it("prints the year with every period's marks and the year's summary sheet of final marks (003 §5.9)", async () => {
    const { status, pages } = await printed('director', 'year');
    expect(status).toBe(200);
    expect(pages[0]).toContain('2026/2027 учебный год');
    const math = pages.filter((p) => p.startsWith('Математика 5А · успеваемость'));
    expect(math.at(-1)).toMatch(/1 четв\.\s+2 четв\.\s+3 четв\.\s+4 четв\.\s+Год\s+Экз\.\s+Итог\n/);
    // Артём: 3 for the 1st quarter, 4 for the 2nd; the marks of October are on an earlier spread.
    expect(math.at(-1)).toMatch(/1 Алексеев Артём\s+3\s+4\n/);
    expect(math.some((p) => /1 Алексеев Артём\s+3\n/.test(p) && p.includes('20.10'))).toBe(true);
    const summary = pages.find((p) => p.includes('Сводная ведомость итоговой успеваемости'));
    expect(summary).toMatch(/Фамилия, имя\s+Математика\s+Русский язык\n/);
    expect(summary).toMatch(/3\s+Васильев Глеб\n/);
  });

  it("is the class's document: its class teacher and the administration print it, a subject teacher and a parent do not", async () => {
    const q2 = world.periodsOf()[1].id;
    expect((await printed('ivanova', q2)).status).toBeGreaterThanOrEqual(400);
    expect((await printed('alekseeva', 'year')).status).toBeGreaterThanOrEqual(400);
    // A malformed id in the path is the caller's mistake, answered as GraphQL answers it, never INTERNAL.
    expect((await printed('director', 'no-such-period')).status).toBe(400);
    expect((await printed('director', randomUUID())).status).toBe(400);
  });
});
