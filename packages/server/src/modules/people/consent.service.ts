/**
 * R-A6 consent to personal-data processing, the diary gate built on it, and R-A8 diary visits.
 * Access itself is decided per request from the Viewer (consentedChildIds, selfDiaryAllowed),
 * so recording or withdrawing a consent takes effect with the very next request.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { updateWhile } from '../../db/update-while.js';
import { badInput, notFound } from '../../kernel/errors.js';
import type { Loaders } from '../../kernel/loaders.js';
import { canAdministerSchool, canManageStudents, ensure, ensureDiaryAccess, hasRoleIn } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { audit } from '../../kernel/audit.js';
import { SchoolClass, School, SchoolClassType, StudentType, Enrolment, fullName, User } from '../school/index.js';
import { Consent, consentInForce, DiaryVisit } from './consent.entity.js';
import { ConsentRegisterEntry, ConsentStatus, ConsentType, ParentActivityType, type RecordConsentInput } from './consent.types.js';
import { uuidArray } from '../../kernel/dataloader.js';
import { addDays, todayIso } from '../../kernel/dates.js';
import { inForceOn } from '../../kernel/in-force.js';
import { ageOn } from './dates.js';
import { LEAVING_MOVEMENTS, StudentMovement } from './movement.entity.js';
import { GuardianType, StudentProfileType } from './people.types.js';
import { studentPlacement } from './people.service.js';
import { Role } from '../../policy/roles.js';
import { Guardianship } from './student.entity.js';

/** From this age a student may consent for themself (R-A6: under 14, only a parent). */
export const SELF_CONSENT_AGE = 14;

export async function recordConsent(em: EntityManager, viewer: Viewer, input: RecordConsentInput, now: Date): Promise<ConsentType> {
  // Who may record it is the write rule's (people.policy.ts), which found the student.
  const place = (await studentPlacement(em, input.studentId, todayIso(now, viewer.timeZone)))!;
  const family = viewer.userId === input.studentId || viewer.childIds.has(input.studentId);
  const online = !input.givenById || input.givenById === viewer.userId;
  if (online) {
    if (!family) throw badInput('GIVER_REQUIRED', 'Name the parent or the student who gave the consent (givenById).', 'givenById');
    if (input.givenAt) throw badInput('PAPER_ONLY_DATE', 'givenAt is for paper consents recorded by the school; an online consent is given now.', 'givenAt');
  }

  const student = await em.findOneOrFail(User, input.studentId);
  const giver = await em.findOne(User, online ? viewer.userId : input.givenById!);
  const givenBySelf = giver?.id === student.id;
  // One answer whether the person does not exist or is a stranger to the student; never their name.
  if (!giver || (!givenBySelf && (await em.count(Guardianship, { parent: giver, student, ...inForceOn(todayIso(now, viewer.timeZone)) })) === 0)) {
    throw badInput('NOT_A_PARENT', 'givenById names no parent or legal representative of this student.', 'givenById');
  }
  if (!place.enrolled) {
    const last = await em.findOne(StudentMovement, { student }, { orderBy: { effectiveOn: 'desc', recordedAt: 'desc' } });
    if (last && LEAVING_MOVEMENTS.includes(last.kind)) throw badInput('STUDENT_LEFT', 'The student has left the school.', 'studentId');
  }
  const givenAt = input.givenAt ?? now;
  if (givenAt > now) throw badInput('DATE_IN_FUTURE', 'A consent cannot be dated in the future.', 'givenAt');
  if (givenBySelf) {
    if (!student.birthDate) {
      throw badInput('PARENT_MUST_CONSENT', "The student's birth date is not on record: a parent must consent for them.", 'givenById');
    }
    const age = ageOn(student.birthDate, todayIso(givenAt, viewer.timeZone));
    if (age < SELF_CONSENT_AGE) {
      throw badInput('PARENT_MUST_CONSENT', `The student is ${age}: under ${SELF_CONSENT_AGE}, a parent must consent for them.`, 'givenById');
    }
  }
  if ((await em.count(Consent, { student, givenBy: giver, withdrawnAt: null })) > 0) {
    throw badInput('ALREADY_CONSENTED', `A consent from ${fullName(giver)} is already on record.`, 'givenById');
  }

  const consent = em.create(Consent, {
    school: em.getReference(School, place.schoolId),
    student,
    givenBy: giver,
    givenAt,
    receivedBy: online ? null : await em.findOneOrFail(User, viewer.userId),
    documentNumber: input.documentNumber?.trim() || null,
  });
  audit(
    em,
    viewer,
    {
      action: 'consent.record',
      entity: 'Consent',
      entityId: consent.id,
      schoolId: place.schoolId,
      data: { studentId: student.id, givenById: giver.id, online, documentNumber: consent.documentNumber ?? null },
    },
    now,
  );
  await em.flush();
  return ConsentType.from(consent, place.classId, now);
}

