/**
 * Fills the demo school's journal up to today so the diary looks lived in: topics and homework,
 * marks (about one pupil in four per lesson, mostly fours and fives), their creation history,
 * a few absences, and period marks for finished quarters. Set-based SQL with a fixed random seed:
 * fast, and the same every time for the same date.
 */
import type { EntityManager } from '@mikro-orm/postgresql';

const TOPICS: Record<string, string[]> = {
  Математика: [
    'Натуральные числа',
    'Сложение и вычитание',
    'Умножение и деление',
    'Обыкновенные дроби',
    'Десятичные дроби',
    'Проценты',
    'Уравнения',
    'Решение задач',
  ],
  Алгебра: ['Линейные уравнения', 'Системы уравнений', 'Функции и графики', 'Квадратные уравнения', 'Неравенства', 'Степень с целым показателем'],
  Геометрия: ['Треугольники', 'Признаки равенства треугольников', 'Параллельные прямые', 'Четырёхугольники', 'Площадь', 'Подобные треугольники'],
  'Русский язык': [
    'Орфограммы в корне слова',
    'Морфемика',
    'Имя существительное',
    'Имя прилагательное',
    'Глагол',
    'Синтаксис простого предложения',
    'Пунктуация',
  ],
  Литература: ['Устное народное творчество', 'А. С. Пушкин', 'М. Ю. Лермонтов', 'Н. В. Гоголь', 'Л. Н. Толстой', 'Развитие речи: сочинение'],
  'Литературное чтение': ['Сказки', 'Басни', 'Стихи о природе', 'Рассказы о детях'],
  'Английский язык': ['Present Simple', 'My family', 'Past Simple', 'At school', 'Travelling', 'Future forms'],
  История: ['Древний мир', 'Русь в IX–XII веках', 'Смутное время', 'Петровские реформы', 'Россия в XIX веке'],
  Физика: ['Механическое движение', 'Сила', 'Давление', 'Работа и мощность', 'Тепловые явления'],
  Химия: ['Вещества и их свойства', 'Строение атома', 'Химическая связь', 'Оксиды', 'Кислоты и основания'],
  Биология: ['Клетка', 'Растения', 'Животные', 'Человек и его здоровье'],
  География: ['Литосфера', 'Гидросфера', 'Атмосфера', 'Природные зоны'],
  'Окружающий мир': ['Природа вокруг нас', 'Времена года', 'Наш город', 'Человек и природа'],
  Информатика: ['Информация и её свойства', 'Алгоритмы', 'Программирование на Python', 'Электронные таблицы'],
};

