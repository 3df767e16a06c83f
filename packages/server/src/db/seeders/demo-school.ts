/**
 * The demo school that `pnpm start` creates on first start: a realistic year (quarters, holidays),
 * classes 1–11 (some with parallel letters), subjects, a class teacher per class, students,
 * parents (some with two children in different classes), administration and an inspector.
 * Deterministic: the same names every time, so the README's demo logins always work.
 * The named demo accounts are listed in docs/demo-accounts.json.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Clock } from '../../kernel/clock.js';
import { Role } from '../../policy/roles.js';
import { GuardianKind } from '../../modules/people/student.entity.js';
import { School } from '../../modules/school/school.entity.js';
import { todayIso } from '../../kernel/dates.js';
import { fillDemoJournal } from './demo-journal.js';
import { addDemoTimetable, subjectTeachers } from './demo-timetable.js';
import { school, seed, type SchoolBuilder } from './school-builder.js';

export const DEMO_PASSWORD = 'demo2026';
export const DEMO_SCHOOL = 'МБОУ «Средняя общеобразовательная школа № 7»';

export interface DemoAccount {
  login: string;
  password: string;
  role: Role;
  name: string;
}

/** Seeded PRNG (mulberry32): the demo is the same on every machine. */
function random(seedValue: number) {
  let a = seedValue;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = [
  'Иванов',
  'Смирнов',
  'Кузнецов',
  'Попов',
  'Васильев',
  'Петров',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
  'Алексеев',
  'Лебедев',
  'Семёнов',
  'Егоров',
  'Павлов',
  'Козлов',
  'Степанов',
  'Николаев',
  'Орлов',
  'Андреев',
  'Макаров',
  'Никитин',
  'Захаров',
  'Зайцев',
  'Соловьёв',
  'Борисов',
  'Яковлев',
  'Григорьев',
  'Романов',
  'Воробьёв',
  'Сергеев',
  'Кузьмин',
  'Фролов',
  'Александров',
  'Дмитриев',
  'Королёв',
  'Гусев',
  'Киселёв',
];
const MALE = [
  'Александр',
  'Дмитрий',
  'Максим',
  'Сергей',
  'Андрей',
  'Алексей',
  'Артём',
  'Илья',
  'Кирилл',
  'Михаил',
  'Никита',
  'Матвей',
  'Роман',
  'Егор',
  'Иван',
  'Тимофей',
];
const FEMALE = [
  'Анастасия',
  'Мария',
  'Анна',
  'Виктория',
  'Екатерина',
  'Наталья',
  'Марина',
  'Полина',
  'Дарья',
  'Алиса',
  'Ксения',
  'Елена',
  'Ольга',
  'Софья',
  'Вероника',
  'Татьяна',
];
/** A father's name and the patronymic it gives his children. */
const FATHERS: [string, string][] = [
  ['Александр', 'Александрович'],
  ['Дмитрий', 'Дмитриевич'],
  ['Сергей', 'Сергеевич'],
  ['Андрей', 'Андреевич'],
  ['Алексей', 'Алексеевич'],
  ['Игорь', 'Игоревич'],
  ['Владимир', 'Владимирович'],
  ['Николай', 'Николаевич'],
  ['Михаил', 'Михайлович'],
  ['Олег', 'Олегович'],
];

function feminine(surname: string): string {
  if (/(ов|ев|ёв|ин)$/.test(surname)) return `${surname}а`;
  if (surname.endsWith('ий')) return `${surname.slice(0, -2)}ая`;
  return surname;
}
function patronymic(root: string, female: boolean): string {
  return female ? root.replace(/ич$/, 'на') : root;
}

const SUBJECTS: [string, string][] = [
  ['Русский язык', 'Рус. яз.'],
  ['Литературное чтение', 'Лит. чт.'],
  ['Литература', 'Лит-ра'],
  ['Математика', 'Матем.'],
  ['Алгебра', 'Алгебра'],
  ['Геометрия', 'Геометрия'],
  ['Вероятность и статистика', 'Вер. и стат.'],
  ['Информатика', 'Информ.'],
  ['Окружающий мир', 'Окр. мир'],
  ['История', 'История'],
  ['Обществознание', 'Общество.'],
  ['География', 'География'],
  ['Биология', 'Биология'],
  ['Физика', 'Физика'],
  ['Химия', 'Химия'],
  ['Английский язык', 'Англ. яз.'],
  ['Изобразительное искусство', 'ИЗО'],
  ['Музыка', 'Музыка'],
  ['Труд (технология)', 'Труд'],
  ['Физическая культура', 'Физ-ра'],
  ['Основы безопасности и защиты Родины', 'ОБЗР'],
];

/** Named accounts, one or more per role: the README and docs/demo-accounts.json list exactly these. */
export const DEMO_ACCOUNTS: DemoAccount[] = [
  { login: 'admin', role: Role.SCHOOL_ADMIN, name: 'Белова Ирина Сергеевна' },
  { login: 'director', role: Role.DIRECTOR, name: 'Тихонов Виктор Павлович' },
  { login: 'zavuch', role: Role.DEPUTY_DIRECTOR, name: 'Громова Людмила Андреевна' },
  { login: 'teacher', role: Role.TEACHER, name: 'Ковалёва Елена Викторовна' },
  { login: 'classteacher', role: Role.CLASS_TEACHER, name: 'Соболев Андрей Николаевич' },
  { login: 'parent', role: Role.PARENT, name: 'Лебедева Ольга Игоревна' },
  { login: 'student', role: Role.STUDENT, name: 'Лебедев Артём Дмитриевич' },
  { login: 'inspector', role: Role.INSPECTOR, name: 'Орехов Павел Ильич' },
  { login: 'secretary', role: Role.SECRETARY, name: 'Зуева Наталья Олеговна' },
  { login: 'hr', role: Role.HR, name: 'Ситникова Галина Петровна' },
  { login: 'sysadmin', role: Role.SYSTEM_ADMIN, name: 'Киров Денис Алексеевич' },
].map(({ login, role, name }) => ({ login, password: DEMO_PASSWORD, role, name }));

const CLASSES = ['1А', '1Б', '2А', '3А', '4А', '5А', '5Б', '6А', '7А', '8А', '9А', '9Б', '10А', '11А'];

/** A bigger school than the demo's (the benchmarks use 40 classes of 20–30): same people and shape, scaled. */
export interface DemoSize {
  /** Classes, spread as evenly as possible over grades 1–11 with letters А, Б, В… */
  classes: number;
  /** Pupils per class, drawn evenly from [min, max]. */
  classSize: [min: number, max: number];
}

/** `count` class names over grades 1–11: the lower grades get the extra parallels. */
function classNames(count: number): string[] {
  return Array.from({ length: 11 }, (_, i) => i + 1).flatMap((grade) =>
    Array.from({ length: Math.floor(count / 11) + (grade <= count % 11 ? 1 : 0) }, (_, k) => `${grade}${'АБВГДЕЖИКЛМН'[k]}`),
  );
}

/** The demo school; `size` scales it (more classes and pupils, and subject teachers in proportion). */
export function demoSchool(size?: DemoSize): SchoolBuilder {
  const classes = size ? classNames(size.classes) : CLASSES;
  const [minSize, maxSize] = size?.classSize ?? [14, 21];
  const teachers = subjectTeachers(Math.ceil(classes.length / CLASSES.length));
  const rnd = random(7);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const named = (login: string) => DEMO_ACCOUNTS.find((a) => a.login === login)!.name;

  const b = school(DEMO_SCHOOL, {
    shortName: 'СОШ № 7',
    authority: 'Управление образования администрации городского округа Приморский',
  }).withSubjects(...SUBJECTS.map(([name, shortName]) => ({ name, shortName })));

  b.withStaff('director', named('director'), [Role.DIRECTOR], { position: 'директор' })
    .withStaff('zavuch', named('zavuch'), [Role.DEPUTY_DIRECTOR, Role.TEACHER], { position: 'заместитель директора по УВР' })
    .withStaff('admin', named('admin'), [Role.SCHOOL_ADMIN], { position: 'администратор электронного журнала' })
    .withStaff('secretary', named('secretary'), [Role.SECRETARY], { position: 'секретарь учебной части' })
    .withStaff('hr', named('hr'), [Role.HR], { position: 'специалист по кадрам' })
    .withStaff('teacher', named('teacher'), [Role.TEACHER], { position: 'учитель математики' })
    .withStaff('classteacher', named('classteacher'), [Role.TEACHER], { position: 'учитель истории' })
    .withInspector('inspector', named('inspector'));

  const personName = (female: boolean) =>
    `${female ? feminine(pick(SURNAMES)) : pick(SURNAMES)} ${pick(female ? FEMALE : MALE)} ${patronymic(pick(FATHERS)[1], female)}`;
  for (const t of teachers) {
    if (t.login !== 'teacher' && t.login !== 'classteacher') b.withStaff(t.login, personName(rnd() < 0.8), [Role.TEACHER], { position: t.position });
  }

  // Primary classes have a teacher of their own; in secondary school a subject teacher leads each class.
  const secondaryLeaders = teachers.map((t) => t.login).filter((l) => l !== 'teacher' && l !== 'classteacher');
  const classTeachers = new Map<string, string>([['5А', 'classteacher']]);
  classes.forEach((name, i) => {
    if (classTeachers.has(name)) return;
    if (Number.parseInt(name) >= 5) {
      classTeachers.set(name, secondaryLeaders.shift()!);
      return;
    }
    const login = `teacher${String(i + 1).padStart(2, '0')}`;
    b.withStaff(login, personName(rnd() < 0.9), [Role.TEACHER], { position: 'учитель начальных классов' });
    classTeachers.set(name, login);
  });
  for (const name of classes) b.withClass(name, { classTeacher: classTeachers.get(name) });

  // The named family: one parent, two children in different classes (5А and 9Б).
  b.withParent('parent', named('parent'), { email: 'parent@example.org' });
  b.withStudent('student', named('student'), { inClass: '5А', parents: ['parent'] });
  b.withStudent('student2', 'Лебедева Вера Дмитриевна', { inClass: '9Б', parents: ['parent'] });
  const studentsOf = new Map<string, string[]>([
    ['5А', ['student']],
    ['9Б', ['student2']],
  ]);

  let n = 0;
  const siblingsWaiting: { surname: string; parents: { login: string; kind: GuardianKind }[] }[] = [];
  for (const className of classes) {
    const size = minSize + Math.floor(rnd() * (maxSize - minSize + 1));
    for (let i = 0; i < size; i++) {
      n++;
      const login = `s${String(n).padStart(3, '0')}`;
      const female = rnd() < 0.5;
      // Every eighth child is the younger sibling of an earlier one: same parents, another class.
      const sibling = n % 8 === 0 ? siblingsWaiting.shift() : undefined;
      const surname = sibling?.surname ?? pick(SURNAMES);
      const father = pick(FATHERS);
      const name = `${female ? feminine(surname) : surname} ${pick(female ? FEMALE : MALE)} ${patronymic(father[1], female)}`;
      let parents = sibling?.parents;
      if (!parents) {
        parents = [{ login: `p${String(n).padStart(3, '0')}m`, kind: GuardianKind.MOTHER }];
        b.withParent(parents[0].login, `${feminine(surname)} ${pick(FEMALE)} ${patronymic(pick(FATHERS)[1], true)}`);
        if (rnd() < 0.4) {
          parents.push({ login: `p${String(n).padStart(3, '0')}f`, kind: GuardianKind.FATHER });
          b.withParent(parents[1].login, `${surname} ${father[0]} ${pick(FATHERS)[1]}`);
        }
        siblingsWaiting.push({ surname, parents });
      }
      b.withStudent(login, name, { inClass: className, parents });
      studentsOf.set(className, [...(studentsOf.get(className) ?? []), login]);
    }
  }
  addDemoTimetable(
    b,
    classes.map((name) => ({ name, grade: Number.parseInt(name), classTeacher: classTeachers.get(name)!, students: studentsOf.get(name)! })),
    teachers,
  );
  // R-A6: every demo family has consented, so that every demo login opens the diary.
  for (const st of b.students) b.withConsent(st.login);
  return b;
}

export async function seedDemoSchoolIfEmpty(orm: MikroORM, log: Logger, clock: Clock): Promise<void> {
  const em = orm.em.fork();
  if ((await em.count(School)) > 0) return;
  const started = performance.now();
  const now = clock();
  const world = await seed(em, demoSchool(), {
    now,
    password: DEMO_PASSWORD,
    lessons: true,
    systemAdmins: [{ login: 'sysadmin', name: DEMO_ACCOUNTS.find((a) => a.role === Role.SYSTEM_ADMIN)!.name }],
  });
  const { marks } = await fillDemoJournal(em, todayIso(now, world.school().timezone));
  log.info({ users: world.users.size, marks, ms: Math.round(performance.now() - started) }, `demo school created; demo password "${DEMO_PASSWORD}"`);
}