/** By the one who gave it, or by the school: the diary closes with the next request. */
export async function withdrawConsent(em: EntityManager, viewer: Viewer, consentId: string, now: Date): Promise<ConsentType> {
  const consent = await em.findOneOrFail(Consent, consentId, { populate: ['givenBy', 'receivedBy'] });
  const studentId = consent.student.id;
  const place = await studentPlacement(em, studentId, todayIso(now, viewer.timeZone));
  const alreadyWithdrawn = () => badInput('ALREADY_WITHDRAWN', 'This consent is already withdrawn.', 'consentId');
  if (consent.withdrawnAt) throw alreadyWithdrawn();

  // Of concurrent withdrawals the first stands (one audit row, its author kept).
  await updateWhile(em, Consent, consent, { withdrawnAt: null }, { withdrawnAt: now, withdrawnBy: viewer.userId }, alreadyWithdrawn, (tx) =>
    audit(
      tx,
      viewer,
      { action: 'consent.withdraw', entity: 'Consent', entityId: consent.id, schoolId: consent.school.id, data: { studentId, givenById: consent.givenBy.id } },
      now,
    ),
  );
  return ConsentType.from(consent, place?.classId ?? null, now);
}

/** The consent register of a class, or of the whole school (its open years), for those who keep it. */
export async function consentRegister(
  em: EntityManager,
  viewer: Viewer,
  schoolId: string,
  classId: string | null | undefined,
  now: Date,
): Promise<ConsentRegisterEntry[]> {
  const manager = canManageStudents(viewer, schoolId);
  let classes: SchoolClass[];
  if (classId) {
    ensure(manager || viewer.ledClassIds.has(classId));
    const c = await em.findOne(SchoolClass, { id: classId, school: schoolId });
    if (!c) throw notFound('No such class in this school.');
    classes = [c];
  } else {
    ensure(manager || hasRoleIn(viewer, schoolId, [Role.CLASS_TEACHER]));
    classes = await em.find(SchoolClass, {
      school: schoolId,
      year: { closedAt: null },
      ...(manager ? {} : { id: { $in: [...viewer.ledClassIds] } }),
    });
  }
  const today = todayIso(now, viewer.timeZone);
  const enrolments = await em.find(Enrolment, { schoolClass: { $in: classes }, ...inForceOn(today) }, { populate: ['student'] });
  const studentIds = enrolments.map((e) => e.student.id);
  const [consents, links] = await Promise.all([
    em.find(Consent, { student: { $in: studentIds } }, { populate: ['givenBy', 'receivedBy'], orderBy: { givenAt: 'desc' } }),
    em.find(Guardianship, { student: { $in: studentIds }, ...inForceOn(today) }, { populate: ['parent'] }),
  ]);
  const classById = new Map(classes.map((c) => [c.id, c]));
  const entries = enrolments.map((e) => {
    const sid = e.student.id;
    const cls = classById.get(e.schoolClass.id)!;
    const own = consents.filter((c) => c.student.id === sid);
    const active = own.filter((c) => consentInForce(c, now));
    return Object.assign(new ConsentRegisterEntry(), {
      student: StudentType.from(e.student, schoolId, cls.id),
      schoolClass: SchoolClassType.from(cls),
      // A consent given later than `now` is not one yet: MISSING, not WITHDRAWN.
      status: active.length ? ConsentStatus.GIVEN : own.some((c) => c.givenAt <= now) ? ConsentStatus.WITHDRAWN : ConsentStatus.MISSING,
      guardians: links
        .filter((g) => g.student.id === sid)
        .map((g) =>
          GuardianType.from(
            g,
            active.some((c) => c.givenBy.id === g.parent.id),
          ),
        )
        .sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru')),
      consents: own.map((c) => ConsentType.from(c, cls.id, now)),
      schoolId,
      classId: cls.id,
    });
  });
  return entries.sort(
    (a, b) =>
      a.schoolClass.grade - b.schoolClass.grade ||
      a.schoolClass.name.localeCompare(b.schoolClass.name, 'ru') ||
      a.student.fullName.localeCompare(b.student.fullName, 'ru'),
  );
}

