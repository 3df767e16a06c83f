import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { notFound } from '../../kernel/errors.js';
import { UUID } from '../../kernel/input-fields.js';
import { mirrorRoute, mirrors, sendDownload } from '../../policy/routes.js';
import type { Viewer } from '../../policy/viewer.js';
import { LessonFile } from './lesson-file.entity.js';
import type { LessonFileService } from './lesson-file.service.js';
import { LessonFileType } from './lesson-file.types.js';
import { journalRules } from './journal.policy.js';

/** A lesson's file is read as `lessonFiles` shows it: its pupils, their parents and the journal's readers. */
const DOWNLOAD = mirrors(journalRules, 'Query.lessonFiles', 'LessonFile', { list: true });

export function lessonFileRoutes(opts: {
  orm: MikroORM;
  service: LessonFileService;
  viewerOf: (req: express.Request) => Promise<Viewer | null>;
}): express.Router {
  const router = express.Router();
  router.get(
    '/:id',
    mirrorRoute(DOWNLOAD, opts.viewerOf, async (req) => {
      const em = opts.orm.em.fork();
      const id = String(req.params.id);
      const file = UUID.test(id) ? await em.findOne(LessonFile, id, { populate: ['data', 'lesson'] }) : null;
      if (!file) throw notFound('No such file.');
      return {
        about: LessonFileType.from(file, await opts.service.audience(em, file.lesson.id)),
        send: sendDownload(file),
      };
    }),
  );
  return router;
}
