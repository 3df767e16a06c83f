/**
 * Issue 18, 003 §2.2.2 and appendix 3 ("с использованием распечатки результатов"): the families of a class
 * who declined electronic forms get their fortnightly progress report on paper. The class teacher prints
 * this list (one block per pupil, with a line for the parent's signature) from the PARENTS_INFORMED duty.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Writable } from 'node:stream';
import type { Viewer } from '../../policy/viewer.js';
import { progressLines, type ProgressLines, ProgressReportSent, ReportForm } from '../notifications/index.js';
import type { User, SchoolClass } from '../school/index.js';
import { pdfStream } from './pdf.js';
import { byName, readableClass } from './summary.service.js';

export interface PaperReports {
  schoolClass: SchoolClass;
  dueOn: string;
  /** The first day of the reports (null when the job has not made them yet). */
  fromDay: string | null;
  pupils: { student: User; lines: ProgressLines }[];
}

/** The class's reports on paper of one due date, for its class teacher and the administration (as the class summary). */
export async function paperReports(em: EntityManager, viewer: Viewer, classId: string, dueOn: string): Promise<PaperReports> {
  const { schoolClass } = await readableClass(em, viewer, classId);
  const rows = await em.find(ProgressReportSent, { schoolClass, dueOn, form: ReportForm.PAPER }, { populate: ['student'] });
  const students = rows.map((r) => r.student).sort(byName);
  const fromDay = rows[0]?.fromDay ?? null;
  const lines = fromDay
    ? await progressLines(
        em,
        students.map((s) => s.id),
        fromDay,
        dueOn,
      )
    : new Map<string, ProgressLines>();
  return { schoolClass, dueOn, fromDay, pupils: students.map((student) => ({ student, lines: lines.get(student.id)! })) };
}

const ru = (iso: string) => iso.split('-').reverse().join('.');

export async function writePaperReportsPdf(r: PaperReports, out: Writable): Promise<void> {
  const span = r.fromDay ? `${ru(r.fromDay)} — ${ru(r.dueOn)}` : `по ${ru(r.dueOn)}`;
  const block = ({ student, lines }: PaperReports['pupils'][number]) => ({
    unbreakable: true,
    margin: [0, 0, 0, 16] as [number, number, number, number],
    stack: [
      {
        text: `${student.lastName} ${student.firstName}${student.middleName ? ` ${student.middleName}` : ''}`,
        bold: true,
        fontSize: 11,
        margin: [0, 0, 0, 4] as [number, number, number, number],
      },
      lines.subjects.length
        ? {
            table: {
              headerRows: 1,
              widths: [150, '*'],
              body: [
                [
                  { text: 'Предмет', bold: true },
                  { text: 'Отметки', bold: true },
                ],
                ...lines.subjects.map((s) => [s.name, s.marks.join('  ')]),
              ],
            },
          }
        : { text: 'Отметок за эти дни нет.' },
      { text: `Пропущено уроков: ${lines.missed}, опозданий: ${lines.late}.`, margin: [0, 4, 0, 6] as [number, number, number, number] },
      { text: 'С результатами ознакомлен(а): ____________________ / ____________________ /   «____» ______________ 20___ г.' },
    ],
  });
  await pdfStream(
    {
      pageSize: 'A4',
      pageMargins: [40, 40, 40, 48],
      info: { title: `Успеваемость и посещаемость: ${r.schoolClass.name}, ${span}` },
      content: [
        { text: r.schoolClass.school.name, alignment: 'center', fontSize: 10 },
        { text: 'Информирование родителей об успеваемости и посещаемости', alignment: 'center', fontSize: 14, bold: true, margin: [0, 4, 0, 2] },
        {
          text: `Класс ${r.schoolClass.name}, ${span}. Для семей, отказавшихся от электронных форм информирования.`,
          alignment: 'center',
          margin: [0, 0, 0, 14],
        },
        ...(r.pupils.length
          ? r.pupils.map(block)
          : [{ text: r.fromDay ? 'Все семьи класса получили отчёт в электронном виде.' : 'Отчёты за эти дни ещё не сформированы.' }]),
        { text: 'Классный руководитель ____________________', margin: [0, 12, 0, 0] as [number, number, number, number] },
      ],
    },
    out,
  );
}
