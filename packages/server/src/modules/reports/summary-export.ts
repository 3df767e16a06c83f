/**
 * R-R1: the summary sheet printed as XLSX, CSV and PDF. All three write the same grid: № and name,
 * per subject the period mark and the weighted average, then missed lessons by reason; below the
 * students, "качество" and "успеваемость" per subject. Each writer streams into the response.
 */
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { shortName, PERIOD_NAMES } from '../school/index.js';
import { pdfStream } from './pdf.js';
import type { ClassSummary } from './summary.service.js';

export const SUMMARY_TITLE = 'Сводная ведомость успеваемости и посещаемости';
/** 003 §2.2.3: the class teacher's report to the deputy directors 2 weeks before the period ends. */
export const PRELIMINARY_TITLE = 'Предварительный отчёт об успеваемости и посещаемости';
export const ATTENDANCE_HEADERS = ['Пропущено уроков', 'По болезни (Б)', 'По ув. причине (У)', 'Без ув. причины (Н)', 'Опозданий'];

export type GridValue = string | number | null;

/** A spreadsheet holds marks, averages and percentages as numbers where they are numbers. */
const asNumber = (value: GridValue): GridValue => (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value);

export function summaryHeading(sheet: ClassSummary): string[] {
  const { schoolClass, period, asOf } = sheet;
  return [
    schoolClass.school.name,
    asOf ? PRELIMINARY_TITLE : SUMMARY_TITLE,
    `Класс ${schoolClass.name}, ${period.number} ${PERIOD_NAMES[period.kind]} (${period.startsOn} — ${period.endsOn}), ${schoolClass.year.name} учебный год` +
      (asOf ? `; по состоянию на ${asOf.split('-').reverse().join('.')}` : ''),
  ];
}

/** Header and rows: the same grid for every format. */
export function summaryGrid(sheet: ClassSummary): { header: string[]; rows: GridValue[][]; totals: GridValue[][] } {
  const header = [
    '№',
    'Ученик',
    ...sheet.subjects.flatMap(({ subject }) => [`${subject.name}: отметка`, `${subject.name}: средний балл`]),
    ...ATTENDANCE_HEADERS,
  ];
  const rows = sheet.rows.map((row) => [
    row.number,
    `${row.student.lastName} ${row.student.firstName}`,
    ...row.cells.flatMap((c) => [c.periodMark ?? (c.postponedUntil ? `отложено до ${c.postponedUntil}` : null), c.average]),
    row.attendance.missed,
    row.attendance.ill,
    row.attendance.excused,
    row.attendance.unexcused,
    row.attendance.late,
  ]);
  const line = (label: string, pick: (s: ClassSummary['subjects'][number]['stats']) => string | null) => [
    null,
    label,
    ...sheet.subjects.flatMap(({ stats }) => [pick(stats), null]),
    ...ATTENDANCE_HEADERS.map(() => null),
  ];
  return { header, rows, totals: [line('Качество, %', (s) => s.quality), line('Успеваемость, %', (s) => s.success)] };
}

export async function writeSummaryCsv(sheet: ClassSummary, out: Writable): Promise<void> {
  const { header, rows, totals } = summaryGrid(sheet);
  // A BOM and semicolons: what spreadsheet programs with Russian settings open without asking.
  out.write('\uFEFF');
  const csv = stringify({ delimiter: ';', record_delimiter: '\r\n' });
  const done = pipeline(csv, out);
  for (const record of [...summaryHeading(sheet).map((h) => [h]), [], header, ...rows, ...totals]) {
    csv.write(record.map((v) => (v === null ? '' : String(v))));
  }
  csv.end();
  await done;
}

