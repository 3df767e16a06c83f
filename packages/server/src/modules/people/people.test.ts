import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { school, type SeededWorld } from '../../db/seeders/school-builder.js';
import { startTestServer, type TestServer } from '../../testing/test-server.js';
import { errorOf } from '../../testing/graphql-client.js';
import { AuditEvent } from '../audit/audit.entity.js';
import { RoleGrant } from '../school/role-grant.entity.js';
import { Role } from '../../policy/roles.js';
import { Guardianship } from './student.entity.js';
import { User } from '../school/user.entity.js';

let server: TestServer;
let world: SeededWorld;

beforeAll(async () => {
  server = await startTestServer();
  world = await server.seed([
    school('Школа № 1')
      .withStaff('hr', 'Ситникова Галина Петровна', [Role.HR])
      .withStaff('director', 'Тихонов Виктор Павлович', [Role.DIRECTOR])
      .withStaff('secretary', 'Зуева Наталья Олеговна', [Role.SECRETARY])
      .withStaff('teacher', 'Ковалёва Елена Викторовна', [Role.TEACHER], { position: 'учитель математики' })
      .withClass('5А')
      .withStudent('petya', 'Петров Пётр Ильич', { inClass: '5А' }),
    school('Школа № 2').withStaff('hr2', 'Гусева Ольга Петровна', [Role.HR]).withStaff('director2', 'Громов Игорь Сергеевич', [Role.DIRECTOR]).withClass('7Б'),
  ]);
});
afterAll(() => server.stop());

const CREATE = `mutation($input: CreatePersonInput!) {
  createPerson(input: $input) { initialPassword person { id login fullName birthDate active grants { role position active school { name } } } }
}`;
const GRANT = `mutation($input: GrantRoleInput!) { grantRole(input: $input) { id role active endsOn school { name } } }`;
const REVOKE = `mutation($id: ID!) { revokeRole(grantId: $id) { active revokedAt } }`;
const CONTRACT = `mutation($id: ID!, $endsOn: LocalDate) { setContractEnd(grantId: $id, endsOn: $endsOn) { endsOn } }`;
const LINK = `mutation($parentId: ID!, $studentId: ID!, $kind: GuardianKind!) {
  linkGuardian(parentId: $parentId, studentId: $studentId, kind: $kind, reason: "заявление матери") { fullName kind hasConsent }
}`;

const school1 = () => world.school('Школа № 1').id;
const school2 = () => world.school('Школа № 2').id;
const counts = async () => {
  const em = server.orm.em.fork();
  return [await em.count(User), await em.count(RoleGrant), await em.count(AuditEvent)];
};

