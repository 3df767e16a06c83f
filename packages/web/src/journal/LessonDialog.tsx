import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { capitalize, formatDate } from '../shared/dates';

const SetLessonContentMutation = graphql(`
  mutation SetLessonContent($input: SetLessonContentInput!) {
    setLessonContent(input: $input) {
      id
      topic
      homework
    }
  }
`);

interface Props {
  lesson: { id: string; date: string; lessonNumber: number; topic: string | null; homework: string | null };
  editable: boolean;
  onClose: () => void;
}

/** R-J1: the topic given and the homework set at a lesson. */
export function LessonDialog({ lesson, editable, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [topic, setTopic] = useState(lesson.topic ?? '');
  const [homework, setHomework] = useState(lesson.homework ?? '');
  const [error, setError] = useState<unknown>(null);
  const [save, { loading }] = useMutation(SetLessonContentMutation);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await save({ variables: { input: { lessonId: lesson.id, topic: topic.trim(), homework: homework.trim() } } });
      onClose();
    } catch (err) {
      setError(err);
    }
  }

  const date = capitalize(formatDate(lesson.date, i18n.resolvedLanguage ?? 'ru', { weekday: 'long', day: 'numeric', month: 'long' }));
  return (
    <Dialog title={t('lessonDialog.title', { date, n: lesson.lessonNumber })} onClose={onClose} testId="lesson-dialog">
      {editable ? (
        <form className="form form--compact" onSubmit={handleSubmit}>
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
            <dd>{lesson.homework ?? '—'}</dd>
          </div>
        </dl>
      )}
    </Dialog>
  );
}
