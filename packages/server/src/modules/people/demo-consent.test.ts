import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../db/seeders/demo-school.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { Consent } from './consent.entity.js';
import { Guardianship } from './student.entity.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: true });
});
afterAll(() => server.stop());

it('gives every demo family a recorded consent (R-A6), so every demo login opens the diary', async () => {
  const em = server.orm.em.fork();
  const [links, consents] = await Promise.all([em.find(Guardianship, {}), em.find(Consent, { withdrawnAt: null })]);
  const consented = new Set(consents.map((c) => `${c.givenBy.id}/${c.student.id}`));
  expect(links.filter((g) => !consented.has(`${g.parent.id}/${g.student.id}`))).toEqual([]);

  for (const login of ['parent', 'student']) {
    const client = server.client();
    await client.login(login, DEMO_PASSWORD);
    const { viewer } = await client.data(`{ viewer { id children { id diaryAccess } } }`);
    const studentId = login === 'student' ? viewer.id : viewer.children[0].id;
    expect(viewer.children.every((c: { diaryAccess: string }) => c.diaryAccess === 'ALLOWED')).toBe(true);
    expect((await client.execute(`query($id: ID!) { studentProfile(studentId: $id) { id } }`, { id: studentId })).errors).toBeUndefined();
  }
});
