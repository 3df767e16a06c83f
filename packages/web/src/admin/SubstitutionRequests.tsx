import { useMutation, useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { graphql } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { useAction } from './useAction';

const SubstitutionRequestsQuery = graphql(`
  query AdminSubstitutionRequests($schoolId: ID!) {
    substitutionRequests(schoolId: $schoolId) {
      id
      date
      lessonNumber
      substitutionReason
      group {
        id
        name
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
  }
`);

const ApproveSubstitutionMutation = graphql(`
  mutation AdminApproveSubstitution($lessonId: ID!) {
    approveSubstitution(lessonId: $lessonId) {
      id
      substitutionApproved
    }
  }
`);

/** Teachers who asked to substitute at a lesson: until approved here they do not keep its journal. */
export function SubstitutionRequests({ schoolId }: { schoolId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { data, error, refetch } = useQuery(SubstitutionRequestsQuery, { variables: { schoolId } });
  const { run, problem } = useAction(() => refetch());
  const [approve] = useMutation(ApproveSubstitutionMutation);
  const requests = data?.substitutionRequests ?? [];
  return (
    <div className="card" data-testid="substitution-requests">
      <h3>{t('admin.timetable.requests')}</h3>
      {problem || error ? (
        <p className="form-error" role="alert">
          {problem ?? errorText(error)}
        </p>
      ) : null}
      {requests.length === 0 ? (
        <p className="muted">{t('admin.timetable.noRequests')}</p>
      ) : (
        <ul className="list">
          {requests.map((l) => (
            <li key={l.id}>
              {l.date}, {t('admin.timetable.lesson', { number: l.lessonNumber })} · {l.group.name} · {l.subject.name} · {l.teacher.shortName} →{' '}
              {l.substitute?.shortName} ({l.substitutionReason}){' '}
              <button type="button" className="button" onClick={() => void run(() => approve({ variables: { lessonId: l.id } }))}>
                {t('admin.timetable.approve')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
