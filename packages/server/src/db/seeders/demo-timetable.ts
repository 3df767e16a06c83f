/**
 * The demo school's teaching: the curriculum of a Russian school by grade (ФГОС-like weekly hours),
 * subject teachers, study groups (English in two subgroups from grade 2) and a clash-free weekly
 * timetable built greedily, the same in every quarter.
 */
import { GroupKind } from '../../modules/school/study-group.entity.js';
import type { SchoolBuilder } from './school-builder.js';

type Hours = Record<string, number>;

const PRIMARY: Record<number, Hours> = {
  1: {
    'Русский язык': 5,
    'Литературное чтение': 4,
    Математика: 4,
    'Окружающий мир': 2,
    'Изобразительное искусство': 1,
    Музыка: 1,
    'Труд (технология)': 1,
    'Физическая культура': 2,
  },
  2: {
    'Русский язык': 5,
    'Литературное чтение': 4,
    Математика: 4,
    'Окружающий мир': 2,
    'Английский язык': 2,
    'Изобразительное искусство': 1,
    Музыка: 1,
    'Труд (технология)': 1,
    'Физическая культура': 2,
  },
};
PRIMARY[3] = { ...PRIMARY[2] };
PRIMARY[4] = { ...PRIMARY[2], 'Литературное чтение': 3 };

const SECONDARY: Record<number, Hours> = {
  5: {
    'Русский язык': 5,
    Литература: 3,
    Математика: 5,
    История: 2,
    География: 1,
    Биология: 1,
    'Английский язык': 3,
    'Изобразительное искусство': 1,
    Музыка: 1,
    'Труд (технология)': 2,
    'Физическая культура': 2,
  },
  6: {
    'Русский язык': 6,
    Литература: 3,
    Математика: 5,
    История: 2,
    Обществознание: 1,
    География: 1,
    Биология: 1,
    'Английский язык': 3,
    'Изобразительное искусство': 1,
    Музыка: 1,
    'Труд (технология)': 2,
    'Физическая культура': 2,
  },
  7: {
    'Русский язык': 4,
    Литература: 2,
    Алгебра: 3,
    Геометрия: 2,
    'Вероятность и статистика': 1,
    Информатика: 1,
    История: 2,
    Обществознание: 1,
    География: 2,
    Биология: 1,
    Физика: 2,
    'Английский язык': 3,
    'Изобразительное искусство': 1,
    Музыка: 1,
    'Труд (технология)': 2,
    'Физическая культура': 2,
  },
  8: {
    'Русский язык': 3,
    Литература: 2,
    Алгебра: 3,
    Геометрия: 2,
    'Вероятность и статистика': 1,
    Информатика: 1,
    История: 2,
    Обществознание: 1,
    География: 2,
    Биология: 2,
    Физика: 2,
    Химия: 2,
    'Английский язык': 3,
    'Труд (технология)': 1,
    'Физическая культура': 2,
    'Основы безопасности и защиты Родины': 1,
  },
  9: {
    'Русский язык': 3,
    Литература: 3,
    Алгебра: 3,
    Геометрия: 2,
    'Вероятность и статистика': 1,
    Информатика: 1,
    История: 2,
    Обществознание: 1,
    География: 2,
    Биология: 2,
    Физика: 3,
    Химия: 2,
    'Английский язык': 3,
    'Физическая культура': 2,
    'Основы безопасности и защиты Родины': 1,
  },
  10: {
    'Русский язык': 2,
    Литература: 3,
    Алгебра: 4,
    Геометрия: 3,
    'Вероятность и статистика': 1,
    Информатика: 1,
    История: 2,
    Обществознание: 2,
    География: 1,
    Биология: 1,
    Физика: 2,
    Химия: 1,
    'Английский язык': 3,
    'Физическая культура': 2,
    'Основы безопасности и защиты Родины': 1,
  },
};
SECONDARY[11] = { ...SECONDARY[10] };

