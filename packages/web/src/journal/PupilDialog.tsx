import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { graphql } from '../gql';
import type { RemarkKind } from '../gql/graphql';
import { useErrorText } from '../i18n/useErrorText';
import { navigate } from '../routing/route';
import { formatDate } from '../shared/dates';

const AddRemarkMutation = graphql(`
  mutation AddRemark($input: AddRemarkInput!) {
    addRemark(input: $input) {
      id
      kind
      text
    }
  }
`);

const KINDS: RemarkKind[] = ['REMARK', 'PRAISE', 'NOTE_TO_PARENTS'];

interface Props {
  student: { id: string; fullName: string };
  /** Lessons of the page that have happened (a remark belongs to a lesson, R-J8), latest last. */
  lessons: { id: string; date: string; lessonNumber: number }[];
  editable: boolean;
  onClose: () => void;
}

/**
 * A pupil of the journal: write to their parents (about this pupil, so a parent of several children
 * needs no further choice), or record a remark or praise at one of the lessons (R-J8).
 */
export function PupilDialog({ student, lessons, editable, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [kind, setKind] = useState<RemarkKind>('REMARK');
  const [lessonId, setLessonId] = useState(lessons.at(-1)?.id ?? '');
  const [text, setText] = useState('');
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [addRemark, { loading }] = useMutation(AddRemarkMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setStatus(null);
    try {
      await addRemark({ variables: { input: { studentId: student.id, lessonId, kind, text: text.trim() } } });
      setText('');
      setStatus({ ok: true, text: t('teacherDay.remarkSaved') });
    } catch (err) {
      setStatus({ ok: false, text: errorText(err) });
    }
  }

  const lng = i18n.resolvedLanguage ?? 'ru';
  return (
    <Dialog title={student.fullName} onClose={onClose} testId="pupil-dialog">
      <p>
        <button
          type="button"
          className="button"
          onClick={() => navigate({ name: 'comms', view: { page: 'compose', parentsOf: student.id } })}
          data-testid="write-parents"
        >
          {t('teacherDay.writeParents')}
        </button>
      </p>
      {editable && lessons.length ? (
        <form className="form form--compact" onSubmit={(e) => void submit(e)}>
          <h3>{t('teacherDay.remarkTitle')}</h3>
          <div className="field">
            <label htmlFor={`${id}-kind`}>{t('teacherDay.remarkKind')}</label>
            <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as RemarkKind)} data-testid="remark-kind">
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`teacherDay.remarkKinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-lesson`}>{t('teacherDay.remarkLesson')}</label>
            <select id={`${id}-lesson`} value={lessonId} onChange={(e) => setLessonId(e.target.value)} data-testid="remark-lesson">
              {lessons.map((l) => (
                <option key={l.id} value={l.id}>
                  {formatDate(l.date, lng, { day: 'numeric', month: 'long' })} · {l.lessonNumber}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-text`}>{t('teacherDay.remarkText')}</label>
            <textarea id={`${id}-text`} rows={3} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} data-testid="remark-text" />
          </div>
          {status ? (
            <p className={status.ok ? 'notice' : 'form-error'} role={status.ok ? 'status' : 'alert'} data-testid="remark-status">
              {status.text}
            </p>
          ) : null}
          <button type="submit" className="button button--primary" disabled={loading || !text.trim() || !lessonId} data-testid="remark-save">
            {t('teacherDay.remarkSave')}
          </button>
        </form>
      ) : null}
    </Dialog>
  );
}
