/**
 * R-O7: student movements. Each is made by an order (number and date) and changes enrolments:
 * the history is kept (a transfer closes one enrolment and opens the next), so whatever was
 * recorded while the student was in a class stays with that class.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { followParentsAudience } from './parents-audience.js';
import { badInput } from '../../kernel/errors.js';
import { canManageStudents, ensure, hasRoleIn } from '../../policy/policy.js';
import type { Viewer } from '../../policy/viewer.js';
import { audit } from '../../kernel/audit.js';
import { SchoolClass, School, GroupMember, MovementKind, RoleGrant, Enrolment, User } from '../school/index.js';
import { addDays } from '../../kernel/dates.js';
import { legalYearEnd } from './dates.js';
import { LEAVING_MOVEMENTS, StudentMovement, YEAR_TRANSITION_MOVEMENTS } from './movement.entity.js';
import type { RecordMovementInput } from './movement.types.js';
import { Role } from '../../policy/roles.js';

const ENTERING = [MovementKind.ENROLMENT, MovementKind.ARRIVAL];
const isLeaving = (kind: MovementKind) => LEAVING_MOVEMENTS.includes(kind);
const KIND_NAMES: Record<MovementKind, string> = {
  ENROLMENT: 'an enrolment',
  TRANSFER: 'a transfer',
  ARRIVAL: 'an arrival',
  DEPARTURE: 'a departure',
  EXPULSION: 'an expulsion',
  GRADUATION: 'a graduation',
  PROMOTION: 'a promotion',
  CONDITIONAL_PROMOTION: 'a conditional promotion',
  REPETITION: 'a repetition of the grade',
};

export async function recordMovement(em: EntityManager, viewer: Viewer, input: RecordMovementInput, now: Date): Promise<StudentMovement> {
  if (YEAR_TRANSITION_MOVEMENTS.includes(input.kind)) {
    throw badInput(
      'BY_YEAR_TRANSITION',
      `${capitalize(KIND_NAMES[input.kind])} is made by the year transition (commitYearTransition), for the whole year at once.`,
      'kind',
    );
  }
  // A student's movements are decided one at a time: the student's row stays locked until the commit, so a
  // concurrent second transfer or departure reads the enrolments as the first left them and is refused as it
  // would be afterwards, instead of closing the same enrolment twice. Two enrolments racing for a student
  // with none open are stopped by the enrolment_one_open constraint.
  return em.transactional(async (tx) => {
    await tx.getConnection().execute('select 1 from app_user where id = ? for no key update', [input.studentId], 'all', tx.getTransactionContext());
    return recordLockedMovement(tx, viewer, input, now);
  });
}

async function recordLockedMovement(em: EntityManager, viewer: Viewer, input: RecordMovementInput, now: Date): Promise<StudentMovement> {
  const { schoolId, kind, effectiveOn } = input;

  const student = await em.findOne(User, input.studentId);
  const open = await em.findOne(Enrolment, { student: input.studentId, endsOn: null }, { populate: ['schoolClass', 'schoolClass.year'] });

  // Who the student is to this school.
  if (ENTERING.includes(kind)) {
    const isOurs = student && (await em.count(RoleGrant, { user: student, school: schoolId, role: Role.STUDENT, revokedAt: null })) > 0;
    if (!isOurs) throw badInput('NOT_A_STUDENT_HERE', 'This person is not a student of this school: add them with createPerson first.', 'studentId');
    if (open) {
      throw badInput(
        'ALREADY_ENROLLED',
        open.school.id === schoolId
          ? `The student is already in ${open.schoolClass.name}: record a transfer instead.`
          : 'The student is still enrolled in another school: their departure must be recorded there first.',
        'studentId',
      );
    }
  } else if (!student || !open || open.school.id !== schoolId) {
    if (student && isLeaving(kind)) {
      const last = await em.findOne(StudentMovement, { student, school: schoolId }, { orderBy: { effectiveOn: 'desc', recordedAt: 'desc' } });
      if (last && isLeaving(last.kind)) {
        throw badInput('STUDENT_LEFT', `The student has already left the school (${last.kind} on ${last.effectiveOn}).`, 'studentId');
      }
    }
    throw badInput('NOT_A_STUDENT_HERE', 'The student is not enrolled in this school.', 'studentId');
  }

  // Where the student goes.
  let to: SchoolClass | null = null;
  if (kind === MovementKind.TRANSFER || ENTERING.includes(kind)) {
    if (!input.toClassId) throw badInput('CLASS_REQUIRED', `Name the class of ${KIND_NAMES[kind]} (toClassId).`, 'toClassId');
    to = await em.findOne(SchoolClass, input.toClassId, { populate: ['year'] });
    if (!to) throw badInput('NO_SUCH_CLASS', 'No such class.', 'toClassId');
    if (to.school.id !== schoolId) throw badInput('CLASS_OF_ANOTHER_SCHOOL', 'The class belongs to another school.', 'toClassId');
    if (to.year.closedAt) throw badInput('YEAR_CLOSED', `The academic year ${to.year.name} is closed: no one can join its classes.`, 'toClassId');
    if (open && open.schoolClass.id === to.id) throw badInput('ALREADY_IN_CLASS', `The student is already in ${to.name}.`, 'toClassId');
    if (effectiveOn < to.year.startsOn || effectiveOn > to.year.endsOn) {
      throw badInput(
        'DATE_OUTSIDE_YEAR',
        `The effective date ${effectiveOn} is outside the academic year ${to.year.name} (${to.year.startsOn} – ${to.year.endsOn}).`,
        'effectiveOn',
      );
    }
    if (open && effectiveOn <= open.startsOn) {
      throw badInput(
        'TRANSFER_BEFORE_JOINING',
        `A transfer must take effect after the student joined ${open.schoolClass.name} on ${open.startsOn}.`,
        'effectiveOn',
      );
    }
  } else if (input.toClassId) {
    throw badInput('NO_CLASS_FOR_MOVEMENT', `${capitalize(KIND_NAMES[kind])} names no class.`, 'toClassId');
  }
  if (kind === MovementKind.ARRIVAL && !input.otherSchool?.trim()) {
    throw badInput('OTHER_SCHOOL_REQUIRED', 'Name the school the student arrives from (otherSchool).', 'otherSchool');
  }
  if (isLeaving(kind)) {
    const year = open!.schoolClass.year;
    if (effectiveOn < open!.startsOn || effectiveOn > legalYearEnd(year)) {
      throw badInput(
        'DATE_OUTSIDE_YEAR',
        `The effective date ${effectiveOn} is outside the academic year ${year.name} of ${open!.schoolClass.name} ` +
          `(${open!.startsOn} – ${legalYearEnd(year)}).`,
        'effectiveOn',
      );
    }
  }

  // Everything checked: one flush writes the movement, the enrolments and the audit row.
  const school = em.getReference(School, schoolId);
  const movement = em.create(StudentMovement, {
    school,
    student: student,
    kind,
    effectiveOn,
    orderNumber: input.orderNumber.trim(),
    orderDate: input.orderDate,
    fromClass: open?.schoolClass ?? null,
    toClass: to,
    otherSchool: input.otherSchool?.trim() || null,
    note: input.note?.trim() || null,
    recordedBy: await em.findOneOrFail(User, viewer.userId),
    recordedAt: now,
  });

  if (open && (kind === MovementKind.TRANSFER || isLeaving(kind))) {
    // A transfer: the last day in the old class is the day before; leaving: the day itself.
    const lastDay = kind === MovementKind.TRANSFER ? addDays(effectiveOn, -1) : effectiveOn;
    open.endsOn = lastDay;
    await endGroupMemberships(em, student.id, lastDay, kind === MovementKind.TRANSFER ? { schoolClass: open.schoolClass.id } : { school: schoolId });
  }
  if (to) em.create(Enrolment, { school, student: student, schoolClass: to, startsOn: effectiveOn });
  if (ENTERING.includes(kind) && !student.active) {
    // A returning student gets their account back.
    Object.assign(student, { active: true, deactivatedAt: null, deactivationReason: null });
  }

  audit(
    em,
    viewer,
    {
      action: 'movement.record',
      entity: 'StudentMovement',
      entityId: movement.id,
      schoolId,
      data: {
        kind,
        studentId: student.id,
        effectiveOn,
        orderNumber: movement.orderNumber,
        orderDate: movement.orderDate,
        fromClass: open?.schoolClass.name ?? null,
        toClass: to?.name ?? null,
      },
    },
    now,
  );
  await em.flush();
  await followParentsAudience(em, now, schoolId);
  return movement;
}

/** Explicit group memberships end with the class (transfer) or the school (leaving). */
async function endGroupMemberships(em: EntityManager, studentId: string, lastDay: string, where: { schoolClass: string } | { school: string }) {
  const groupFilter = 'schoolClass' in where ? { group: { schoolClass: where.schoolClass } } : { school: where.school };
  const memberships = await em.find(GroupMember, { student: studentId, ...groupFilter, $or: [{ endsOn: null }, { endsOn: { $gt: lastDay } }] });
  for (const m of memberships) {
    if (m.startsOn > lastDay)
      em.remove(m); // planned, never began
    else m.endsOn = lastDay;
  }
}

/** The movements of a school (or of one student), latest first. */
export async function listMovements(em: EntityManager, viewer: Viewer, schoolId: string, studentId?: string | null) {
  // A class teacher asks too; the type rule then shows them the movements of their classes only.
  ensure(canManageStudents(viewer, schoolId) || hasRoleIn(viewer, schoolId, [Role.CLASS_TEACHER]));
  return em.find(
    StudentMovement,
    { school: schoolId, ...(studentId ? { student: studentId } : {}) },
    { populate: ['recordedBy'], orderBy: { effectiveOn: 'desc', recordedAt: 'desc' } },
  );
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
