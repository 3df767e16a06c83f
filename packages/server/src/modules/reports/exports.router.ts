/**
 * GET /exports/…: the printable forms, for the bearer of a session token (the same one GraphQL takes).
 * Each route mirrors its GraphQL field (policy/routes.ts): the field's root rule, the same service, the
 * field type's rule on the result, then the file is streamed into the response.
 *
 *   /exports/class-summary/:classId/:periodId.xlsx | .csv | .pdf   R-R1, class teacher and administration
 *   /exports/student-report/:studentId/:periodId.pdf              R-R3, behind the diary gate
 *   /exports/printed-journal/:classId/:periodId.pdf (or year.pdf)  the class journal on paper (issue 18); as class-summary
 *   /exports/preliminary-report/:classId/:periodId.pdf | .xlsx     003 §2.2.3: the summary so far, as of today; as class-summary
 *   /exports/parents-informed/:classId/:dueOn.pdf                  003 §2.2.2: the families' reports on paper; as class-summary
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { AppError, unauthenticated } from '../../kernel/errors.js';
import type { Reason } from '../../kernel/reasons.js';
import { declare, mirrorRoute, mirrors, open, type MirrorAnswer, type MirrorRule } from '../../policy/routes.js';
import type { Viewer } from '../../policy/viewer.js';
import type { Clock } from '../../kernel/clock.js';
import { isValidIsoDate, todayIso } from '../../kernel/dates.js';
import { School, PERIOD_NAMES } from '../school/index.js';
import { scope } from './reports.types.js';
import { paperReports, writePaperReportsPdf } from './parents-informed-pdf.js';
import { printedJournal } from './printed-journal.js';
import { writePrintedJournalPdf } from './printed-journal-pdf.js';
import { studentPeriodReport } from './student-report.service.js';
import { writeStudentReportPdf } from './student-report-export.js';
import { writeSummaryCsv, writeSummaryPdf, writeSummaryXlsx } from './summary-export.js';
import { classSummary, type ClassSummary } from './summary.service.js';
import { reportsRules } from './reports.policy.js';

const FORMATS: Record<string, { type: string; write: (sheet: ClassSummary, out: Writable) => Promise<void> }> = {
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', write: writeSummaryXlsx },
  csv: { type: 'text/csv; charset=utf-8', write: writeSummaryCsv },
  pdf: { type: 'application/pdf', write: writeSummaryPdf },
};

function attachment(res: express.Response, type: string, filename: string) {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="export"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  // Personal data: never kept by a shared cache or the browser's.
  res.setHeader('Cache-Control', 'no-store');
}

/** Each export asks the policy of the GraphQL field it prints (policy/routes.ts). */
const CLASS_SUMMARY = mirrors(reportsRules, 'Query.classSummary', 'ClassSummary');
const STUDENT_REPORT = mirrors(reportsRules, 'Query.studentPeriodReport', 'StudentPeriodReport');