export async function fillDemoJournal(em: EntityManager, today: string): Promise<{ marks: number }> {
  const sql = em.getConnection();
  await sql.execute(`select setseed(0.2026)`);
  const topics = Object.entries(TOPICS).flatMap(([subject, list]) => list.map((t, i) => ({ subject, i, t, n: list.length })));
  await sql.execute(
    `update lesson l set topic = t.topic, homework = case when l.lesson_number % 2 = 0 then '§ ' || (t.ord * 3 + 1) || ', упр. ' || (10 + t.ord) else null end,
       topic_entered_at = (l.date + time '16:00') at time zone 'Europe/Moscow'
     from (
       select l2.id, x.t as topic, x.i as ord from lesson l2
       join study_group g on g.id = l2.group_id join subject s on s.id = g.subject_id
       join jsonb_to_recordset(?::jsonb) as x(subject text, i int, t text, n int)
         on x.subject = s.name and x.i = (extract(doy from l2.date)::int / 7) % x.n
       where l2.date <= ?::date
     ) t where t.id = l.id`,
    [JSON.stringify(topics), today],
  );
  // Who sits in each past lesson: the class of a whole-class group, the members of any other group.
  const attendees = `
    select l.id as lesson_id, l.school_id, l.group_id, g.subject_id, l.period_id, l.teacher_id, l.date, e.student_id
      from lesson l join study_group g on g.id = l.group_id
      join enrolment e on g.kind = 'WHOLE_CLASS' and e.school_class_id = g.school_class_id
     where l.date <= ?::date
    union all
    select l.id, l.school_id, l.group_id, g.subject_id, l.period_id, l.teacher_id, l.date, m.student_id
      from lesson l join study_group g on g.id = l.group_id
      join group_member m on m.group_id = g.id
     where l.date <= ?::date`;
  const [{ count }] = await sql.execute<{ count: number }[]>(
    `with picked as (
       select a.*, random() as r, random() as w from (${attendees}) a
     ), chosen as (
       select * from picked where r < 0.22
     ), inserted as (
       insert into mark (id, school_id, lesson_id, group_id, subject_id, period_id, student_id, work_type_id, value, points, weight,
                         entered_by_id, entered_at, backdated, version)
       select uuidv7(), c.school_id, c.lesson_id, c.group_id, c.subject_id, c.period_id, c.student_id, wt.id,
              p.points::text, p.points, wt.weight, c.teacher_id, (c.date + time '15:30') at time zone 'Europe/Moscow', false, 1
         from chosen c
         cross join lateral (select case when c.r < 0.09 then 5 when c.r < 0.17 then 4 when c.r < 0.21 then 3 else 2 end as points) p
         join work_type wt on wt.school_id = c.school_id
          and wt.code = case when c.w < 0.55 then 'У' when c.w < 0.75 then 'ДЗ' when c.w < 0.9 then 'СР' else 'КР' end
       returning id, school_id, value, entered_by_id, entered_at, work_type_id
     ), history as (
       insert into mark_change (id, school_id, mark_id, version, kind, new_value, new_work_type, backdated, author_id, at)
       select uuidv7(), i.school_id, i.id, 1, 'CREATED', i.value, wt.code, false, i.entered_by_id, i.entered_at
         from inserted i join work_type wt on wt.id = i.work_type_id
     )
     select count(*)::int as count from inserted`,
    [today, today],
  );
  await sql.execute(
    `insert into attendance (id, school_id, lesson_id, student_id, status, updated_at, version)
     select uuidv7(), a.school_id, a.lesson_id, a.student_id,
            (case when random() < 0.6 then 'ILL' when random() < 0.5 then 'EXCUSED' else 'UNEXCUSED' end)::attendance_status,
            (a.date + time '09:00') at time zone 'Europe/Moscow', 1
       from (${attendees}) a where random() < 0.03`,
    [today, today],
  );
  await sql.execute(
    `insert into attendance_change (id, school_id, attendance_id, new_status, author_id, at)
     select uuidv7(), a.school_id, a.id, a.status, l.teacher_id, a.updated_at from attendance a join lesson l on l.id = a.lesson_id`,
  );
  // Period marks of the quarters that are over: the weighted average, rounded half up.
  await sql.execute(
    `insert into final_mark (id, school_id, student_id, group_id, subject_id, kind, period_id, value, points, entered_by_id, entered_at, version)
     select uuidv7(), m.school_id, m.student_id, m.group_id, m.subject_id, 'PERIOD', m.period_id,
            v.points::text, v.points, min(l.teacher_id::text)::uuid, (p.ends_on + time '17:00') at time zone 'Europe/Moscow', 1
       from mark m join reporting_period p on p.id = m.period_id join lesson l on l.id = m.lesson_id
       cross join lateral (select 1) one
       join lateral (select floor(sum(m2.points * m2.weight)::numeric / sum(m2.weight) + 0.5)::int as points
                       from mark m2 where m2.student_id = m.student_id and m2.group_id = m.group_id and m2.period_id = m.period_id) v on true
      where p.ends_on < ?::date
      group by m.school_id, m.student_id, m.group_id, m.subject_id, m.period_id, v.points, p.ends_on`,
    [today],
  );
  return { marks: count };
}
