import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { formatDate } from '../shared/dates';
import { field, useAction } from './useAction';

const AddLessonMutation = graphql(`
  mutation AdminAddLesson($input: AddLessonInput!) {
    addLesson(input: $input) {
      id
      date
      lessonNumber
    }
  }
`);

/** An extra or moved lesson of the group, outside the weekly timetable (the administration). */
export function AddLesson({ groupId, groupLabel }: { groupId: string; groupLabel: string }) {
  const { t, i18n } = useTranslation();
  // The substitution form beside it lists the day's lessons: it sees the new one at once.
  const [add] = useMutation(AddLessonMutation, { refetchQueries: ['AdminGroupDayLessons'] });
  const [added, setAdded] = useState<{ date: string; lessonNumber: number } | null>(null);
  const { run, problem } = useAction(() => Promise.resolve());

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setAdded(null);
    void run(async () => {
      const { data } = await add({
        variables: { input: { groupId, date: field(form, 'date') ?? '', lessonNumber: Number(field(form, 'lessonNumber')), room: field(form, 'room') } },
      });
      if (data) setAdded(data.addLesson);
    });
  }

  return (
    <form className="admin-form" onSubmit={onSubmit} aria-labelledby="add-lesson-title" data-testid="add-lesson">
      <h3 id="add-lesson-title">{t('control.addLesson.title', { group: groupLabel })}</h3>
      <div className="inline-form">
        <label className="field">
          <span>{t('control.addLesson.date')}</span>
          <input className="input" type="date" name="date" required data-testid="add-lesson-date" />
        </label>
        <label className="field">
          <span>{t('control.addLesson.number')}</span>
          <input className="input" type="number" name="lessonNumber" min={1} max={12} required data-testid="add-lesson-number" />
        </label>
        <label className="field">
          <span>{t('admin.timetable.room')}</span>
          <input className="input" name="room" maxLength={20} />
        </label>
      </div>
      {problem ? (
        <p className="form-error" role="alert" data-testid="add-lesson-error">
          {problem}
        </p>
      ) : null}
      {added ? (
        <p role="status" data-testid="add-lesson-done">
          {t('control.addLesson.done', {
            date: formatDate(added.date, i18n.resolvedLanguage ?? 'ru', { day: 'numeric', month: 'long' }),
            n: added.lessonNumber,
          })}
        </p>
      ) : null}
      <button type="submit" className="button button--primary" data-testid="add-lesson-submit">
        {t('control.addLesson.submit')}
      </button>
    </form>
  );
}
