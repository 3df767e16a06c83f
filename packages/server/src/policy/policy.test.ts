import { buildSchema as buildSdl, isObjectType } from 'graphql';
import { beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { buildAppSchema, policyRules } from '../graphql/schema.js';
import { systemClock } from '../kernel/clock.js';
import { AuthService } from '../modules/auth/auth.service.js';
import { Role } from './roles.js';
import { applyPolicy } from './apply-policy.js';
import type { MarkType } from '../modules/journal/journal.types.js';
import { SubjectType } from '../modules/school/school.types.js';
import { mergeRules } from './module-rules.js';
import { anyone, canSeeStudent, canSeeStudentRecord, signedIn } from './policy.js';
import type { FieldRules, TypeRules } from './type-rule.js';
import { makeViewer, primaryRole, type Viewer } from './viewer.js';
import { anyoneMayTry, ownThings } from './write-rule.js';

/** THE policy as the app's schema is built with it: every module's rules, merged (graphql/schema.ts). */
const { rootRules, writeRules, typeRules } = policyRules;
/** The two mutations the small schemas below have. */
const signInRules = { login: anyoneMayTry, logout: ownThings };

const viewer = (over: Partial<Parameters<typeof makeViewer>[0]> = {}): Viewer =>
  makeViewer({ userId: 'u1', sessionId: 's1', login: 'x', grants: [], childIds: [], ledClassIds: [], timeZone: 'Europe/Moscow', ...over });

describe('every field of the schema has a rule', () => {
  let schema: Awaited<ReturnType<typeof buildAppSchema>>;
  beforeAll(async () => {
    schema = await buildAppSchema({ auth: new AuthService(1, systemClock), clock: systemClock });
  });

  it('covers every Query and Subscription field with a root rule, every Mutation with a write rule', () => {
    const roots = { Query: schema.getQueryType(), Subscription: schema.getSubscriptionType() };
    const missing = Object.entries(roots).flatMap(([op, type]) =>
      Object.keys(type?.getFields() ?? {})
        .filter((field) => !rootRules[op as keyof typeof rootRules][field])
        .map((field) => `${op}.${field}`),
    );
    const mutations = Object.keys(schema.getMutationType()?.getFields() ?? {});
    expect([...missing, ...mutations.filter((m) => !writeRules[m]).map((m) => `Mutation.${m}`)]).toEqual([]);
  });

  it('refuses to build a schema with a mutation that has no write rule', () => {
    const sdl = buildSdl(`type Query { viewer: String } type Mutation { login: String, logout: String, retractEveryMark: String }`);
    expect(() => applyPolicy(sdl, { rootRules, writeRules: signInRules, typeRules: {} })).toThrow(/Mutation\.retractEveryMark has no write rule/);
  });

  it('covers every object type with a type rule', () => {
    const roots = new Set(['Query', 'Mutation', 'Subscription']);
    const missing = Object.values(schema.getTypeMap())
      .filter((t) => isObjectType(t) && !t.name.startsWith('__') && !roots.has(t.name))
      .filter((t) => !typeRules[t.name])
      .map((t) => t.name);
    expect(missing).toEqual([]);
  });

  it("types each rule by its GraphQL type's source: a rule reading a key the type lacks does not compile", () => {
    // Checked by `pnpm typecheck`: each `@ts-expect-error` line must be an error.
    const rules: Partial<TypeRules> = {
      // @ts-expect-error a School has no `studentId`: a student's record rule cannot judge it
      School: canSeeStudentRecord,
      // @ts-expect-error a Mark is not the viewer's own: it has no `userId`
      Mark: (viewer, o) => viewer?.userId === o.userId,
      Subject: (viewer, o) => viewer?.schoolIds.has(o.schoolId) ?? false,
    };
    const misspelt: Partial<TypeRules> = {
      // @ts-expect-error no GraphQL object type "Shcool"
      Shcool: (viewer: Viewer | null) => viewer !== null,
    };
    const fields: FieldRules = {
      // @ts-expect-error a StudentProfile's field rule gets the profile, which has no `recipientId`
      'StudentProfile.phone': (viewer, o) => viewer?.userId === o.recipientId,
    };
    expectTypeOf<TypeRules['Mark']>().parameter(1).toEqualTypeOf<MarkType>();
    expect(
      rules.Subject?.(
        viewer({ grants: [{ role: Role.TEACHER, schoolId: 'school-1', authorityId: null }] }),
        Object.assign(new SubjectType(), { schoolId: 'school-1' }),
      ),
    ).toBe(true);
    expect(Object.keys({ ...misspelt, ...fields })).toEqual(['Shcool', 'StudentProfile.phone']);
  });

  it('refuses a name ruled by two modules: exactly one rule guards each field and type', () => {
    const journal = { name: 'journal', rules: { query: { diary: signedIn }, types: { Mark: canSeeStudentRecord } } };
    expect(() => mergeRules([journal, { name: 'people', rules: { query: { diary: anyone } } }])).toThrow(
      /Query rule diary is given by both journal and people/,
    );
    expect(() => mergeRules([journal, { name: 'reports', rules: { types: { Mark: () => true } } }])).toThrow(
      /types rule Mark is given by both journal and reports/,
    );
    expect(mergeRules([journal, { name: 'people', rules: { query: { studentProfile: signedIn } } }]).rootRules.Query).toEqual({
      diary: signedIn,
      studentProfile: signedIn,
    });
  });

  it('refuses to build a schema with a root field that has no rule', () => {
    const sdl = buildSdl(`type Query { viewer: String, marksOfEveryone: String } type Mutation { login: String, logout: String }`);
    expect(() => applyPolicy(sdl, { rootRules, writeRules: signInRules, typeRules: {} })).toThrow(/Query\.marksOfEveryone has no root rule/);
  });

  it('refuses to build a schema with an object type that has no rule', () => {
    const sdl = buildSdl(`type Query { viewer: Secret } type Mutation { login: String, logout: String } type Secret { x: String }`);
    expect(() => applyPolicy(sdl, { rootRules, writeRules: signInRules, typeRules: {} })).toThrow(/object type Secret has no type rule/);
  });

  it('refuses a rule that names a field the schema does not have (a stale rule hides a renamed field)', () => {
    const sdl = buildSdl(`type Query { viewer: String } type Mutation { login: String }`);
    expect(() => applyPolicy(sdl, { rootRules, writeRules: signInRules, typeRules: {} })).toThrow(/Mutation\.logout names no field/);
  });

  it('refuses a field rule on a field that could not answer null, or on no field at all', () => {
    const sdl = () => buildSdl(`type Query { viewer: String, secret: Secret } type Mutation { login: String, logout: String } type Secret { phone: String! }`);
    const rules = {
      rootRules: { ...rootRules, Query: { viewer: () => true, secret: () => true } },
      writeRules: signInRules,
      typeRules: { Secret: () => true },
    };
    expect(() => applyPolicy(sdl(), { ...rules, fieldRules: { 'Secret.phone': () => false } })).toThrow(/Secret\.phone is on a non-null field/);
    expect(() => applyPolicy(sdl(), { ...rules, fieldRules: { 'Secret.email': () => false } })).toThrow(/Secret\.email names no field/);
  });
});

describe('who may see a student', () => {
  const student = { id: 'child-a', schoolId: 'school-1' };

  it('lets a parent see their own child and nobody else', () => {
    const parent = viewer({ grants: [{ role: Role.PARENT, schoolId: 'school-1', authorityId: null }], childIds: ['child-a'] });
    expect(canSeeStudent(parent, student)).toBe(true);
    expect(canSeeStudent(parent, { id: 'child-b', schoolId: 'school-1' })).toBe(false);
  });

  it('lets a student see only themself', () => {
    const self = viewer({ userId: 'child-a', grants: [{ role: Role.STUDENT, schoolId: 'school-1', authorityId: null }] });
    expect(canSeeStudent(self, student)).toBe(true);
    expect(canSeeStudent(self, { id: 'child-b', schoolId: 'school-1' })).toBe(false);
  });

  it('lets staff see their pupils, and the administration and the secretary the students of their school; never HR', () => {
    const school1 = (role: Role) => [{ role, schoolId: 'school-1', authorityId: null }];
    const teacher = viewer({ grants: school1(Role.TEACHER), pupilIds: [student.id] });
    expect(canSeeStudent(teacher, student)).toBe(true);
    expect(canSeeStudent(teacher, { id: 'child-c', schoolId: 'school-2' })).toBe(false);
    expect(canSeeStudent(viewer({ grants: school1(Role.TEACHER) }), student)).toBe(false);
    expect(canSeeStudent(viewer({ grants: school1(Role.SECRETARY) }), student)).toBe(true);
    expect(canSeeStudent(viewer({ grants: school1(Role.DIRECTOR) }), student)).toBe(true);
    expect(canSeeStudent(viewer({ grants: school1(Role.HR) }), student)).toBe(false);
  });

  it('never lets an inspector, a system administrator or an anonymous caller see a named student', () => {
    const inspector = viewer({ grants: [{ role: Role.INSPECTOR, schoolId: null, authorityId: 'a1' }] });
    const sysadmin = viewer({ grants: [{ role: Role.SYSTEM_ADMIN, schoolId: null, authorityId: null }] });
    expect(canSeeStudent(inspector, student)).toBe(false);
    expect(canSeeStudent(sysadmin, student)).toBe(false);
    expect(canSeeStudent(null, student)).toBe(false);
  });
});

describe('the role shown in the header', () => {
  it('puts staff roles before family roles', () => {
    expect(primaryRole(new Set([Role.PARENT, Role.TEACHER]))).toBe(Role.TEACHER);
    expect(primaryRole(new Set([Role.STUDENT]))).toBe(Role.STUDENT);
  });
});
