/**
 * What an audit entry's object is, in the school's own words (issue 17: no UUIDs on screen): a
 * person's name, a class's or group's name, a mark as «value» with the student and subject, a lesson
 * as its group, date and number. One statement per kind of object on a page of the log, by DataLoader.
 * Words around them (what "Mark" or "mark.change" means) are the web app's to translate.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { Mark } from '../journal/index.js';
import { Consent, StudentMovement } from '../people/index.js';
import { RoleGrant, fullName, shortName, User, AcademicYear, SchoolClass, StudyGroup, Subject } from '../school/index.js';
import { Lesson } from '../timetable/index.js';

type Describe = (em: EntityManager, ids: string[]) => Promise<[string, string][]>;

const ruDate = (iso: string) => iso.split('-').reverse().join('.');

const DESCRIBE: Record<string, Describe> = {
  User: async (em, ids) => (await em.find(User, { id: { $in: ids } })).map((u) => [u.id, fullName(u)]),
  RoleGrant: async (em, ids) => (await em.find(RoleGrant, { id: { $in: ids } }, { populate: ['user'] })).map((g) => [g.id, fullName(g.user)]),
  SchoolClass: async (em, ids) => (await em.find(SchoolClass, { id: { $in: ids } })).map((c) => [c.id, c.name]),
  StudyGroup: async (em, ids) => (await em.find(StudyGroup, { id: { $in: ids } })).map((g) => [g.id, g.name]),
  Subject: async (em, ids) => (await em.find(Subject, { id: { $in: ids } })).map((s) => [s.id, s.name]),
  AcademicYear: async (em, ids) => (await em.find(AcademicYear, { id: { $in: ids } })).map((y) => [y.id, y.name]),
  Lesson: async (em, ids) =>
    (await em.find(Lesson, { id: { $in: ids } }, { populate: ['group'] })).map((l) => [l.id, `${l.group.name}, ${ruDate(l.date)} · ${l.lessonNumber}`]),
  Mark: async (em, ids) =>
    (await em.find(Mark, { id: { $in: ids } }, { populate: ['student', 'subject', 'lesson'] })).map((m) => [
      m.id,
      `«${m.value}» ${shortName(m.student)}, ${m.subject.name}, ${ruDate(m.lesson.date)}`,
    ]),
  Consent: async (em, ids) => (await em.find(Consent, { id: { $in: ids } }, { populate: ['student'] })).map((c) => [c.id, fullName(c.student)]),
  StudentMovement: async (em, ids) => (await em.find(StudentMovement, { id: { $in: ids } }, { populate: ['student'] })).map((m) => [m.id, fullName(m.student)]),
};

/** `Entity:id` → what it is (null for kinds without a description, or a row since deleted). */
export function auditSubjectLoader(em: EntityManager): DataLoader<string, string | null> {
  return new DataLoader(async (keys) => {
    const byKind = new Map<string, string[]>();
    for (const key of keys) {
      const [kind, id] = key.split(':') as [string, string];
      if (DESCRIBE[kind]) byKind.set(kind, [...(byKind.get(kind) ?? []), id]);
    }
    const found = new Map<string, string>();
    for (const [kind, ids] of byKind) for (const [id, label] of await DESCRIBE[kind](em, [...new Set(ids)])) found.set(`${kind}:${id}`, label);
    return keys.map((key) => found.get(key) ?? null);
  });
}
