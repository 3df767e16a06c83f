import { useMutation, useQuery } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../apollo/errors';
import { Dialog } from '../components/Dialog';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql, type DocumentType } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatDate, formatDateTime } from '../shared/dates';
import { MarkHistory } from '../shared/MarkHistory';

const MarkDialog_mark = graphql(`
  fragment MarkDialog_mark on Mark {
    id
    value
    version
    weight
    backdated
    comment
    date
    enteredAt
    workType {
      id
      code
      name
      weight
    }
  }
`);

/**
 * The history is read when the dialog opens, not with the grid: a page of the journal would otherwise carry every
 * mark's history (and each change's author), most of its answer, for the few marks a teacher opens.
 */
const MarkDialogHistoryQuery = graphql(`
  query MarkDialogHistory($id: ID!) {
    mark(id: $id) {
      id
      ...MarkHistory_mark
    }
  }
`);

const ChangeMarkMutation = graphql(`
  mutation ChangeMark($input: ChangeMarkInput!) {
    changeMark(input: $input) {
      lessonId
      studentId
      ...MarkDialog_mark
      ...MarkHistory_mark
    }
  }
`);

const RetractMarkMutation = graphql(`
  mutation RetractMark($markId: ID!, $version: Int!, $reason: String!) {
    retractMark(markId: $markId, version: $version, reason: $reason) {
      id
      retracted
      version
    }
  }
`);

interface Props {
  mark: FragmentRef<typeof MarkDialog_mark>;
  studentName: string;
  workTypes: readonly { id: string; code: string; name: string; weight: number }[];
  editable: boolean;
  onClose: () => void;
  /** After a change: the averages (and, after a retraction, the grid) need the server's figures. */
  onChanged: () => void;
  onReload: () => void;
}

const MIN_REASON = 3;

/** A mark's details and history; its teacher may correct it or retract it, always with a reason. */
export function MarkDialog(props: Props) {
  const mark = useOwnFragment(MarkDialog_mark, props.mark);
  return mark ? <MarkForm {...props} mark={mark} /> : null;
}

/** The mark's history once read (a correction made here updates it: the mutation answers with it). */
function OpenMarkHistory({ markId }: { markId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error } = useQuery(MarkDialogHistoryQuery, { variables: { id: markId } });
  if (data?.mark) return <MarkHistory mark={data.mark} />;
  if (error) return <p className="form-error">{errorText(error)}</p>;
  return <p className="muted">{t('app.loading')}</p>;
}

function MarkForm({
  mark,
  studentName,
  workTypes,
  editable,
  onClose,
  onChanged,
  onReload,
}: Omit<Props, 'mark'> & { mark: DocumentType<typeof MarkDialog_mark> }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const [value, setValue] = useState(mark.value);
  const [workTypeId, setWorkTypeId] = useState(mark.workType.id);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  const [changeMark, changing] = useMutation(ChangeMarkMutation);
  const [retractMark, retracting] = useMutation(RetractMarkMutation);
  const busy = changing.loading || retracting.loading;
  const reasonOk = reason.trim().length >= MIN_REASON;
  const changed = value.trim() !== mark.value || workTypeId !== mark.workType.id;
  const conflict = describeError(error).code === 'CONFLICT';

  async function handleChange(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (!reasonOk || !changed) return;
    setError(null);
    try {
      await changeMark({
        variables: {
          input: {
            markId: mark.id,
            version: mark.version,
            reason: reason.trim(),
            ...(value.trim() !== mark.value ? { value: value.trim() } : {}),
            ...(workTypeId !== mark.workType.id ? { workTypeId } : {}),
          },
        },
      });
      onChanged();
      setReason('');
      setTried(false);
    } catch (err) {
      setError(err);
    }
  }

  async function handleRetract() {
    setTried(true);
    if (!reasonOk) return;
    setError(null);
    try {
      await retractMark({ variables: { markId: mark.id, version: mark.version, reason: reason.trim() } });
      onChanged();
      onClose();
    } catch (err) {
      setError(err);
    }
  }

  return (
    <Dialog
      title={t('markDialog.title', { value: mark.value, student: studentName })}
      subtitle={`${formatDate(mark.date, lng, { day: 'numeric', month: 'long', year: 'numeric' })} · ${mark.workType.name} · ${t('markDialog.weight', { weight: mark.weight })}`}
      onClose={onClose}
      testId="mark-dialog"
    >
      <dl className="facts">
        <div>
          <dt>{t('markDialog.enteredAt')}</dt>
          <dd>
            {formatDateTime(mark.enteredAt, lng)}
            {mark.backdated ? <span className="tag tag--warn">{t('history.backdated')}</span> : null}
          </dd>
        </div>
        {mark.comment ? (
          <div>
            <dt>{t('markDialog.comment')}</dt>
            <dd>{mark.comment}</dd>
          </div>
        ) : null}
      </dl>
      <h3 className="subheading">{t('markDialog.history')}</h3>
      <OpenMarkHistory markId={mark.id} />
      {editable ? (
        <form className="form form--compact dialog__divided" onSubmit={(e) => void handleChange(e)} noValidate>
          <h3 className="subheading">{t('markDialog.changeTitle')}</h3>
          <div className="form-row">
            <div className="field field--narrow">
              <label htmlFor={`${id}-value`}>{t('markDialog.value')}</label>
              <input id={`${id}-value`} value={value} maxLength={8} onChange={(e) => setValue(e.target.value)} data-testid="mark-value-input" />
            </div>
            <div className="field">
              <label htmlFor={`${id}-type`}>{t('markDialog.workType')}</label>
              <select id={`${id}-type`} value={workTypeId} onChange={(e) => setWorkTypeId(e.target.value)} data-testid="mark-worktype-select">
                {workTypes.map((w) => (
                  <option key={w.id} value={w.id}>
                    {t('markDialog.workTypeOption', { code: w.code, name: w.name, weight: w.weight })}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="field">
            <label htmlFor={`${id}-reason`}>{t('markDialog.reason')}</label>
            <textarea
              id={`${id}-reason`}
              rows={2}
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
              aria-invalid={tried && !reasonOk ? true : undefined}
              aria-describedby={`${id}-reason-hint`}
              data-testid="mark-reason-input"
            />
            <p id={`${id}-reason-hint`} className={tried && !reasonOk ? 'field__hint field__hint--error' : 'field__hint'}>
              {tried && !reasonOk ? t('markDialog.reasonRequired') : t('markDialog.reasonHint')}
            </p>
          </div>
          {tried && reasonOk && !changed ? <p className="field__hint">{t('markDialog.nothingChanged')}</p> : null}
          {error ? (
            <div className="form-error" role="alert" data-testid="mark-error">
              {conflict ? t('markDialog.conflict') : errorText(error)}
              {conflict ? (
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => {
                    setError(null);
                    onReload();
                  }}
                >
                  {t('markDialog.reload')}
                </button>
              ) : null}
            </div>
          ) : null}
          <div className="dialog__actions">
            <button type="button" className="button button--danger" disabled={busy} onClick={() => void handleRetract()} data-testid="mark-retract">
              {t('markDialog.retract')}
            </button>
            <button type="submit" className="button button--primary" disabled={busy} data-testid="mark-change-submit">
              {t('markDialog.submitChange')}
            </button>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
