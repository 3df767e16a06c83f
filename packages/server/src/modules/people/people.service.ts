/**
 * R-O6 people and R-A1 role grants: creating people with their first credentials, granting and
 * revoking roles per school, linking parents to children, and the staff contract end (R-A7).
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomInt } from 'node:crypto';
import { updateWhile } from '../../db/update-while.js';
import { badInput, conflict } from '../../kernel/errors.js';
import { canManageStaff, canManageStudents, ensure } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { addDays, todayIso } from '../../kernel/dates.js';
import { audit } from '../../kernel/audit.js';
import { followParentsAudience } from './parents-audience.js';
import { normalizeLogin, LOGIN_PATTERN, isStaffRole, type CreatePersonInput, type GrantRoleInput, type UpdatePersonInput } from './people.types.js';
import { hashPassword } from './password.js';
import { School, RoleGrant, grantOnce, fullName, User, Enrolment } from '../school/index.js';
import { mayRevoke } from '../../policy/grant-table.js';
import { Role } from '../../policy/roles.js';
import { GuardianKind, Guardianship } from './student.entity.js';

/** Roles people are listed under in a school; the system administrator and inspectors are appointed elsewhere. */
const SCHOOL_ROLES = new Set<Role>(Object.values(Role).filter((r) => r !== Role.SYSTEM_ADMIN && r !== Role.INSPECTOR));

/** Who reads the lists of people holding this role in this school: staff by HR and administration, families by the secretary and administration. */
function managesPeopleOf(viewer: Viewer, schoolId: string, role: Role): boolean {
  return isStaffRole(role) ? canManageStaff(viewer, schoolId) : canManageStudents(viewer, schoolId);
}

/** Whether the viewer reads the list of people of some role in this school (the `people` query's check). */
export function mayListPeople(viewer: Viewer, schoolId: string): boolean {
  return [...SCHOOL_ROLES].some((r) => managesPeopleOf(viewer, schoolId, r));
}

// ── where a student is ──────────────────────────────────────────────────────

export interface StudentPlacement {
  schoolId: string;
  /** The class the student is in on `today`; null when not enrolled now. */
  classId: string | null;
  enrolled: boolean;
}

/** The school and class of a student on `today` (from enrolments, else from the STUDENT grant); null for a non-student. */
export async function studentPlacement(em: EntityManager, studentId: string, today: string): Promise<StudentPlacement | null> {
  const current = await em.findOne(
    Enrolment,
    { student: studentId, startsOn: { $lte: today }, $or: [{ endsOn: null }, { endsOn: { $gte: today } }] },
    { orderBy: { startsOn: 'desc' } },
  );
  if (current) return { schoolId: current.school.id, classId: current.schoolClass.id, enrolled: true };
  const upcoming = await em.findOne(Enrolment, { student: studentId, startsOn: { $gt: today } }, { orderBy: { startsOn: 'asc' } });
  if (upcoming) return { schoolId: upcoming.school.id, classId: null, enrolled: true };
  const grant = await em.findOne(RoleGrant, { user: studentId, role: Role.STUDENT }, { orderBy: { grantedAt: 'desc' } });
  return grant?.school ? { schoolId: grant.school.id, classId: null, enrolled: false } : null;
}

// ── credentials ─────────────────────────────────────────────────────────────

const TRANSLIT: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ё: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};
export const transliterate = (s: string) =>
  [...s.toLowerCase()]
    .map((ch) => TRANSLIT[ch] ?? ch)
    .join('')
    .replace(/[^a-z0-9]/g, '');

/** "Иванова Анна Петровна" → "ivanova.ap", then "ivanova.ap2"... whichever is free (also of `taken`). */
export async function generateLogin(
  em: EntityManager,
  person: { lastName: string; firstName: string; middleName?: string | null },
  taken: ReadonlySet<string> = new Set(),
): Promise<string> {
  const initials = transliterate(
    [person.firstName, person.middleName]
      .filter(Boolean)
      .map((n) => n![0])
      .join(''),
  );
  let base = [transliterate(person.lastName).slice(0, 24) || 'user', initials].filter(Boolean).join('.');
  if (base.length < 3) base = `${base}.user`;
  const existing = new Set((await em.find(User, { login: { $like: `${base}%` } }, { fields: ['login'] })).map((u) => u.login));
  for (let n = 1; ; n++) {
    const login = n === 1 ? base : `${base}${n}`;
    if (!existing.has(login) && !taken.has(login)) return login;
  }
}

const PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** A one-time password to hand out on paper: 12 characters without look-alikes (~68 bits). */
export function newInitialPassword(): string {
  return Array.from({ length: 12 }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join('');
}

// ── people ──────────────────────────────────────────────────────────────────

export interface NewPerson {
  lastName: string;
  firstName: string;
  middleName?: string | null;
  birthDate?: string | null;
  email?: string | null;
  phone?: string | null;
  login?: string | null;
  position?: string | null;
  roles: Role[];
}

/**
 * Checks roles and login, adds the person and their grants to the unit of work (no flush).
 * Shared by createPerson and the bulk import. Throws BAD_USER_INPUT naming the problem.
 */
export async function addPerson(
  em: EntityManager,
  schoolId: string,
  input: NewPerson,
  now: Date,
  /** The school's local date (its staff's: `Viewer.timeZone`): a birth date after it is in the future. */
  today: string,
  opts: { takenLogins?: Set<string>; credentials?: { password: string; hash: string } } = {},
): Promise<{ user: User; grants: RoleGrant[]; initialPassword: string }> {
  const roles = [...new Set(input.roles)];
  if (roles.length === 0) throw badInput('ROLE_REQUIRED', 'Give the person at least one role.', 'roles');
  if (roles.includes(Role.STUDENT) && roles.length > 1) throw badInput('STUDENT_HAS_ONE_ROLE', 'A student holds no other role in the school.', 'roles');
  if (input.position?.trim() && !roles.some(isStaffRole)) throw badInput('POSITION_IS_FOR_STAFF', 'Only staff have a position.', 'position');
  if (input.birthDate && input.birthDate > today) {
    throw badInput('DATE_IN_FUTURE', 'The birth date is in the future.', 'birthDate');
  }

  let login: string;
  if (input.login) {
    login = normalizeLogin(input.login);
    if (!LOGIN_PATTERN.test(login)) throw badInput('BAD_LOGIN', 'A login is 3–40 latin letters, digits, dots, dashes or underscores.', 'login');
    if (opts.takenLogins?.has(login) || (await em.count(User, { login })) > 0) {
      throw badInput('LOGIN_TAKEN', `The login "${login}" is taken.`, 'login');
    }
  } else {
    login = await generateLogin(em, input, opts.takenLogins);
  }
  opts.takenLogins?.add(login);

  const initialPassword = opts.credentials?.password ?? newInitialPassword();
  const user = em.create(User, {
    login,
    passwordHash: opts.credentials?.hash ?? (await hashPassword(initialPassword)),
    lastName: input.lastName.trim(),
    firstName: input.firstName.trim(),
    middleName: input.middleName?.trim() || null,
    birthDate: input.birthDate ?? null,
    email: input.email?.trim() || null,
    phone: input.phone?.trim() || null,
    createdAt: now,
  });
  const school = em.getReference(School, schoolId);
  const grants = roles.map((role) =>
    em.create(RoleGrant, { user, role, school, position: isStaffRole(role) ? input.position?.trim() || null : null, grantedAt: now }),
  );
  return { user, grants, initialPassword };
}

export async function createPerson(em: EntityManager, viewer: Viewer, input: CreatePersonInput, now: Date) {
  const { user, grants, initialPassword } = await addPerson(em, input.schoolId, input, now, todayIso(now, viewer.timeZone));
  audit(
    em,
    viewer,
    {
      action: 'person.create',
      entity: 'User',
      entityId: user.id,
      schoolId: input.schoolId,
      data: { login: user.login, name: fullName(user), roles: grants.map((g) => g.role) },
    },
    now,
  );
  await em.flush();
  return { user, grants, initialPassword };
}

/** Fields a person keeps current themself; the rest is changed by those who manage them. */
export const OWN_FIELDS = new Set<string>(['email', 'phone']);
export const PERSON_FIELDS = ['lastName', 'firstName', 'middleName', 'birthDate', 'email', 'phone'] as const;
const NAME_FIELDS = new Set<string>(['lastName', 'firstName', 'middleName']);

/**
 * R-O6: personal data kept current, by HR (staff) or the secretary (students, parents) of a school
 * where the person holds a role; a person may change their own e-mail and phone.
 */
export async function updatePerson(em: EntityManager, viewer: Viewer, input: UpdatePersonInput, now: Date) {
  const user = await em.findOneOrFail(User, input.userId);
  const grants = await em.find(RoleGrant, { user, revokedAt: null });
  const managed = grants.filter((g) => g.school && mayRevoke(viewer, g.role, user.id, g.school.id));
  const changes = PERSON_FIELDS.filter((f) => input[f] !== undefined && (input[f] ?? null) !== (user[f] ?? null));
  for (const f of ['lastName', 'firstName'] as const) {
    if (input[f] !== undefined && !input[f]?.trim()) throw badInput('BLANK', `${f} cannot be empty.`, f);
  }
  if (input.birthDate && input.birthDate > todayIso(now, viewer.timeZone)) throw badInput('DATE_IN_FUTURE', 'The birth date is in the future.', 'birthDate');
  if (changes.length === 0) return { user: user, grants: await em.find(RoleGrant, { user: user }) };

  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const f of changes) diff[f] = { from: user[f] ?? null, to: typeof input[f] === 'string' ? input[f].trim() || null : (input[f] ?? null) };
  const updated = await em.transactional(async (tx) => {
    const target = await tx.findOneOrFail(User, user.id);
    for (const f of changes) (target as unknown as Record<string, unknown>)[f] = diff[f].to;
    audit(
      tx,
      viewer,
      {
        action: 'person.update',
        entity: 'User',
        entityId: target.id,
        schoolId: managed[0]?.school?.id ?? grants.find((g) => g.school)?.school?.id ?? null,
        data: diff,
      },
      now,
    );
    // A name is on the screens of everyone the person teaches, marks or sits with: the kept screens are read
    // again (graphql/screen-cache.ts), by a viewer invalidation of everybody committed with the change (notified,
    // and noted for this process's commit fence: Migration20261202186001_screens_touched).
    if (changes.some((f) => NAME_FIELDS.has(f))) {
      await tx.getConnection().execute(`select viewer_changed_announce('*')`, [], 'all', tx.getTransactionContext());
    }
    return target;
  });
  return { user: updated, grants: await em.find(RoleGrant, { user: updated }) };
}

