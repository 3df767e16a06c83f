import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { viewerOf, type Context } from '../../policy/context.js';
import { IdArg } from '../../kernel/input-fields.js';
import { LessonType } from '../timetable/index.js';
import { LessonFileService } from './lesson-file.service.js';
import { AttachLessonFilesInput, LessonFileType } from './lesson-file.types.js';

@Resolver(() => LessonFileType)
export class LessonFileResolver {
  constructor(private readonly service: LessonFileService) {}

  @Query(() => [LessonFileType], { description: "R-J1: the files of a lesson's homework (its pupils, their parents and the journal's readers)" })
  lessonFiles(@IdArg('lessonId') lessonId: string, @Ctx() ctx: Context): Promise<LessonFileType[]> {
    return this.service.files(ctx.em, lessonId);
  }

  @Mutation(() => [LessonFileType], { description: "R-J1: attaches uploaded files (POST /attachments) to a lesson's homework; returns the lesson's files" })
  attachLessonFiles(@Arg('input', () => AttachLessonFilesInput) input: AttachLessonFilesInput, @Ctx() ctx: Context): Promise<LessonFileType[]> {
    return this.service.attach(ctx.em, viewerOf(ctx), input.lessonId, input.attachmentIds);
  }
}

@Resolver(() => LessonType)
export class LessonFilesOfLessonResolver {
  @FieldResolver(() => [LessonFileType], {
    description: "R-J1: the files of the lesson's homework, as `lessonFiles` lists them; one statement for all lessons of the answer",
  })
  files(@Root() lesson: LessonType, @Ctx() ctx: Context): Promise<LessonFileType[]> {
    return ctx.loaders.filesByLesson.load(lesson.id);
  }
}
