import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { uploadAttachment } from '../messaging/attachments';
import { capitalize, formatDate } from '../shared/dates';
import { LessonFileList } from '../shared/LessonFiles';

const SetLessonContentMutation = graphql(`
  mutation SetLessonContent($input: SetLessonContentInput!) {
    setLessonContent(input: $input) {
      id
      topic
      homework
    }
  }
`);

const LessonPlanQuery = graphql(`
  query LessonPlan($groupId: ID!) {
    thematicPlan(groupId: $groupId) {
      topics {
        id
        number
        topic
      }
    }
  }
`);

/** A dialog is one lesson: its files are one query (the journal grid does not read them). */
const LessonFilesQuery = graphql(`
  query LessonFiles($lessonId: ID!) {
    lessonFiles(lessonId: $lessonId) {
      id
      ...LessonFileList_file
    }
  }
`);

const AttachLessonFilesMutation = graphql(`
  mutation AttachLessonFiles($input: AttachLessonFilesInput!) {
    attachLessonFiles(input: $input) {
      id
      ...LessonFileList_file
    }
  }
`);

interface Props {
  groupId: string;
  lesson: { id: string; date: string; lessonNumber: number; topic: string | null; homework: string | null };
  editable: boolean;
  onClose: () => void;
}

/** R-J1: the topic given and the homework set at a lesson. */
export function LessonDialog({ groupId, lesson, editable, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [topic, setTopic] = useState(lesson.topic ?? '');
  const [homework, setHomework] = useState(lesson.homework ?? '');
  const [planTopicId, setPlanTopicId] = useState('');
  const [error, setError] = useState<unknown>(null);
  // R-J1, R-J2: topics follow the thematic plan; picking one fills the topic (the server links the lesson to it).
  const { data: plan } = useQuery(LessonPlanQuery, { variables: { groupId }, skip: !editable });
  const planTopics = plan?.thematicPlan.topics ?? [];
  const [save, { loading }] = useMutation(SetLessonContentMutation);
  // R-J1: files of the homework (uploaded like a letter's, then attached to the lesson when saving).
  const [attach] = useMutation(AttachLessonFilesMutation, { refetchQueries: [LessonFilesQuery] });
  const [files, setFiles] = useState<File[]>([]);
  const lessonFiles = useQuery(LessonFilesQuery, { variables: { lessonId: lesson.id } }).data?.lessonFiles ?? [];

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await save({ variables: { input: { lessonId: lesson.id, planTopicId: planTopicId || undefined, topic: topic.trim(), homework: homework.trim() } } });
      const attachmentIds: string[] = [];
      for (const file of files) attachmentIds.push((await uploadAttachment(file)).id);
      if (attachmentIds.length) await attach({ variables: { input: { lessonId: lesson.id, attachmentIds } } });
      onClose();
    } catch (err) {
      setError(err);
    }
  }

  const date = capitalize(formatDate(lesson.date, i18n.resolvedLanguage ?? 'ru', { weekday: 'long', day: 'numeric', month: 'long' }));
  return (
    <Dialog title={t('lessonDialog.title', { date, n: lesson.lessonNumber })} onClose={onClose} testId="lesson-dialog">
      {editable ? (
        <form className="form form--compact" onSubmit={(e) => void handleSubmit(e)}>
          {planTopics.length ? (
            <div className="field">
              <label htmlFor={`${id}-plan`}>{t('teacherDay.planTopic')}</label>
              <select
                id={`${id}-plan`}
                value={planTopicId}
                onChange={(e) => {
                  setPlanTopicId(e.target.value);
                  const chosen = planTopics.find((p) => p.id === e.target.value);
                  if (chosen) setTopic(chosen.topic);
                }}
                data-testid="lesson-plan-topic"
              >
                <option value="">{t('teacherDay.planTopicNone')}</option>
                {planTopics.map((p) => (
                  <option key={p.id} value={p.id}>
                    {t('teacherDay.planTopicOption', { number: p.number, topic: p.topic })}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          <div className="field">
            <label htmlFor={`${id}-topic`}>{t('lessonDialog.topic')}</label>
            <input id={`${id}-topic`} value={topic} maxLength={300} onChange={(e) => setTopic(e.target.value)} data-testid="lesson-topic-input" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-homework`}>{t('lessonDialog.homework')}</label>
            <textarea
              id={`${id}-homework`}
              rows={3}
              value={homework}
              maxLength={4000}
              onChange={(e) => setHomework(e.target.value)}
              placeholder={t('lessonDialog.homeworkPlaceholder')}
              data-testid="lesson-homework-input"
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-files`}>{t('teacherDay.files')}</label>
            <LessonFileList files={lessonFiles} testId="lesson-files" />
            <input
              id={`${id}-files`}
              type="file"
              multiple
              accept=".pdf,.jpg,.jpeg,.png,.docx"
              onChange={(e) => setFiles([...(e.target.files ?? [])].slice(0, 5))}
              data-testid="lesson-files-input"
            />
          </div>
          {error ? (
            <p className="form-error" role="alert">
              {errorText(error)}
            </p>
          ) : null}
          <div className="dialog__actions">
            <button type="button" className="button button--ghost" onClick={onClose}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="button button--primary" disabled={loading} data-testid="lesson-save">
              {t('common.save')}
            </button>
          </div>
        </form>
      ) : (
        <dl className="facts">
          <div>
            <dt>{t('lessonDialog.topic')}</dt>
            <dd>{lesson.topic ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('lessonDialog.homework')}</dt>
            <dd>
              {lesson.homework ?? '—'}
              <LessonFileList files={lessonFiles} testId="lesson-files" />
            </dd>
          </div>
        </dl>
      )}
    </Dialog>
  );
}