/** R-A7: contracts whose last day falls from today (in the school's time zone) to `days` ahead. */
export interface ContractsEnding {
  days: number;
  now: Date;
}

/**
 * People of a school holding `role` (any role they may manage when null), by name; for those who
 * manage them. `search` keeps those whose name or login contains it, in any case; `ending` those
 * with a standing grant (of those roles) whose contract ends within the window.
 */
export async function listPeople(
  em: EntityManager,
  viewer: Viewer,
  schoolId: string,
  role?: Role | null,
  search?: string | null,
  ending?: ContractsEnding | null,
): Promise<User[]> {
  const roles = (role ? [role] : [...SCHOOL_ROLES]).filter((r) => SCHOOL_ROLES.has(r) && managesPeopleOf(viewer, schoolId, r));
  ensure(roles.length > 0);
  const today = ending && todayIso(ending.now, (await em.findOneOrFail(School, schoolId)).timezone);
  const window = ending && today ? { endsOn: { $gte: today, $lte: addDays(today, ending.days) }, revokedAt: null } : {};
  const grants = await em.find(RoleGrant, { school: schoolId, role: { $in: roles }, ...window }, { populate: ['user'] });
  const needle = search?.toLocaleLowerCase('ru');
  const users = [...new Map(grants.map((g) => [g.user.id, g.user])).values()].filter(
    (u) => !needle || `${fullName(u)} ${u.login}`.toLocaleLowerCase('ru').includes(needle),
  );
  return users.sort((a, b) => fullName(a).localeCompare(fullName(b), 'ru'));
}

