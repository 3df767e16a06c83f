/**
 * The printed class journal (printed-journal.ts) as a PDF laid out like the paper journal: a title
 * page; per subject and every 20 lessons, a page of marks and attendance facing a page of topics and
 * homework; for the year, the summary sheet of final marks; a signature block for the director's
 * signature and the seal (003 §5.7: the printed journal is signed and sealed on paper).
 */
import type { Writable } from 'node:stream';
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { pdfStream } from './pdf.js';
import { ATTENDANCE_LETTERS, type PrintedJournal, type PrintedSubject } from './printed-journal.js';

/** Date columns on one page, as on the paper journal's spread. */
export const LESSONS_PER_PAGE = 20;

const head = (text: string): TableCell => ({ text, bold: true, fontSize: 7, alignment: 'center' });
const dayMonth = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}`;
const chunks = <T>(items: T[], size: number): T[][] =>
  items.length ? Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size)) : [[]];

function subjectPages(journal: PrintedJournal, subject: PrintedSubject): Content[] {
  const heading = (what: string): Content => ({
    text: [{ text: `${subject.subject}`, bold: true }, `  ${subject.group} · ${what} · учитель: ${subject.teachers || '—'}`],
    fontSize: 10,
    margin: [0, 0, 0, 6],
  });
  return chunks(
    subject.lessons.map((lesson, index) => ({ lesson, index })),
    LESSONS_PER_PAGE,
  ).flatMap((page, pageIndex, pages): Content[] => {
    const last = pageIndex === pages.length - 1;
    const finals = last ? subject.finalColumns : [];
    const marks: TableCell[][] = [
      [head('№'), head('Фамилия, имя'), ...page.map(({ lesson }) => head(dayMonth(lesson.date))), ...finals.map(head)],
      ...subject.students.map((s) => [
        { text: String(s.number), alignment: 'center' as const },
        s.name,
        ...page.map(({ index }) => ({ text: s.cells[index] ?? '', alignment: 'center' as const })),
        ...(last ? s.finals.map((text) => ({ text, bold: true, alignment: 'center' as const })) : []),
      ]),
    ];
    const taught: TableCell[][] = [
      [head('Дата'), head('Урок'), head('Что пройдено на уроке'), head('Домашнее задание')],
      ...page.map(({ lesson }) => [dayMonth(lesson.date), { text: String(lesson.number), alignment: 'center' as const }, lesson.topic, lesson.homework]),
    ];
    return [
      { text: '', pageBreak: 'before' },
      heading(`успеваемость и посещаемость, ${journal.span}`),
      {
        table: { headerRows: 1, widths: [14, 120, ...page.map(() => '*'), ...finals.map(() => 26)], body: marks },
        layout: { paddingLeft: () => 1, paddingRight: () => 1, paddingTop: () => 1, paddingBottom: () => 1 },
        fontSize: 8,
      },
      { text: '', pageBreak: 'before' },
      heading('что пройдено на уроке, домашнее задание'),
      { table: { headerRows: 1, widths: [34, 26, '*', '*'], body: taught }, fontSize: 8 },
      { text: 'Подпись учителя ____________________', margin: [0, 12, 0, 0] },
    ];
  });
}

function yearSummaryPages(journal: PrintedJournal): Content[] {
  const summary = journal.yearSummary;
  if (!summary) return [];
  return [
    { text: '', pageBreak: 'before' },
    { text: 'Сводная ведомость итоговой успеваемости', alignment: 'center', fontSize: 13, bold: true },
    { text: `Класс ${journal.className}, ${journal.span}`, alignment: 'center', fontSize: 10, margin: [0, 2, 0, 8] },
    {
      table: {
        headerRows: 1,
        widths: [14, 120, ...summary.subjects.map(() => '*')],
        body: [
          [head('№'), head('Фамилия, имя'), ...summary.subjects.map(head)],
          ...summary.rows.map((r) => [
            { text: String(r.number), alignment: 'center' as const },
            r.name,
            ...r.marks.map((text) => ({ text, alignment: 'center' as const })),
          ]),
        ],
      },
      fontSize: 8,
    },
  ];
}

export async function writePrintedJournalPdf(journal: PrintedJournal, out: Writable): Promise<void> {
  const legend = Object.entries(ATTENDANCE_LETTERS)
    .map(
      ([status, letter]) =>
        `${letter} — ${{ UNEXCUSED: 'без уважительной причины', ILL: 'по болезни', EXCUSED: 'по уважительной причине', LATE: 'опоздание' }[status]}`,
    )
    .join('; ');
  await pdfStream(
    {
      pageSize: 'A4',
      pageOrientation: 'landscape',
      pageMargins: [28, 28, 28, 36],
      info: { title: `Классный журнал ${journal.className}, ${journal.span}` },
      content: [
        { text: journal.school, alignment: 'center', fontSize: 12, margin: [0, 120, 0, 24] },
        { text: 'КЛАССНЫЙ ЖУРНАЛ', alignment: 'center', fontSize: 24, bold: true },
        { text: `${journal.className} класс`, alignment: 'center', fontSize: 18, margin: [0, 8, 0, 0] },
        { text: journal.span, alignment: 'center', fontSize: 12, margin: [0, 8, 0, 0] },
        { text: `Классный руководитель: ${journal.classTeacher ?? '—'}`, alignment: 'center', fontSize: 11, margin: [0, 24, 0, 0] },
        { text: `Распечатан из электронного журнала. Пропуски: ${legend}.`, alignment: 'center', fontSize: 8, color: '#555555', margin: [0, 60, 0, 0] },
        ...journal.subjects.flatMap((subject) => subjectPages(journal, subject)),
        ...yearSummaryPages(journal),
        { text: 'Директор ____________________    Классный руководитель ____________________    М.П.', margin: [0, 24, 0, 0] },
      ],
    },
    out,
  );
}