describe('adding people (R-O6)', () => {
  it('lets HR add a teacher: a login is made from the name and a one-time password is shown once', async () => {
    const hr = await server.as('hr');

    const { createPerson } = await hr.data(CREATE, {
      input: { schoolId: school1(), roles: ['TEACHER'], lastName: 'Иванова', firstName: 'Анна', middleName: 'Петровна', position: 'учитель русского языка' },
    });

    expect(createPerson.person).toMatchObject({
      login: 'ivanova.ap',
      fullName: 'Иванова Анна Петровна',
      active: true,
      grants: [{ role: 'TEACHER', position: 'учитель русского языка', active: true, school: { name: 'Школа № 1' } }],
    });
    expect(createPerson.initialPassword).toMatch(/^[A-Za-z0-9]{12}$/);
    // The person signs in with it; only its argon2 hash is kept, and the audit log holds no password.
    const newcomer = server.client();
    await newcomer.login('ivanova.ap', createPerson.initialPassword);
    const user = await server.orm.em.fork().findOneOrFail(User, { login: 'ivanova.ap' });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const event = await server.orm.em.fork().findOneOrFail(AuditEvent, { action: 'person.create', entityId: user.id });
    expect(JSON.stringify(event.data)).not.toContain(createPerson.initialPassword);
  });

  it('gives a namesake the next free login', async () => {
    const hr = await server.as('hr');
    const { createPerson } = await hr.data(CREATE, {
      input: { schoolId: school1(), roles: ['TEACHER'], lastName: 'Иванова', firstName: 'Алла', middleName: 'Павловна' },
    });
    expect(createPerson.person.login).toBe('ivanova.ap2');
  });

  it('lets the secretary add a student and a parent', async () => {
    const secretary = await server.as('secretary');
    const { createPerson } = await secretary.data(CREATE, {
      input: { schoolId: school1(), roles: ['STUDENT'], lastName: 'Щукина', firstName: 'Юлия', birthDate: '2014-05-06', login: 'Yulia.S' },
    });
    expect(createPerson.person).toMatchObject({ login: 'yulia.s', birthDate: '2014-05-06', grants: [{ role: 'STUDENT' }] });
  });

  it.each([
    ['the secretary adding a teacher', 'secretary', ['TEACHER'], 'TEACHER is granted and revoked only by DIRECTOR, DEPUTY_DIRECTOR, SCHOOL_ADMIN, HR.'],
    ['HR adding a student', 'hr', ['STUDENT'], 'STUDENT is granted and revoked only by DIRECTOR, DEPUTY_DIRECTOR, SCHOOL_ADMIN, SECRETARY.'],
    ['HR adding a director', 'hr', ['DIRECTOR'], 'DIRECTOR is granted and revoked only by SYSTEM_ADMIN.'],
    ['a school adding a system administrator', 'director', ['SYSTEM_ADMIN'], 'No school grants SYSTEM_ADMIN.'],
  ])('refuses %s (FORBIDDEN), writing nothing', async (_what, login, roles, message) => {
    const client = await server.as(login);
    const before = await counts();
    expect(errorOf(await client.execute(CREATE, { input: { schoolId: school1(), roles, lastName: 'Тестов', firstName: 'Тест' } }))).toMatchObject({
      code: 'FORBIDDEN',
      message,
    });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['a login that is taken', { roles: ['TEACHER'], login: 'teacher' }, 'The login "teacher" is taken.'],
    ['a student with another role', { roles: ['STUDENT', 'TEACHER'] }, 'A student holds no other role in the school.'],
  ])('refuses %s with BAD_USER_INPUT, writing nothing', async (_what, input, message) => {
    // The director may grant every role asked for: what is refused is the request itself.
    const director = await server.as('director');
    const before = await counts();
    expect(errorOf(await director.execute(CREATE, { input: { schoolId: school1(), lastName: 'Тестов', firstName: 'Тест', ...input } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message,
    });
    expect(await counts()).toEqual(before);
  });

  it('lists the staff of the school for HR, and refuses the list to a teacher', async () => {
    const hr = await server.as('hr');
    const { people } = await hr.data(`query($s: ID!) { people(schoolId: $s, role: TEACHER) { login } }`, { s: school1() });
    expect(people.map((p: { login: string }) => p.login).sort()).toEqual(['ivanova.ap', 'ivanova.ap2', 'teacher']);
    const teacher = await server.as('teacher');
    expect(errorOf(await teacher.execute(`query($s: ID!) { people(schoolId: $s) { login } }`, { s: school1() })).code).toBe('FORBIDDEN');
  });
});

describe('role grants (R-A1)', () => {
  it("lets another school's HR take on a teacher of this school: one person, grants in two schools", async () => {
    const hr2 = await server.as('hr2');
    const { grantRole } = await hr2.data(GRANT, {
      input: { userId: world.user('teacher').id, schoolId: school2(), role: 'TEACHER', position: 'учитель математики' },
    });
    expect(grantRole).toMatchObject({ role: 'TEACHER', active: true, school: { name: 'Школа № 2' } });

    const teacher = await server.as('teacher');
    const { viewer } = await teacher.data(`{ viewer { roles } }`);
    expect(viewer.roles).toEqual(['TEACHER']);
    const grants = await server.orm.em.fork().find(RoleGrant, { user: world.user('teacher').id, revokedAt: null });
    expect(grants.map((g) => g.school?.id).sort()).toEqual([school1(), school2()].sort());
  });

  it('refuses a teacher grant in another school, which the viewer is nothing to (NOT_FOUND), writing nothing', async () => {
    const hr = await server.as('hr');
    const before = await counts();
    expect(errorOf(await hr.execute(GRANT, { input: { userId: world.user('petya').id, schoolId: school2(), role: 'TEACHER' } }))).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No such school.',
    });
    expect(await counts()).toEqual(before);
  });

  it('refuses a role the person already holds there', async () => {
    const hr = await server.as('hr');
    expect(errorOf(await hr.execute(GRANT, { input: { userId: world.user('teacher').id, schoolId: school1(), role: 'TEACHER' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Ковалёва Елена Викторовна already holds TEACHER in this school.',
    });
  });

  it('revokes a grant: the role stops working with the next request', async () => {
    const director = await server.as('director');
    const { grantRole } = await director.data(GRANT, { input: { userId: world.user('teacher').id, schoolId: school1(), role: 'HR' } });
    const teacher = await server.as('teacher');
    expect((await teacher.data(`{ viewer { roles } }`)).viewer.roles.sort()).toEqual(['HR', 'TEACHER']);

    const { revokeRole } = await director.data(REVOKE, { id: grantRole.id });

    expect(revokeRole.active).toBe(false);
    expect((await teacher.data(`{ viewer { roles } }`)).viewer.roles).toEqual(['TEACHER']);
    expect(errorOf(await director.execute(REVOKE, { id: grantRole.id }))).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'This grant is already revoked.',
      reason: 'ALREADY_REVOKED',
    });
  });

  it('answers a grant of another school as not found', async () => {
    const grant = await server.orm.em.fork().findOneOrFail(RoleGrant, { user: world.user('director2').id });
    const hr = await server.as('hr');
    expect(errorOf(await hr.execute(REVOKE, { id: grant.id })).code).toBe('NOT_FOUND');
  });
});

describe('the end of a staff contract (R-A7)', () => {
  const teacherGrant = () => server.orm.em.fork().findOneOrFail(RoleGrant, { user: world.user('teacher').id, school: school1(), role: Role.TEACHER });

  it('lets HR set the last day of a contract, and audits it', async () => {
    const hr = await server.as('hr');
    const grant = await teacherGrant();
    expect(await hr.data(CONTRACT, { id: grant.id, endsOn: '2027-06-30' })).toEqual({ setContractEnd: { endsOn: '2027-06-30' } });
    const event = await server.orm.em.fork().findOneOrFail(AuditEvent, { action: 'grant.contract-end', entityId: grant.id });
    expect(event.data).toMatchObject({ from: null, to: '2027-06-30' });
  });

  it('refuses the secretary, who may not know a staff grant (NOT_FOUND), and a student grant (BAD_USER_INPUT)', async () => {
    const secretary = await server.as('secretary');
    expect(errorOf(await secretary.execute(CONTRACT, { id: (await teacherGrant()).id, endsOn: '2027-01-01' })).code).toBe('NOT_FOUND');
    const studentGrant = await server.orm.em.fork().findOneOrFail(RoleGrant, { user: world.user('petya').id });
    const director = await server.as('director');
    expect(errorOf(await director.execute(CONTRACT, { id: studentGrant.id, endsOn: '2027-01-01' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Only staff grants have a contract end.',
    });
  });
});

describe('families', () => {
  it('links a parent to a student; the parent sees the child at once', async () => {
    const secretary = await server.as('secretary');
    const { createPerson } = await secretary.data(CREATE, {
      input: { schoolId: school1(), roles: ['PARENT'], lastName: 'Петрова', firstName: 'Мария', middleName: 'Ивановна' },
    });

    const { linkGuardian } = await secretary.data(LINK, { parentId: createPerson.person.id, studentId: world.user('petya').id, kind: 'MOTHER' });

    expect(linkGuardian).toEqual({ fullName: 'Петрова Мария Ивановна', kind: 'MOTHER', hasConsent: false });
    const parent = server.client();
    await parent.login(createPerson.person.login, createPerson.initialPassword);
    expect((await parent.data(`{ viewer { children { fullName diaryAccess } } }`)).viewer.children).toEqual([
      { fullName: 'Петров Пётр Ильич', diaryAccess: 'CONSENT_REQUIRED' },
    ]);
    expect(errorOf(await secretary.execute(LINK, { parentId: createPerson.person.id, studentId: world.user('petya').id, kind: 'MOTHER' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'Петрова Мария Ивановна is already linked to Петров Пётр Ильич.',
    });
  });

  it('gives a member of staff linked as a parent the PARENT role in the school', async () => {
    const secretary = await server.as('secretary');
    await secretary.data(LINK, { parentId: world.user('teacher').id, studentId: world.user('petya').id, kind: 'GUARDIAN' });
    const teacher = await server.as('teacher');
    expect((await teacher.data(`{ viewer { roles } }`)).viewer.roles.sort()).toEqual(['PARENT', 'TEACHER']);
  });

  it("refuses another school's HR linking parents to a student they may not know (NOT_FOUND)", async () => {
    const hr2 = await server.as('hr2');
    expect(errorOf(await hr2.execute(LINK, { parentId: world.user('hr2').id, studentId: world.user('petya').id, kind: 'FATHER' })).code).toBe('NOT_FOUND');
  });

  it("refuses the secretary making themself a child's guardian, and a link without a reason, writing nothing", async () => {
    const secretary = await server.as('secretary');
    const before = await counts();
    expect(errorOf(await secretary.execute(LINK, { parentId: world.user('secretary').id, studentId: world.user('petya').id, kind: 'MOTHER' }))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Nobody links themself to a child: another member of the administration does.',
    });
    const noReason = await secretary.execute(
      `mutation($p: ID!, $s: ID!) { linkGuardian(parentId: $p, studentId: $s, kind: FATHER, reason: "  ") { fullName } }`,
      { p: world.user('hr').id, s: world.user('petya').id },
    );
    expect(noReason.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    expect(await counts()).toEqual(before);
  });

  it('leaves linking parents to the journal administrator and the secretary, not the director', async () => {
    const director = await server.as('director');
    expect(errorOf(await director.execute(LINK, { parentId: world.user('hr').id, studentId: world.user('petya').id, kind: 'FATHER' })).code).toBe('FORBIDDEN');
  });

  it('ends a link with a reason: the parent loses the child at once, and the audit log keeps why', async () => {
    const secretary = await server.as('secretary');
    const teacher = await server.as('teacher');
    expect((await teacher.data(`{ viewer { children { fullName } } }`)).viewer.children).toEqual([{ fullName: 'Петров Пётр Ильич' }]);

    const END = `mutation($p: ID!, $s: ID!) { endGuardianship(parentId: $p, studentId: $s, reason: "решение суда № 5") }`;
    expect(await secretary.data(END, { p: world.user('teacher').id, s: world.user('petya').id })).toEqual({ endGuardianship: true });

    expect((await teacher.data(`{ viewer { children { fullName } } }`)).viewer.children).toEqual([]);
    const event = await server.orm.em.fork().findOneOrFail(AuditEvent, { action: 'guardian.end' });
    expect(event.data).toEqual({ parentId: world.user('teacher').id, studentId: world.user('petya').id, kind: 'GUARDIAN', reason: 'решение суда № 5' });
    expect(errorOf(await secretary.execute(END, { p: world.user('teacher').id, s: world.user('petya').id }))).toMatchObject({ code: 'BAD_USER_INPUT' });
    // The link stays on record, ended (its last day is yesterday), not deleted.
    const link = await server.orm.em.fork().findOneOrFail(Guardianship, { parent: world.user('teacher').id, student: world.user('petya').id });
    expect(link.endsOn).not.toBeNull();
  });
});

describe('keeping personal data current (R-O6)', () => {
  const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { fullName birthDate email phone } }`;

  it("lets the secretary correct a student's name and birth date, and audits what changed", async () => {
    const secretary = await server.as('secretary');
    const { updatePerson } = await secretary.data(UPDATE, {
      input: { userId: world.user('petya').id, middleName: 'Ильич', birthDate: '2014-09-02' },
    });
    expect(updatePerson).toMatchObject({ fullName: 'Петров Пётр Ильич', birthDate: '2014-09-02' });
    const event = await server.orm.em.fork().findOneOrFail(AuditEvent, { action: 'person.update', entityId: world.user('petya').id });
    expect(event.data).toEqual({ birthDate: { from: null, to: '2014-09-02' } });
  });

  it('lets a person change their own e-mail and phone, but not their name', async () => {
    const teacher = await server.as('teacher');
    const own = await teacher.data(UPDATE, { input: { userId: world.user('teacher').id, email: 'kovaleva@example.org', phone: '+7 900 000-00-00' } });
    expect(own.updatePerson).toMatchObject({ email: 'kovaleva@example.org', phone: '+7 900 000-00-00' });
    const name = await teacher.execute(UPDATE, { input: { userId: world.user('teacher').id, lastName: 'Иная' } });
    expect(errorOf(name)).toEqual({
      code: 'FORBIDDEN',
      message: 'You can change your own e-mail and phone; the school changes the rest.',
      reason: 'OWN_CONTACTS_ONLY',
    });
  });

  it("refuses HR changing the director's e-mail (the way to sign in as the director by a verified e-mail), even when the director also teaches", async () => {
    const hr = await server.as('hr');
    // HR may grant and revoke the director's TEACHER role; the DIRECTOR role above theirs still keeps the person out of reach.
    await hr.data(GRANT, { input: { userId: world.user('director').id, schoolId: school1(), role: 'TEACHER' } });
    const result = await hr.execute(UPDATE, { input: { userId: world.user('director').id, email: 'hr-controlled@example.org' } });
    expect(errorOf(result).code).toBe('FORBIDDEN');
    expect((await server.orm.em.fork().findOneOrFail(User, world.user('director').id)).email).toBeNull();
  });

  it("refuses HR changing a student, and another school's HR changing anyone here: people they may not know (NOT_FOUND)", async () => {
    const hr = await server.as('hr');
    expect(errorOf(await hr.execute(UPDATE, { input: { userId: world.user('petya').id, lastName: 'Иванов' } })).code).toBe('NOT_FOUND');
    const hr2 = await server.as('hr2');
    expect(errorOf(await hr2.execute(UPDATE, { input: { userId: world.user('secretary').id, phone: '+7 900 111-11-11' } })).code).toBe('NOT_FOUND');
  });
});