// ── the diary gate and R-A8 activity ────────────────────────────────────────

/**
 * R-A8: a parent opened (a page of) the diary: one row per parent per day, counted. Call it
 * after the access check of every diary query. Does nothing for anyone but a parent opening
 * their own child's diary. Returns whether a visit was recorded.
 */
export async function recordDiaryVisit(em: EntityManager, viewer: Viewer, opts: { studentId?: string; now: Date }): Promise<boolean> {
  if (!viewer.roles.has(Role.PARENT)) return false;
  if (opts.studentId ? !viewer.childIds.has(opts.studentId) : viewer.childIds.size === 0) return false;
  const { now } = opts;
  await em.getConnection().execute(
    `insert into diary_visit (user_id, day, last_at, count) values (?, ?, ?, 1)
       on conflict (user_id, day) do update
       set last_at = greatest(diary_visit.last_at, excluded.last_at), count = diary_visit.count + 1`,
    [viewer.userId, todayIso(now, viewer.timeZone), now],
  );
  return true;
}

/** The example diary query: personal data of a student, behind the consent gate. */
export async function studentProfile(em: EntityManager, viewer: Viewer, loaders: Loaders, studentId: string, now: Date): Promise<StudentProfileType> {
  const student = await loaders.studentById.load(studentId);
  if (!student) throw notFound('No such student.');
  ensureDiaryAccess(viewer, student);
  const user = await em.findOneOrFail(User, studentId);
  await recordDiaryVisit(em, viewer, { studentId, now });
  return Object.assign(new StudentProfileType(), {
    id: user.id,
    student,
    birthDate: user.birthDate ?? null,
    email: user.email ?? null,
    phone: user.phone ?? null,
    schoolId: student.schoolId,
  });
}

/** R-A8: every parent of the class, with their last diary visit; the inactive ones first. */
export async function classParentActivity(em: EntityManager, viewer: Viewer, classId: string, now: Date): Promise<ParentActivityType[]> {
  const cls = await em.findOne(SchoolClass, classId);
  if (!cls) throw notFound('No such class.');
  const schoolId = cls.school.id;
  ensure(viewer.ledClassIds.has(classId) || canAdministerSchool(viewer, schoolId));

  const today = todayIso(now, viewer.timeZone);
  const enrolments = await em.find(Enrolment, { schoolClass: cls, ...inForceOn(today) }, { populate: ['student'] });
  const students = new Map(enrolments.map((e) => [e.student.id, StudentType.from(e.student, schoolId, classId)]));
  const links = await em.find(Guardianship, { student: { $in: [...students.keys()] }, ...inForceOn(today) }, { populate: ['parent'] });
  const parentIds = [...new Set(links.map((g) => g.parent.id))];
  const weekAgo = new Date(now.getTime() - 7 * 24 * 3600_000);
  const visits = await em.find(DiaryVisit, { user: { $in: parentIds }, day: { $gte: addDays(todayIso(weekAgo, viewer.timeZone), -1) } });
  const lastEver = parentIds.length
    ? await em
        .getConnection()
        .execute<{ user_id: string; last_at: Date }[]>(
          `select user_id, max(last_at) as last_at from diary_visit where user_id = any(?::uuid[]) group by user_id`,
          [uuidArray(parentIds)],
        )
    : [];
  const lastById = new Map(lastEver.map((r) => [r.user_id, new Date(r.last_at)]));

  const byParent = new Map<string, ParentActivityType>();
  for (const g of links) {
    const p = g.parent;
    let entry = byParent.get(p.id);
    if (!entry) {
      const lastVisitAt = lastById.get(p.id) ?? null;
      entry = Object.assign(new ParentActivityType(), {
        parentId: p.id,
        fullName: fullName(p),
        children: [],
        lastVisitAt,
        daysVisitedLastWeek: visits.filter((v) => v.user.id === p.id && v.lastAt >= weekAgo).length,
        inactiveForWeek: !lastVisitAt || lastVisitAt < weekAgo,
        schoolId,
        classId,
      });
      byParent.set(p.id, entry);
    }
    entry.children.push(students.get(g.student.id)!);
  }
  return [...byParent.values()].sort((a, b) => Number(b.inactiveForWeek) - Number(a.inactiveForWeek) || a.fullName.localeCompare(b.fullName, 'ru'));
}
