import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { graphql } from '../gql';
import type { AttendanceStatus, GradingScale } from '../gql/graphql';
import { useErrorText } from '../i18n/useErrorText';
import { formatDate } from '../shared/dates';
import { ABSENCE_STATUSES, markTone, scaleValues } from './marks';

export const SetAttendanceMutation = graphql(`
  mutation SetAttendance($input: SetAttendanceInput!) {
    setAttendance(input: $input) {
      id
      lessonId
      studentId
      status
      minutesLate
      version
    }
  }
`);

interface Props {
  studentId: string;
  studentName: string;
  lesson: { id: string; date: string; lessonNumber: number };
  /** The entry shown; its version goes with a correction, so one made meanwhile by someone else is a conflict. */
  attendance: { status: AttendanceStatus; minutesLate: number | null; version: number } | null;
  /** The status a key asked for (e.g. «О», which needs minutes), preselected. */
  initialStatus?: AttendanceStatus;
  scale: GradingScale;
  workTypes: readonly { id: string; code: string; name: string; weight: number }[];
  workTypeId: string;
  onPutMark: (value: string, workTypeId: string) => void;
  onClose: () => void;
  onChanged: () => void;
}

/**
 * One cell of the journal without a keyboard (phones), or for what needs more than a key:
 * a mark from buttons, lateness with minutes, or a corrected absence (which needs a reason).
 */
export function CellDialog(props: Props) {
  const { studentId, studentName, lesson, attendance, scale, workTypes, onPutMark, onClose, onChanged } = props;
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [workTypeId, setWorkTypeId] = useState(props.workTypeId);
  const [typed, setTyped] = useState('');
  const [status, setStatus] = useState<AttendanceStatus>(props.initialStatus ?? attendance?.status ?? 'PRESENT');
  const [minutes, setMinutes] = useState(String(attendance?.minutesLate ?? 5));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  const [setAttendance, { loading }] = useMutation(SetAttendanceMutation);
  const values = scaleValues(scale);
  const needsReason = attendance !== null;
  const reasonOk = !needsReason || reason.trim().length >= 3;
  const unchanged = (attendance?.status ?? 'PRESENT') === status && (status !== 'LATE' || String(attendance?.minutesLate) === minutes);

  function putMark(value: string) {
    if (!value.trim()) return;
    onPutMark(value.trim(), workTypeId);
    onClose();
  }

  async function handleAttendance(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (unchanged || !reasonOk) return;
    setError(null);
    try {
      await setAttendance({
        variables: {
          input: {
            lessonId: lesson.id,
            studentId,
            status,
            ...(status === 'LATE' ? { minutesLate: Number(minutes) } : {}),
            ...(attendance ? { reason: reason.trim(), version: attendance.version } : {}),
          },
        },
      });
      onChanged();
      onClose();
    } catch (err) {
      setError(err);
    }
  }

  const date = formatDate(lesson.date, i18n.resolvedLanguage ?? 'ru', { day: 'numeric', month: 'long' });
  return (
    <Dialog title={studentName} subtitle={t('cellDialog.subtitle', { date, n: lesson.lessonNumber })} onClose={onClose} testId="cell-dialog">
      <section className="dialog__section">
        <h3 className="subheading">{t('cellDialog.markTitle')}</h3>
        <div className="field">
          <label htmlFor={`${id}-type`}>{t('markDialog.workType')}</label>
          <select id={`${id}-type`} value={workTypeId} onChange={(e) => setWorkTypeId(e.target.value)}>
            {workTypes.map((w) => (
              <option key={w.id} value={w.id}>
                {t('markDialog.workTypeOption', { code: w.code, name: w.name, weight: w.weight })}
              </option>
            ))}
          </select>
        </div>
        {values.length > 0 ? (
          <div className="mark-buttons">
            {values.map((v) => (
              <button key={v} type="button" className={`mark-button tone-${markTone(v, scale)}`} onClick={() => putMark(v)} data-testid={`cell-put-${v}`}>
                {v}
              </button>
            ))}
          </div>
        ) : (
          <form
            className="form-row mark-buttons"
            onSubmit={(e) => {
              e.preventDefault();
              putMark(typed);
            }}
          >
            <input
              className="input input--narrow"
              inputMode="numeric"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              aria-label={t('markDialog.value')}
            />
            <button type="submit" className="button button--primary">
              {t('common.save')}
            </button>
          </form>
        )}
      </section>
      <form className="dialog__section form form--compact" onSubmit={(e) => void handleAttendance(e)} noValidate>
        <h3 className="subheading">{t('cellDialog.attendanceTitle')}</h3>
        <div className="choice-list" role="radiogroup" aria-label={t('cellDialog.attendanceTitle')}>
          {(['PRESENT', ...ABSENCE_STATUSES] as const).map((s) => (
            <label key={s} className="choice">
              <input type="radio" name={`${id}-status`} value={s} checked={status === s} onChange={() => setStatus(s)} data-testid={`attendance-${s}`} />
              <span className={`att att--${s}`}>{s === 'PRESENT' ? '✓' : t(`attendance.code.${s}`)}</span>
              <span>{t(`attendance.name.${s}`)}</span>
            </label>
          ))}
        </div>
        {status === 'LATE' ? (
          <div className="field field--narrow">
            <label htmlFor={`${id}-minutes`}>{t('cellDialog.minutesLate')}</label>
            <input id={`${id}-minutes`} type="number" min={1} max={45} value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          </div>
        ) : null}
        {needsReason ? (
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('cellDialog.reason')}</label>
            <input
              id={`${id}-reason`}
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={tried && !reasonOk ? true : undefined}
              data-testid="attendance-reason"
            />
            <p className={tried && !reasonOk ? 'field__hint field__hint--error' : 'field__hint'}>{t('cellDialog.reasonHint')}</p>
          </div>
        ) : null}
        {error ? (
          <p className="form-error" role="alert">
            {errorText(error)}
          </p>
        ) : null}
        <div className="dialog__actions">
          <button type="submit" className="button button--primary" disabled={loading || unchanged} data-testid="attendance-save">
            {t('cellDialog.saveAttendance')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