export function exportsRouter(opts: { orm: MikroORM; viewerOf: (req: express.Request) => Promise<Viewer | null>; log: Logger; clock: Clock }): express.Router {
  const router = express.Router();

  /** A download for a signed-in viewer, with a fresh EntityManager; nothing is sent before the policy has answered. */
  const download = (rule: MirrorRule, load: (req: express.Request, viewer: Viewer, em: EntityManager) => Promise<MirrorAnswer>) =>
    mirrorRoute(rule, opts.viewerOf, (req, viewer) => {
      // The root rules already refused an anonymous caller; this tells the type checker.
      if (!viewer) throw unauthenticated();
      return load(req, viewer, opts.orm.em.fork());
    });

  router.get(
    '/class-summary/:classId/:periodId.:format',
    download(CLASS_SUMMARY, async (req, viewer, em) => {
      const format = FORMATS[String(req.params.format)];
      if (!format) throw new AppError('BAD_USER_INPUT', 'BAD_FORMAT', `No such format: use ${Object.keys(FORMATS).join(', ')}.`);
      const sheet = await classSummary(em, viewer, String(req.params.classId), String(req.params.periodId));
      return {
        // What the ClassSummary object carries for its type rule (reports.resolver.ts).
        about: scope({ schoolId: sheet.schoolClass.school.id, classId: sheet.schoolClass.id }),
        send: async (res) => {
          attachment(
            res,
            format.type,
            `Сводная ведомость ${sheet.schoolClass.name}, ${sheet.period.number} ${PERIOD_NAMES[sheet.period.kind]}.${String(req.params.format)}`,
          );
          await format.write(sheet, res);
        },
      };
    }),
  );

  router.get(
    '/student-report/:studentId/:periodId.pdf',
    download(STUDENT_REPORT, async (req, viewer, em) => {
      const report = await studentPeriodReport(em, viewer, String(req.params.studentId), String(req.params.periodId));
      return {
        about: report,
        send: async (res) => {
          const school = await em.findOneOrFail(School, report.schoolId!);
          attachment(res, 'application/pdf', `Отчёт ${report.student.shortName}, ${report.period.name}.pdf`);
          await writeStudentReportPdf(report, school.name, res);
        },
      };
    }),
  );

  // The printed journal is a class document like the summary sheet: the same readers, the same rule.
  router.get(
    '/printed-journal/:classId/:periodId.pdf',
    download(CLASS_SUMMARY, async (req, viewer, em) => {
      const journal = await printedJournal(em, viewer, String(req.params.classId), String(req.params.periodId));
      return {
        about: scope({ schoolId: journal.schoolId, classId: journal.classId }),
        send: async (res) => {
          attachment(res, 'application/pdf', `Классный журнал ${journal.className}, ${journal.span}.pdf`);
          await writePrintedJournalPdf(journal, res);
        },
      };
    }),
  );

  // Issue 18, 003 §2.2.3: the PRELIMINARY_REPORT duty's printout, the class summary so far; the same readers, the same rule.
  router.get(
    '/preliminary-report/:classId/:periodId.:format',
    download(CLASS_SUMMARY, async (req, viewer, em) => {
      const format = String(req.params.format);
      if (format !== 'pdf' && format !== 'xlsx') throw new AppError('BAD_USER_INPUT', 'BAD_FORMAT', 'No such format: use pdf, xlsx.');
      const summary = await classSummary(em, viewer, String(req.params.classId), String(req.params.periodId));
      const sheet = { ...summary, asOf: todayIso(opts.clock(), summary.schoolClass.school.timezone) };
      return {
        about: scope({ schoolId: sheet.schoolClass.school.id, classId: sheet.schoolClass.id }),
        send: async (res) => {
          attachment(
            res,
            FORMATS[format].type,
            `Предварительный отчёт ${sheet.schoolClass.name}, ${sheet.period.number} ${PERIOD_NAMES[sheet.period.kind]}, ${sheet.asOf}.${format}`,
          );
          await FORMATS[format].write(sheet, res);
        },
      };
    }),
  );

  // Issue 18, 003 §2.2.2: the PARENTS_INFORMED duty's printout for the families on paper; a class document like the summary.
  router.get(
    '/parents-informed/:classId/:dueOn.pdf',
    download(CLASS_SUMMARY, async (req, viewer, em) => {
      const dueOn = String(req.params.dueOn);
      if (!isValidIsoDate(dueOn)) throw new AppError('BAD_USER_INPUT', 'BAD_FORMAT', 'The due date is a date YYYY-MM-DD.');
      const reports = await paperReports(em, viewer, String(req.params.classId), dueOn);
      return {
        about: scope({ schoolId: reports.schoolClass.school.id, classId: reports.schoolClass.id }),
        send: async (res) => {
          attachment(res, 'application/pdf', `Успеваемость для родителей ${reports.schoolClass.name}, ${dueOn}.pdf`);
          await writePaperReportsPdf(reports, res);
        },
      };
    }),
  );

  router.use(
    declare(open('an unknown export: 404 and nothing else'), (_req: express.Request, res: express.Response) => {
      res.status(404).json({ errors: [{ message: 'No such export.', extensions: { code: 'NOT_FOUND', reason: 'NOT_FOUND' satisfies Reason } }] });
    }),
  );

  // What is not a refusal: a failure before the first byte is INTERNAL; once streaming, the response is cut.
  router.use(((err, _req, res, _next) => {
    if (res.headersSent) {
      opts.log.error({ err }, 'an export failed while streaming');
      res.destroy(err as Error);
    } else {
      opts.log.error({ err }, 'an export failed');
      res.status(500).json({ errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL' } }] });
    }
  }) as express.ErrorRequestHandler);
  return router;
}
