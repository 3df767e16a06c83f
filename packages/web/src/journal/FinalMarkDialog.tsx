import { useMutation } from '@apollo/client/react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { graphql } from '../gql';
import type { FinalMarkKind, GradingScale } from '../gql/graphql';
import { useErrorText } from '../i18n/useErrorText';
import { IntendedMarkForm } from './IntendedMarkForm';
import { scaleValues } from './marks';

const SetFinalMarkMutation = graphql(`
  mutation SetFinalMark($input: SetFinalMarkInput!) {
    setFinalMark(input: $input) {
      id
      kind
      value
      studentId
      postponedUntil
      version
    }
  }
`);

/** The special marks of R-J6 beside the scale: exempt and not attested. */
const SPECIAL = ['ОСВ', 'Н/А'];

export interface FinalMarkShown {
  kind: FinalMarkKind;
  value?: string | null;
  postponedUntil?: string | null;
  version: number;
}

interface Props {
  groupId: string;
  period: { id: string; name: string };
  student: { id: string; fullName: string };
  scale: GradingScale;
  /** The column clicked: which kind the form starts with. */
  kind: FinalMarkKind;
  marks: FinalMarkShown[];
  onClose: () => void;
  onChanged: () => void;
}

/**
 * R-J6 in the grid's ИТОГ columns: a period, annual or exam mark, ОСВ, Н/А, or attestation postponed
 * to a date. A change of a standing mark goes with its version and a reason (R-J5); the server's
 * refusal (too early in the period, no reason) is shown in words.
 */
export function FinalMarkDialog({ groupId, period, student, scale, kind: initialKind, marks, onClose, onChanged }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const id = useId();
  const [kind, setKind] = useState<FinalMarkKind>(initialKind);
  const current = marks.find((m) => m.kind === kind);
  const [value, setValue] = useState(current?.value ?? '');
  const [postpone, setPostpone] = useState(false);
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [save, { loading }] = useMutation(SetFinalMarkMutation);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await save({
        variables: {
          input: {
            groupId,
            studentId: student.id,
            kind,
            periodId: kind === 'PERIOD' ? period.id : undefined,
            value: postpone ? undefined : value,
            postponedUntil: postpone ? until : undefined,
            reason: reason.trim() || undefined,
            version: current?.version,
          },
        },
      });
      onChanged();
      onClose();
    } catch (err) {
      setError(errorText(err));
    }
  }

  const shown = (m: FinalMarkShown | undefined) =>
    !m
      ? t('teacherDay.finalNone')
      : m.value
        ? m.value
        : m.postponedUntil
          ? t('teacherDay.finalPostponed', { date: m.postponedUntil })
          : t('teacherDay.finalNone');
  return (
    <Dialog title={t('teacherDay.finalTitle', { name: student.fullName })} onClose={onClose} testId="final-mark-dialog">
      <form className="form form--compact" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('teacherDay.finalOpen')}</label>
          <select
            id={`${id}-kind`}
            value={kind}
            onChange={(e) => {
              const next = e.target.value as FinalMarkKind;
              setKind(next);
              setValue(marks.find((m) => m.kind === next)?.value ?? '');
            }}
            data-testid="final-kind"
          >
            {(['PERIOD', 'ANNUAL', 'EXAM'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`teacherDay.finalKind.${k}`, { period: period.name })}
              </option>
            ))}
          </select>
          <span className="muted" data-testid="final-current">
            {t('teacherDay.finalCurrent', { value: shown(current) })}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${id}-value`}>{t('teacherDay.finalValue')}</label>
          <select id={`${id}-value`} value={value} disabled={postpone} onChange={(e) => setValue(e.target.value)} data-testid="final-value">
            <option value="" />
            {[...scaleValues(scale), ...SPECIAL].map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={postpone} onChange={(e) => setPostpone(e.target.checked)} data-testid="final-postpone" />{' '}
          {t('teacherDay.finalPostpone')}
        </label>
        {postpone ? (
          <div className="field">
            <label htmlFor={`${id}-until`}>{t('teacherDay.finalPostponeUntil')}</label>
            <input id={`${id}-until`} type="date" value={until} onChange={(e) => setUntil(e.target.value)} data-testid="final-until" />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('teacherDay.finalReason')}</label>
          <input id={`${id}-reason`} value={reason} maxLength={255} onChange={(e) => setReason(e.target.value)} data-testid="final-reason" />
          <span className="muted">{t('teacherDay.finalReasonHint')}</span>
        </div>
        {error ? (
          <p className="form-error" role="alert" data-testid="final-error">
            {error}
          </p>
        ) : null}
        <button type="submit" className="button button--primary" disabled={loading || (postpone ? !until : !value)} data-testid="final-save">
          {t('teacherDay.finalSave')}
        </button>
      </form>
      {kind === 'PERIOD' && scale === 'FIVE_POINT' ? <IntendedMarkForm groupId={groupId} periodId={period.id} studentId={student.id} /> : null}
    </Dialog>
  );
}