export async function writeSummaryXlsx(sheet: ClassSummary, out: Writable): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = book.addWorksheet('Ведомость', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 } });
  const { header, rows, totals } = summaryGrid(sheet);
  for (const line of summaryHeading(sheet)) ws.addRow([line]).commit();
  ws.addRow([]).commit();
  const head = ws.addRow(header);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  head.commit();
  for (const values of rows) {
    const row = ws.addRow(values.map(asNumber));
    sheet.subjects.forEach((_, i) => (row.getCell(3 + 2 * i + 1).numFmt = '0.00'));
    row.commit();
  }
  for (const values of totals) ws.addRow(values.map(asNumber)).commit();
  ws.addRow([]).commit();
  for (const line of classSignatures(sheet)) ws.addRow([line]).commit();
  ws.commit();
  await book.commit();
}

export async function writeSummaryPdf(sheet: ClassSummary, out: Writable): Promise<void> {
  const subjects = sheet.subjects;
  const cellText = (mark: string | null, average: string | null) => ({
    stack: [
      { text: mark ?? '', bold: true },
      { text: average ?? '', fontSize: 6, color: '#555555' },
    ],
    alignment: 'center' as const,
  });
  const body = [
    ['№', 'Ученик', ...subjects.map(({ subject }) => subject.shortName), 'Пропущено', 'Б', 'У', 'Н', 'Опозд.'].map((text) => ({
      text,
      bold: true,
      fontSize: 7,
      alignment: 'center' as const,
    })),
    ...sheet.rows.map((row) => [
      String(row.number),
      `${row.student.lastName} ${row.student.firstName}`,
      ...row.cells.map((c) => cellText(c.periodMark ?? (c.postponedUntil ? 'отл.' : null), c.average)),
      ...[row.attendance.missed, row.attendance.ill, row.attendance.excused, row.attendance.unexcused, row.attendance.late].map((n) => ({
        text: String(n),
        alignment: 'center' as const,
      })),
    ]),
    ...(
      [
        ['Качество, %', (s: (typeof subjects)[number]['stats']) => s.quality],
        ['Успеваемость, %', (s: (typeof subjects)[number]['stats']) => s.success],
      ] as const
    ).map(([label, pick]) => [
      '',
      { text: label, bold: true },
      ...subjects.map(({ stats }) => ({ text: pick(stats) ?? '', alignment: 'center' as const, fontSize: 7 })),
      '',
      '',
      '',
      '',
      '',
    ]),
  ];
  const [school, title, what] = summaryHeading(sheet);
  await pdfStream(
    {
      pageSize: 'A4',
      pageOrientation: 'landscape',
      pageMargins: [28, 28, 28, 36],
      info: { title: `${title}: ${sheet.schoolClass.name}, ${sheet.period.number} ${PERIOD_NAMES[sheet.period.kind]}${sheet.asOf ? `, ${sheet.asOf}` : ''}` },
      content: [
        { text: school, alignment: 'center', fontSize: 10 },
        { text: title, alignment: 'center', fontSize: 13, bold: true, margin: [0, 4, 0, 2] },
        { text: what, alignment: 'center', fontSize: 10, margin: [0, 0, 0, 8] },
        {
          table: { headerRows: 1, widths: [14, 110, ...subjects.map(() => '*'), 40, 18, 18, 18, 26], body },
          layout: { paddingLeft: () => 2, paddingRight: () => 2, paddingTop: () => 1, paddingBottom: () => 1 },
          fontSize: 8,
        },
        { text: 'В ячейке: отметка за период, под ней средний взвешенный балл.', fontSize: 7, color: '#555555', margin: [0, 4, 0, 12] },
        ...classSignatures(sheet).map((text) => ({ text, margin: [0, 8, 0, 0] as [number, number, number, number] })),
      ],
    },
    out,
  );
}

/** Who signs a class's sheet: the class teacher (named when known) and the deputy director. */
export function classSignatures(sheet: Pick<ClassSummary, 'schoolClass'>): string[] {
  const teacher = sheet.schoolClass.classTeacher;
  return [
    `Классный руководитель ____________________ / ${teacher ? shortName(teacher) : '____________________'} /`,
    'Заместитель директора ____________________ / ____________________ /',
    'Дата «____» ______________ 20___ г.',
  ];
}
