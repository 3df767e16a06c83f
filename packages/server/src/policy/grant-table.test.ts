/**
 * Generated from THE grant table (grant-table.ts): every (granter role × granted role × self/other)
 * through the real API. grantRole and revokeRole are allowed exactly where the table says, never
 * to oneself, and a refusal writes nothing. The table's two invariants and its copy in
 * docs/ARCHITECTURE.md are checked here too.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../db/seeders/school-builder.js';
import { errorOf, type GraphQLClient } from '../testing/graphql-client.js';
import { startTestServer, type TestServer } from '../testing/test-server.js';
import { GRANT_TABLE, ROLE_RANK, grantTableMarkdown } from './grant-table.js';
import { Role } from './roles.js';
import { RoleGrant } from '../modules/school/role-grant.entity.js';
import { User } from '../modules/school/user.entity.js';

const ROLES = Object.values(Role);
/** One holder of each role; the system administrator and the inspector hold theirs outside the school. */
const holder = (role: Role) => `holder_${role.toLowerCase()}`;

let server: TestServer;
let world: SeededWorld;
const clients = new Map<Role, GraphQLClient>();

beforeAll(async () => {
  server = await startTestServer();
  const staff = ROLES.filter((r) => ![Role.SYSTEM_ADMIN, Role.INSPECTOR, Role.PARENT, Role.STUDENT].includes(r));
  let builder = school('Школа').withClass('5А').withParent(holder(Role.PARENT), 'Родитель Анна').withInspector(holder(Role.INSPECTOR), 'Инспектор Олег');
  for (const role of staff) builder = builder.withStaff(holder(role), `Сотрудник ${role}`, [role]);
  builder = builder.withStudent(holder(Role.STUDENT), 'Ученик Петя', { inClass: '5А', parents: [holder(Role.PARENT)] });
  world = await server.seed(builder, { systemAdmins: [{ login: holder(Role.SYSTEM_ADMIN), name: 'Системный Администратор' }] });
  for (const role of ROLES) clients.set(role, await server.as(holder(role)));
});
afterAll(() => server.stop());

const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id role active } }`;
const REVOKE = `mutation($id: ID!) { revokeRole(grantId: $id) { active } }`;

/** When the setting was written; nothing here depends on the day. */
const SETTING_DAY = new Date('2025-09-01T09:00:00Z');

/** A person with no role yet, and one holding `role` in the school (written directly: the setting, not the action). */
async function newPeople(role: Role) {
  const em = server.orm.em.fork();
  const tag = Math.random().toString(36).slice(2, 10);
  const fresh = em.create(User, { login: `fresh.${tag}`, passwordHash: 'x', lastName: 'Новый', firstName: tag, createdAt: SETTING_DAY });
  const holding = em.create(User, { login: `holding.${tag}`, passwordHash: 'x', lastName: 'Имеющий', firstName: tag, createdAt: SETTING_DAY });
  const grant = em.create(RoleGrant, { user: holding, role, school: world.school().id, grantedAt: SETTING_DAY });
  await em.flush();
  return { freshId: fresh.id, grantId: grant.id };
}
const grantsOf = (userId: string) => server.orm.em.fork().count(RoleGrant, { user: userId });
const activeGrant = async (grantId: string) => !(await server.orm.em.fork().findOneOrFail(RoleGrant, grantId)).revokedAt;

describe.each(ROLES)('%s as the granter', (granter) => {
  it.each(ROLES)(`grants and revokes %s to another person exactly where the table says`, async (role) => {
    const allowed = GRANT_TABLE[role].grantedBy.includes(granter);
    const client = clients.get(granter)!;
    const { freshId, grantId } = await newPeople(role);

    const granted = await client.execute(GRANT, { input: { userId: freshId, schoolId: world.school().id, role } });
    const revoked = await client.execute(REVOKE, { id: grantId });

    if (allowed) {
      expect(granted.data?.grantRole).toMatchObject({ role, active: true });
      expect(revoked.data?.revokeRole).toEqual({ active: false });
    } else {
      // The inspector acts in no school: its school is not theirs to know (NOT_FOUND), as is, to whoever
      // does not keep the lists of such people, another's grant.
      expect(errorOf(granted).code).toBe(granter === Role.INSPECTOR ? 'NOT_FOUND' : 'FORBIDDEN');
      expect(await grantsOf(freshId)).toBe(0);
      expect(['FORBIDDEN', 'NOT_FOUND']).toContain(errorOf(revoked).code);
      expect(await activeGrant(grantId)).toBe(true);
    }
  });

  it.each(ROLES)('never grants %s to themself', async (role) => {
    const client = clients.get(granter)!;
    const self = world.user(holder(granter)).id;
    const before = await grantsOf(self);
    expect(errorOf(await client.execute(GRANT, { input: { userId: self, schoolId: world.school().id, role } })).code).toBe(
      granter === Role.INSPECTOR ? 'NOT_FOUND' : 'FORBIDDEN',
    );
    expect(await grantsOf(self)).toBe(before);
  });

  // The platform's and the authority's own grants belong to no school: answered as not there.
  it('never revokes their own grant', async () => {
    const own = await server.orm.em.fork().findOneOrFail(RoleGrant, { user: world.user(holder(granter)).id, role: granter });
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(errorOf(await clients.get(granter)!.execute(REVOKE, { id: own.id })).code);
    expect(await activeGrant(own.id)).toBe(true);
  });
});

describe('the grant table itself', () => {
  it.each(ROLES)('lets nobody grant %s who is outranked by it', (role) => {
    for (const granter of GRANT_TABLE[role].grantedBy) expect(ROLE_RANK[granter], `${granter} grants ${role}`).toBeGreaterThanOrEqual(ROLE_RANK[role]);
  });

  it('is printed in docs/ARCHITECTURE.md as declared', () => {
    const doc = readFileSync(new URL('../../../../docs/ARCHITECTURE.md', import.meta.url), 'utf8');
    expect(doc).toContain(grantTableMarkdown());
  });
});
