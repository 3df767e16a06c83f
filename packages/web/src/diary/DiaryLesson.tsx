import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql, type DocumentType } from '../gql';
import { LessonFileList } from '../shared/LessonFiles';

const DiaryLesson_lesson = graphql(`
  fragment DiaryLesson_lesson on Lesson {
    id
    lessonNumber
    room
    topic
    homework
    files {
      id
      ...LessonFileList_file
    }
    subject {
      id
      name
    }
    teacher {
      id
      shortName
    }
    substitute {
      id
      shortName
    }
  }
`);

interface Props {
  /** The week's query holds the lesson's fields (`...DiaryLesson_lesson @unmask`): thirty lessons, none watched on its own. */
  lesson: DocumentType<typeof DiaryLesson_lesson>;
  /** The pupil's own entries at this lesson (absence, remarks), under its homework. */
  children: ReactNode;
}

/** A lesson of the diary week as the paper diary has it: number, subject, room and teacher, topic, homework and its files. */
export function DiaryLesson({ lesson, children }: Props) {
  const { t } = useTranslation();
  return (
    <>
      <span className="dlesson__n" title={t('diary.lessonNumber', { n: lesson.lessonNumber })}>
        {lesson.lessonNumber}
      </span>
      <div className="dlesson__main">
        <div className="dlesson__head">
          <span className="dlesson__subject">{lesson.subject.name}</span>
          <span className="dlesson__where muted">
            {[lesson.room ? t('diary.room', { room: lesson.room }) : null, (lesson.substitute ?? lesson.teacher).shortName].filter(Boolean).join(' · ')}
            {lesson.substitute ? ` (${t('diary.substitute')})` : ''}
          </span>
        </div>
        {lesson.topic ? <p className="dlesson__topic">{lesson.topic}</p> : null}
        {lesson.homework ? (
          <p className="dlesson__homework">
            <span className="dlesson__label">{t('diary.homework')}</span> {lesson.homework}
          </p>
        ) : null}
        <LessonFileList files={lesson.files} testId={`diary-files-${lesson.id}`} />
        {children}
      </div>
    </>
  );
}