export const curriculumOf = (grade: number): Hours => (grade <= 4 ? PRIMARY[grade] : SECONDARY[grade]);

/** Secondary-school subject teachers: each subject's classes are shared round-robin between its teachers. */
export const SUBJECT_TEACHERS: { login: string; subjects: string[]; room: string; position: string }[] = [
  { login: 'teacher', subjects: ['Математика', 'Алгебра', 'Геометрия', 'Вероятность и статистика'], room: '21', position: 'учитель математики' },
  { login: 'math2', subjects: ['Математика', 'Алгебра', 'Геометрия', 'Вероятность и статистика'], room: '22', position: 'учитель математики' },
  { login: 'rus1', subjects: ['Русский язык', 'Литература'], room: '31', position: 'учитель русского языка и литературы' },
  { login: 'rus2', subjects: ['Русский язык', 'Литература'], room: '32', position: 'учитель русского языка и литературы' },
  { login: 'rus3', subjects: ['Русский язык', 'Литература'], room: '33', position: 'учитель русского языка и литературы' },
  { login: 'classteacher', subjects: ['История', 'Обществознание'], room: '24', position: 'учитель истории' },
  { login: 'hist2', subjects: ['История', 'Обществознание'], room: '25', position: 'учитель истории и обществознания' },
  { login: 'eng1', subjects: ['Английский язык'], room: '41', position: 'учитель английского языка' },
  { login: 'eng2', subjects: ['Английский язык'], room: '42', position: 'учитель английского языка' },
  { login: 'eng3', subjects: ['Английский язык'], room: '43', position: 'учитель английского языка' },
  { login: 'eng4', subjects: ['Английский язык'], room: '44', position: 'учитель английского языка' },
  { login: 'inf', subjects: ['Информатика'], room: '35', position: 'учитель информатики' },
  { login: 'phys', subjects: ['Физика'], room: '36', position: 'учитель физики' },
  { login: 'chem', subjects: ['Химия', 'Биология'], room: '37', position: 'учитель химии и биологии' },
  { login: 'bio', subjects: ['Биология', 'География'], room: '38', position: 'учитель биологии и географии' },
  { login: 'geo', subjects: ['География'], room: '26', position: 'учитель географии' },
  { login: 'art', subjects: ['Изобразительное искусство', 'Музыка'], room: '12', position: 'учитель ИЗО и музыки' },
  { login: 'trud', subjects: ['Труд (технология)'], room: 'Мастерская', position: 'учитель труда' },
  { login: 'pe1', subjects: ['Физическая культура'], room: 'Спортзал 1', position: 'учитель физической культуры' },
  { login: 'pe2', subjects: ['Физическая культура'], room: 'Спортзал 2', position: 'учитель физической культуры' },
  { login: 'obzr', subjects: ['Основы безопасности и защиты Родины'], room: '27', position: 'преподаватель-организатор ОБЗР' },
];

/** The subject teachers of a school `copies` times the demo's size: the extra ones are `math2-2`, `math2-3`… */
export function subjectTeachers(copies: number): typeof SUBJECT_TEACHERS {
  return Array.from({ length: copies }, (_, k) =>
    SUBJECT_TEACHERS.map((t) => (k === 0 ? t : { ...t, login: `${t.login}-${k + 1}`, room: `${t.room}-${k + 1}` })),
  ).flat();
}

/** Subjects that primary classes have with a specialist instead of their own class teacher. */
const PRIMARY_SPECIALISTS = new Set(['Английский язык', 'Физическая культура']);
const DAYS = [1, 2, 3, 4, 5];

interface Unit {
  subject: string;
  hours: number;
  /** One group, or two English subgroups taught at the same time. */
  groups: { name: string; teacher: string; room: string; students?: string[] }[];
}

/**
 * Adds curriculum, groups and a clash-free weekly timetable. `classes`: class name → its class
 * teacher (who teaches a primary class everything but the specialists' subjects) and students.
 */