// ── grants ──────────────────────────────────────────────────────────────────

export async function grantRole(em: EntityManager, viewer: Viewer, input: GrantRoleInput, now: Date): Promise<RoleGrant> {
  const user = await em.findOne(User, input.userId);
  if (!user) throw badInput('NO_SUCH_PERSON', 'No such person.', 'userId');
  if (!isStaffRole(input.role) && (input.endsOn || input.position)) {
    throw badInput('POSITION_IS_FOR_STAFF', 'Only staff grants have a position and a contract end.', input.endsOn ? 'endsOn' : 'position');
  }
  const active = await em.find(RoleGrant, { user, school: input.schoolId, revokedAt: null });
  if (active.some((g) => g.role === input.role)) throw badInput('ALREADY_HOLDS_ROLE', `${fullName(user)} already holds ${input.role} in this school.`, 'role');
  if (input.role === Role.STUDENT ? active.length > 0 : active.some((g) => g.role === Role.STUDENT)) {
    throw badInput('STUDENT_HAS_ONE_ROLE', 'A student holds no other role in the school.', 'role');
  }

  const grant = em.create(RoleGrant, {
    user,
    role: input.role,
    school: em.getReference(School, input.schoolId),
    position: input.position?.trim() || null,
    endsOn: input.endsOn ?? null,
    grantedAt: now,
  });
  const reactivated = !user.active;
  // A grant means access: a former member of staff taken on again gets their account back.
  if (reactivated) Object.assign(user, { active: true, deactivatedAt: null, deactivationReason: null });
  audit(
    em,
    viewer,
    {
      action: 'grant.create',
      entity: 'RoleGrant',
      entityId: grant.id,
      schoolId: input.schoolId,
      data: { userId: user.id, role: input.role, position: grant.position ?? null, endsOn: grant.endsOn ?? null, reactivated },
    },
    now,
  );
  await em.flush();
  return grant;
}

/** A grant of a school (its write rule has judged the viewer: people.policy.ts). */
async function grantFor(em: EntityManager, grantId: string): Promise<RoleGrant & { school: School }> {
  return (await em.findOneOrFail(RoleGrant, grantId)) as RoleGrant & { school: School };
}

export async function revokeRole(em: EntityManager, viewer: Viewer, grantId: string, now: Date): Promise<RoleGrant> {
  const grant = await grantFor(em, grantId);
  const alreadyRevoked = () => badInput('ALREADY_REVOKED', 'This grant is already revoked.', 'grantId');
  if (grant.revokedAt) throw alreadyRevoked();
  // Of concurrent revocations the first stands (one audit row).
  return updateWhile(em, RoleGrant, grant, { revokedAt: null }, { revokedAt: now }, alreadyRevoked, (tx) =>
    audit(
      tx,
      viewer,
      {
        action: 'grant.revoke',
        entity: 'RoleGrant',
        entityId: grant.id,
        schoolId: grant.school.id,
        data: { userId: grant.user.id, role: grant.role },
      },
      now,
    ),
  );
}

/** R-A7: the last day of a staff contract; the lifecycle job ends the grant two days after it. */
export async function setContractEnd(em: EntityManager, viewer: Viewer, grantId: string, endsOn: string | null, now: Date): Promise<RoleGrant> {
  const grant = await grantFor(em, grantId);
  if (!isStaffRole(grant.role)) throw badInput('POSITION_IS_FOR_STAFF', 'Only staff grants have a contract end.', 'grantId');
  if (grant.revokedAt) throw badInput('ALREADY_REVOKED', 'This grant is already revoked.', 'grantId');
  const previous = grant.endsOn ?? null;
  // The audit row says "from → to": it holds only if the contract end is still `previous` when written.
  const changedMeanwhile = () => conflict('The grant was changed meanwhile: reload and try again.');
  return updateWhile(em, RoleGrant, grant, { revokedAt: null, endsOn: previous }, { endsOn }, changedMeanwhile, (tx) =>
    audit(
      tx,
      viewer,
      {
        action: 'grant.contract-end',
        entity: 'RoleGrant',
        entityId: grant.id,
        schoolId: grant.school.id,
        data: { userId: grant.user.id, role: grant.role, from: previous, to: endsOn },
      },
      now,
    ),
  );
}

