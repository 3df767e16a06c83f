import { DateTimeISOResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { IdField, IdListField } from '../../kernel/input-fields.js';
import { MAX_ATTACHMENTS } from '../messaging/index.js';
import type { LessonFile } from './lesson-file.entity.js';

/** Who a lesson's file is for, carried unexposed for the policy (`LessonFile`). */
export interface LessonFileAudience {
  schoolId: string;
  lessonId: string;
  groupId: string;
  classId: string | null;
  /** The group's pupils on the lesson's date. */
  studentIds: readonly string[];
}

@ObjectType('LessonFile', { description: "R-J1: a file of a lesson's homework; download it from `url` with the same bearer token" })
export class LessonFileType implements LessonFileAudience {
  @Field(() => ID) id!: string;
  @Field(() => ID) lessonId!: string;
  @Field(() => String) fileName!: string;
  @Field(() => String) contentType!: string;
  @Field(() => Int, { description: 'Bytes' }) size!: number;
  @Field(() => DateTimeISOResolver) attachedAt!: Date;
  @Field(() => String, { description: 'Path of the file on this server: GET it with `Authorization: Bearer`' }) url!: string;
  schoolId!: string;
  groupId!: string;
  classId!: string | null;
  studentIds!: readonly string[];

  static from(f: LessonFile, audience: Omit<LessonFileAudience, 'lessonId'>): LessonFileType {
    return LessonFileType.of(
      { id: f.id, lessonId: f.lesson.id, fileName: f.fileName, contentType: f.contentType, size: f.size, attachedAt: f.attachedAt },
      audience,
    );
  }

  static of(
    f: Pick<LessonFileType, 'id' | 'lessonId' | 'fileName' | 'contentType' | 'size' | 'attachedAt'>,
    audience: Omit<LessonFileAudience, 'lessonId'>,
  ): LessonFileType {
    return Object.assign(new LessonFileType(), { ...f, url: `/lesson-files/${f.id}`, ...audience });
  }
}

@InputType()
export class AttachLessonFilesInput {
  @IdField() lessonId!: string;
  @IdListField({ min: 1, max: MAX_ATTACHMENTS, description: 'Files uploaded with POST /attachments' }) attachmentIds!: string[];
}

/** The sources of this file's GraphQL object types, for their type rules (policy/type-rule.ts). */
declare module '../../policy/type-rule.js' {
  interface TypeSources {
    LessonFile: LessonFileType;
  }
}
