/** R-R3: the student's period report as a PDF for parents: their child only, compared with their own previous period. */
import type { Writable } from 'node:stream';
import { pdfStream } from './pdf.js';
import { Trend, type StudentPeriodReportType } from './reports.types.js';

const TREND_WORDS: Record<Trend, string> = { [Trend.UP]: 'выше', [Trend.DOWN]: 'ниже', [Trend.SAME]: 'без изменений', [Trend.NEW]: '—' };

export async function writeStudentReportPdf(report: StudentPeriodReportType, schoolName: string, out: Writable): Promise<void> {
  const prev = report.previousPeriod?.name ?? 'предыдущий период';
  const absences = (label: string, t: StudentPeriodReportType['attendance'] | null) =>
    t
      ? `${label}: пропущено уроков ${t.missed} (по болезни ${t.ill}, по уважительной причине ${t.excused}, без уважительной причины ${t.unexcused}), опозданий ${t.late}.`
      : null;
  await pdfStream(
    {
      pageSize: 'A4',
      pageMargins: [40, 40, 40, 48],
      info: { title: `Отчёт об успеваемости: ${report.student.fullName}, ${report.period.name}` },
      content: [
        { text: schoolName, alignment: 'center', fontSize: 10 },
        { text: 'Отчёт об успеваемости и посещаемости', alignment: 'center', fontSize: 14, bold: true, margin: [0, 4, 0, 2] },
        {
          text: `${report.student.fullName}, ${report.period.name} (${report.period.startsOn} — ${report.period.endsOn})`,
          alignment: 'center',
          margin: [0, 0, 0, 12],
        },
        {
          table: {
            headerRows: 1,
            widths: ['*', 60, 60, 60, 60, 70],
            body: [
              ['Предмет', 'Средний балл', 'Отметка за период', `Средний балл: ${prev}`, `Отметка: ${prev}`, 'Динамика'].map((text) => ({
                text,
                bold: true,
                fontSize: 8,
              })),
              ...report.subjects.map((s) => [
                s.subject.name,
                s.average ?? '—',
                s.periodMark ?? '—',
                s.previousAverage ?? '—',
                s.previousPeriodMark ?? '—',
                TREND_WORDS[s.trend],
              ]),
            ],
          },
        },
        { text: absences(report.period.name, report.attendance)!, margin: [0, 12, 0, 0] },
        ...(report.previousAttendance ? [{ text: absences(prev, report.previousAttendance)!, margin: [0, 4, 0, 0] as [number, number, number, number] }] : []),
        {
          text: 'Средний балл — средний взвешенный по отметкам периода; динамика — в сравнении с собственным предыдущим периодом ученика.',
          fontSize: 7,
          color: '#555555',
          margin: [0, 12, 0, 24],
        },
        { text: 'Классный руководитель ____________________' },
      ],
    },
    out,
  );
}