// ── families ────────────────────────────────────────────────────────────────

/** A reason for a change of who acts for whom: kept in the audit log; required, trimmed, at most 500 characters. */
export function reasonOf(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw badInput('REASON_REQUIRED', 'Give the reason (the document or request it is made on).', 'reason');
  if (trimmed.length > 500) throw badInput('TOO_LONG', 'The reason is longer than 500 characters.', 'reason');
  return trimmed;
}

/** Links a parent to a student of the school; the parent gets the PARENT role there if they lack it. */
export async function linkGuardian(
  em: EntityManager,
  viewer: Viewer,
  input: { parentId: string; studentId: string; kind: GuardianKind; reason: string },
  now: Date,
): Promise<Guardianship> {
  const { parentId, studentId, kind } = input;
  const today = todayIso(now, viewer.timeZone);
  const place = (await studentPlacement(em, studentId, today))!; // the write rule found the student
  const reason = reasonOf(input.reason);
  if (parentId === studentId) throw badInput('OWN_PARENT', 'A student cannot be their own parent.', 'parentId');
  const [student, parent] = await Promise.all([em.findOneOrFail(User, studentId), em.findOne(User, parentId)]);
  // One answer for nobody and for a student (of whichever school): neither their name nor their existence is told.
  if (!parent || (await em.count(RoleGrant, { user: parent, role: Role.STUDENT, revokedAt: null })) > 0) {
    throw badInput('NOT_A_PARENT', 'parentId names no one who can be a parent (a student cannot).', 'parentId');
  }
  // An ended link stays as history; only an open one stands in the way (guardianship_open_unique).
  if ((await em.count(Guardianship, { parent, student, endsOn: null })) > 0) {
    throw badInput('ALREADY_LINKED', `${fullName(parent)} is already linked to ${fullName(student)}.`, 'parentId');
  }
  const link = await em.transactional(async (tx) => {
    const link = tx.create(Guardianship, { school: tx.getReference(School, place.schoolId), parent, student, kind, startsOn: today });
    const parentRoleGranted = await grantOnce(tx, parent.id, place.schoolId, Role.PARENT, now);
    if (!parent.active) Object.assign(parent, { active: true, deactivatedAt: null, deactivationReason: null });
    audit(
      tx,
      viewer,
      {
        action: 'guardian.link',
        entity: 'Guardianship',
        entityId: link.id,
        schoolId: place.schoolId,
        data: { parentId, studentId, kind, reason, parentRoleGranted },
      },
      now,
    );
    return link;
  });
  await followParentsAudience(em, now, place.schoolId);
  return link;
}

/**
 * Ends a parent's link to a child (a wrong link, a court decision): access through it ends with the
 * next request. The row stays with its last day set to yesterday (the span includes both its days, so
 * the link is not in force today); the audit event keeps by whom and why.
 */
export async function endGuardianship(
  em: EntityManager,
  viewer: Viewer,
  input: { parentId: string; studentId: string; reason: string },
  now: Date,
): Promise<void> {
  const today = todayIso(now, viewer.timeZone);
  const { schoolId } = (await studentPlacement(em, input.studentId, today))!; // the write rule found the student
  const reason = reasonOf(input.reason);
  const link = await em.findOne(Guardianship, { parent: input.parentId, student: input.studentId, endsOn: null });
  if (!link) throw badInput('NOT_LINKED', 'This person is not linked to this student.', 'parentId');
  audit(
    em,
    viewer,
    {
      action: 'guardian.end',
      entity: 'Guardianship',
      entityId: link.id,
      schoolId,
      data: { parentId: input.parentId, studentId: input.studentId, kind: link.kind, reason },
    },
    now,
  );
  link.endsOn = addDays(today, -1);
  await em.flush();
  await followParentsAudience(em, now, schoolId);
}
