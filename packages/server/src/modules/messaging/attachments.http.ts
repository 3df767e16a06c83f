/**
 * R-C1: files travel outside GraphQL, as raw bytes: `POST /attachments?name=…` stores an upload
 * (checked for size and kind) and answers its id, which `startConversation`/`sendMessage` then attach;
 * `GET /attachments/:id` serves a file to the people of its conversation, by the `Attachment` type rule
 * (policy/routes.ts). Both need the bearer token.
 */
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import { fileTypeFromBuffer } from 'file-type';
import { basename, extname } from 'node:path';
import type { Clock } from '../../kernel/clock.js';
import { notFound } from '../../kernel/errors.js';
import { UUID } from '../../kernel/input-fields.js';
import type { Reason } from '../../kernel/reasons.js';
import { mirrorRoute, mirrors, sendDownload, type MirrorAnswer, type MirrorRule } from '../../policy/routes.js';
import type { Viewer } from '../../policy/viewer.js';
import { User } from '../school/index.js';
import { Attachment, ConversationParticipant } from './messaging.entity.js';
import { AttachmentType } from './messaging.types.js';
import { messagingRules } from './messaging.policy.js';

/** The kinds of file a message may carry, judged by the bytes (not by the name or the header). */
export const ATTACHMENT_KINDS: Record<string, { mime: string; extensions: string[] }> = {
  pdf: { mime: 'application/pdf', extensions: ['.pdf'] },
  jpg: { mime: 'image/jpeg', extensions: ['.jpg', '.jpeg'] },
  png: { mime: 'image/png', extensions: ['.png'] },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['.docx'] },
};

/** Unsent uploads a person may hold at once, and how long one is kept unsent. */
const MAX_UNSENT = 20;
export const UNSENT_KEPT_HOURS = 24;

function refuse(res: express.Response, status: number, code: string, reason: Reason, message: string) {
  res.status(status).json({ errors: [{ message, extensions: { code, reason } }] });
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** Uploading is the first half of sending a message (its root rule); a file is read as `Message.attachments` shows it. */
const UPLOAD = mirrors(messagingRules, 'Mutation.sendMessage');
const DOWNLOAD = mirrors(messagingRules, 'Message.attachments', 'Attachment', { list: true });

export function attachmentRoutes(opts: {
  orm: MikroORM;
  maxBytes: number;
  /** The signed-in viewer of a request (bearer token), or null. */
  viewerOf: (req: express.Request) => Promise<Viewer | null>;
  /** When an upload is made (the notification worker purges unsent ones by the same clock). */
  clock: Clock;
}): express.Router {
  const router = express.Router();
  /** The root rules are `signedIn`: past them the viewer is there. */
  const route = (rule: MirrorRule, handler: (req: express.Request, viewer: Viewer, em: EntityManager) => Promise<MirrorAnswer>) =>
    mirrorRoute(rule, opts.viewerOf, (req, viewer) => handler(req, viewer!, opts.orm.em.fork()));
  const refusal = (status: number, code: string, reason: Reason, message: string): MirrorAnswer => ({
    send: (res) => refuse(res, status, code, reason, message),
  });

  router.post(
    '/',
    express.raw({ type: () => true, limit: opts.maxBytes }),
    route(UPLOAD, async (req, viewer, em) => {
      const name = basename(typeof req.query.name === 'string' ? req.query.name : '')
        .replace(/\p{Cc}/gu, '')
        .trim();
      if (!name || name.length > 200) return refusal(400, 'BAD_USER_INPUT', 'FILE_NAME_REQUIRED', 'Give the file name (up to 200 characters) as `?name=`.');
      const data = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      if (!data.length) return refusal(400, 'BAD_USER_INPUT', 'FILE_EMPTY', 'The file is empty.');
      const sniffed = await fileTypeFromBuffer(data);
      const kind = sniffed && ATTACHMENT_KINDS[sniffed.ext];
      const allowed = 'Only PDF, JPEG, PNG and DOCX files may be attached';
      if (!kind)
        return refusal(
          415,
          'BAD_USER_INPUT',
          'FILE_KIND_NOT_ALLOWED',
          `${allowed}; this file is ${sniffed ? sniffed.ext.toUpperCase() : 'of an unknown kind'}.`,
        );
      if (!kind.extensions.includes(extname(name).toLowerCase())) {
        return refusal(
          415,
          'BAD_USER_INPUT',
          'FILE_NAME_MISMATCH',
          `The file is ${sniffed.ext.toUpperCase()} but its name says otherwise: name it *${kind.extensions[0]}.`,
        );
      }
      if ((await em.count(Attachment, { uploadedBy: viewer.userId, message: null })) >= MAX_UNSENT) {
        return refusal(400, 'BAD_USER_INPUT', 'TOO_MANY_UNSENT_FILES', `You have ${MAX_UNSENT} files uploaded and not sent: send them first.`);
      }
      const attachment = em.create(Attachment, {
        uploadedBy: em.getReference(User, viewer.userId),
        fileName: name,
        contentType: kind.mime,
        size: data.length,
        data,
        uploadedAt: opts.clock(),
      });
      await em.flush();
      return { send: (res) => void res.status(201).json({ id: attachment.id, fileName: name, contentType: kind.mime, size: data.length }) };
    }),
  );

  router.get(
    '/:id',
    route(DOWNLOAD, async (req, _viewer, em) => {
      const id = String(req.params.id);
      const file = UUID.test(id) ? await em.findOne(Attachment, id, { populate: ['data', 'message'] }) : null;
      // A retracted message keeps no files; an unsent upload is its uploader's alone.
      if (!file || file.message?.retractedAt) throw notFound('No such file.');
      const participantIds = file.message
        ? (await em.find(ConversationParticipant, { conversation: file.message.conversation.id })).map((p) => p.user.id)
        : [file.uploadedBy.id];
      return {
        about: AttachmentType.from(file, participantIds),
        send: sendDownload(file),
      };
    }),
  );

  // body-parser's refusal of a file over the limit.
  router.use(((err, _req, res, next) => {
    if ((err as { type?: string }).type === 'entity.too.large') {
      return refuse(res, 413, 'PAYLOAD_TOO_LARGE', 'FILE_TOO_LARGE', `The file is larger than ${megabytes(opts.maxBytes)}, the most a message may carry.`);
    }
    next(err);
  }) as express.ErrorRequestHandler);
  return router;
}
