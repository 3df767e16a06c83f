import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { graphql } from '../gql';
import { formatDate, formatDateTime } from '../shared/dates';
import { formText } from '../shared/form';
import { MarkHistory } from '../shared/MarkHistory';
import { ControlCard } from './ControlCard';
import { useSchoolRoster } from './roster';

const FlaggedMarksQuery = graphql(`
  query FlaggedMarks($schoolId: ID!) {
    flaggedMarks(schoolId: $schoolId) {
      id
      value
      date
      enteredAt
      studentId
      version
      subject {
        id
        name
      }
      workType {
        id
        name
      }
      # Who entered it: the first change's author (the history itself is MarkHistory's).
      history {
        version
        author {
          id
          shortName
        }
      }
      ...MarkHistory_mark
    }
  }
`);

const ReviewFlaggedMarkMutation = graphql(`
  mutation ReviewFlaggedMark($markId: ID!, $version: Int!, $confirm: Boolean!, $reason: String!) {
    reviewFlaggedMark(markId: $markId, version: $version, confirm: $confirm, reason: $reason) {
      id
      flagged
      retracted
      version
    }
  }
`);

interface Review {
  markId: string;
  version: number;
  confirm: boolean;
  about: string;
}

/**
 * Issue 18, R-A2: marks made from an account reported compromised, out of every average until the
 * director or the journal administrator confirms (it counts again) or retracts (struck through) each.
 */
export function FlaggedMarks({ schoolId, canReview }: { schoolId: string; canReview: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const roster = useSchoolRoster();
  const query = useQuery(FlaggedMarksQuery, { variables: { schoolId }, fetchPolicy: 'cache-and-network' });
  const [review] = useMutation(ReviewFlaggedMarkMutation);
  const [asked, setAsked] = useState<Review | null>(null);
  return (
    <ControlCard
      title={t('control.flagged.title')}
      testId="flagged-marks"
      query={query}
      rows={query.data?.flaggedMarks}
      empty={t('control.flagged.none')}
      renderRow={(m) => {
        const about = t('control.flagged.about', { value: m.value, student: roster.studentName(m.studentId), subject: m.subject.name });
        const author = [...m.history].sort((a, b) => a.version - b.version)[0]?.author;
        return (
          <li key={m.id} className="control-item--warn" data-testid={`flagged-mark-${m.id}`}>
            <strong>{about}</strong>
            <div className="muted">
              {t('control.flagged.lesson', { date: formatDate(m.date, lng, { day: 'numeric', month: 'long' }), workType: m.workType.name })}
            </div>
            <div>{t('control.flagged.entered', { author: author?.shortName ?? '—', at: formatDateTime(m.enteredAt, lng) })}</div>
            <details>
              <summary>{t('control.flagged.history')}</summary>
              <MarkHistory mark={m} />
            </details>
            {canReview ? (
              <div className="toolbar">
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => setAsked({ markId: m.id, version: m.version, confirm: true, about })}
                  data-testid={`flagged-confirm-${m.id}`}
                >
                  {t('control.flagged.confirm')}
                </button>
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => setAsked({ markId: m.id, version: m.version, confirm: false, about })}
                  data-testid={`flagged-retract-${m.id}`}
                >
                  {t('control.flagged.retract')}
                </button>
              </div>
            ) : null}
          </li>
        );
      }}
    >
      {asked ? (
        <ConfirmDialog
          title={asked.confirm ? t('control.flagged.confirmTitle') : t('control.flagged.retractTitle')}
          subtitle={asked.about}
          confirmLabel={asked.confirm ? t('control.flagged.confirm') : t('control.flagged.retract')}
          danger={!asked.confirm}
          testId="flagged-review"
          onClose={() => setAsked(null)}
          onConfirm={async (form) => {
            const reason = formText(form, 'reason').trim();
            await review({ variables: { markId: asked.markId, version: asked.version, confirm: asked.confirm, reason } });
            await query.refetch();
          }}
        >
          <p>{asked.confirm ? t('control.flagged.confirmText') : t('control.flagged.retractText')}</p>
          <label className="field">
            <span>{t('control.reasonLabel')}</span>
            <input className="input" name="reason" required minLength={3} maxLength={255} data-testid="flagged-review-reason" />
          </label>
        </ConfirmDialog>
      ) : null}
    </ControlCard>
  );
}
