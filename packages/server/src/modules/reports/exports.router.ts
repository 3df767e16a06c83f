/**
 * GET /exports/…: the printable forms, for the bearer of a session token (the same one GraphQL takes),
 * under the same access rules as the GraphQL reports. Files are streamed into the response.
 *
 *   /exports/class-summary/:classId/:periodId.xlsx | .csv | .pdf   R-R1, class teacher and administration
 *   /exports/student-report/:studentId/:periodId.pdf              R-R3, behind the diary gate
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import type { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { AppError, type ErrorCode } from '../../graphql/errors.js';
import type { Viewer } from '../../policy/viewer.js';
import { School } from '../school/school.entity.js';
import { PERIOD_NAMES } from '../school/school.types.js';
import { studentPeriodReport } from './student-report.service.js';
import { writeStudentReportPdf } from './student-report-export.js';
import { writeSummaryCsv, writeSummaryPdf, writeSummaryXlsx } from './summary-export.js';
import { classSummary, type ClassSummary } from './summary.service.js';

const FORMATS: Record<string, { type: string; write: (sheet: ClassSummary, out: Writable) => Promise<void> }> = {
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', write: writeSummaryXlsx },
  csv: { type: 'text/csv; charset=utf-8', write: writeSummaryCsv },
  pdf: { type: 'application/pdf', write: writeSummaryPdf },
};

const STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, NOT_FOUND: 404, BAD_USER_INPUT: 400 };

function attachment(res: express.Response, type: string, filename: string) {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', `attachment; filename="export"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  // Personal data: never kept by a shared cache or the browser's.
  res.setHeader('Cache-Control', 'no-store');
}

export function exportsRouter(opts: { orm: MikroORM; viewerFor: (token: string | null) => Promise<Viewer | null>; log: Logger }): express.Router {
  const router = express.Router();

  /** Runs a download for a signed-in viewer; errors before the first byte are answered as the API answers them. */
  const download =
    (handler: (req: express.Request, res: express.Response, viewer: Viewer, em: ReturnType<MikroORM['em']['fork']>) => Promise<void>): express.RequestHandler =>
    async (req, res) => {
      try {
        const token = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;
        const viewer = await opts.viewerFor(token);
        if (!viewer) throw new AppError('UNAUTHENTICATED', 'Sign in first.');
        await handler(req, res, viewer, opts.orm.em.fork());
      } catch (err) {
        if (res.headersSent) {
          opts.log.error({ err }, 'an export failed while streaming');
          res.destroy(err as Error);
        } else if (err instanceof AppError && STATUS[err.extensions.code as ErrorCode]) {
          // The extensions as GraphQL gives them: a client tells "consent needed" (reason CONSENT_REQUIRED) from "no such student".
          res.status(STATUS[err.extensions.code as ErrorCode]!).json({ errors: [{ message: err.message, extensions: err.extensions }] });
        } else {
          opts.log.error({ err }, 'an export failed');
          res.status(500).json({ errors: [{ message: 'Internal server error.', extensions: { code: 'INTERNAL' } }] });
        }
      }
    };

  router.get(
    '/class-summary/:classId/:periodId.:format',
    download(async (req, res, viewer, em) => {
      const format = FORMATS[String(req.params.format)];
      if (!format) throw new AppError('BAD_USER_INPUT', `No such format: use ${Object.keys(FORMATS).join(', ')}.`);
      const sheet = await classSummary(em, viewer, String(req.params.classId), String(req.params.periodId));
      attachment(res, format.type, `Сводная ведомость ${sheet.schoolClass.name}, ${sheet.period.number} ${PERIOD_NAMES[sheet.period.kind]}.${req.params.format}`);
      await format.write(sheet, res);
    }),
  );

  router.get(
    '/student-report/:studentId/:periodId.pdf',
    download(async (req, res, viewer, em) => {
      const report = await studentPeriodReport(em, viewer, String(req.params.studentId), String(req.params.periodId));
      const school = await em.findOneOrFail(School, report.schoolId!);
      attachment(res, 'application/pdf', `Отчёт ${report.student.shortName}, ${report.period.name}.pdf`);
      await writeStudentReportPdf(report, school.name, res);
    }),
  );

  router.use((_req, res) => {
    res.status(404).json({ errors: [{ message: 'No such export.', extensions: { code: 'NOT_FOUND' } }] });
  });
  return router;
}