export function addDemoTimetable(
  b: SchoolBuilder,
  classes: { name: string; grade: number; classTeacher: string; students: string[] }[],
  teachers = SUBJECT_TEACHERS,
) {
  for (const grade of new Set(classes.map((c) => c.grade))) b.withCurriculum(grade, curriculumOf(grade));

  const busy = new Set<string>(); // `${who}/${day}/${lesson}` for teachers and classes
  const load = new Map<string, number>(); // teacher → hours, to share classes fairly
  const teachersOf = (subject: string) => teachers.filter((t) => t.subjects.includes(subject));
  const pickTeachers = (subject: string, count: number) => {
    const chosen = teachersOf(subject)
      .sort((x, y) => (load.get(x.login) ?? 0) - (load.get(y.login) ?? 0))
      .slice(0, count);
    if (chosen.length < count) throw new Error(`the demo has too few teachers of ${subject}`);
    return chosen;
  };

  for (const c of classes) {
    const maxLessons = c.grade <= 4 ? 5 : 7;
    const units: Unit[] = Object.entries(curriculumOf(c.grade)).map(([subject, hours]) => {
      if (c.grade <= 4 && !PRIMARY_SPECIALISTS.has(subject)) {
        return { subject, hours, groups: [{ name: c.name, teacher: c.classTeacher, room: `${c.name} каб.` }] };
      }
      if (subject === 'Английский язык') {
        const half = Math.ceil(c.students.length / 2);
        const teachers = pickTeachers(subject, 2);
        return {
          subject,
          hours,
          groups: teachers.map((t, i) => ({
            name: `${c.name}, гр. ${i + 1}`,
            teacher: t.login,
            room: t.room,
            students: i === 0 ? c.students.slice(0, half) : c.students.slice(half),
          })),
        };
      }
      const [t] = pickTeachers(subject, 1);
      return { subject, hours, groups: [{ name: c.name, teacher: t.login, room: t.room }] };
    });
    units.sort((x, y) => y.hours - x.hours);
    const perDay = new Map<number, number>(DAYS.map((d) => [d, 0]));

    for (const unit of units) {
      for (const g of unit.groups) load.set(g.teacher, (load.get(g.teacher) ?? 0) + unit.hours);
      const slots: [number, number][] = [];
      const free = (day: number, lesson: number) =>
        !busy.has(`${c.name}/${day}/${lesson}`) && unit.groups.every((g) => !busy.has(`${g.teacher}/${day}/${lesson}`));
      for (let k = 0; k < unit.hours; k++) {
        // Spread a subject over the week: the least loaded days it is not on yet, then any day.
        const days = [...DAYS].sort((x, y) => perDay.get(x)! - perDay.get(y)!);
        const fresh = days.filter((d) => !slots.some(([sd]) => sd === d));
        let placed: [number, number] | undefined;
        for (const day of [...fresh, ...days]) {
          for (let lesson = 1; lesson <= maxLessons && !placed; lesson++) if (free(day, lesson)) placed = [day, lesson];
          if (placed) break;
        }
        if (!placed) throw new Error(`the demo timetable has no room for ${unit.subject} in ${c.name}`);
        const [day, lesson] = placed;
        slots.push(placed);
        perDay.set(day, perDay.get(day)! + 1);
        busy.add(`${c.name}/${day}/${lesson}`);
        for (const g of unit.groups) busy.add(`${g.teacher}/${day}/${lesson}`);
      }
      for (const g of unit.groups) {
        b.withGroup(unit.subject, c.name, {
          teacher: g.teacher,
          name: g.name,
          kind: g.students ? GroupKind.SUBGROUP : GroupKind.WHOLE_CLASS,
          students: g.students,
          slots: slots.map(([day, lesson]) => [day, lesson, g.room]),
        });
      }
    }
  }
}
