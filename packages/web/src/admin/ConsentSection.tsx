import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOwnFragment, type FragmentRef } from '../apollo/fragments';
import { graphql, type DocumentType } from '../gql';
import { useErrorText } from '../i18n/useErrorText';
import { formatDate } from '../shared/dates';
import { ScreenError } from '../shared/ScreenError';
import { formText } from '../shared/form';

const ConsentRegisterQuery = graphql(`
  query ConsentRegister($schoolId: ID!, $classId: ID) {
    consentRegister(schoolId: $schoolId, classId: $classId) {
      status
      schoolClass {
        id
        name
      }
      student {
        id
        fullName
      }
      guardians {
        parentId
        fullName
        kind
      }
      consents {
        id
        active
        givenAt
        givenByName
        documentNumber
        withdrawnAt
      }
    }
  }
`);

const RecordConsentMutation = graphql(`
  mutation AdminRecordConsent($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      id
    }
  }
`);

const WithdrawConsentMutation = graphql(`
  mutation AdminWithdrawConsent($consentId: ID!) {
    withdrawConsent(consentId: $consentId) {
      id
      active
    }
  }
`);

interface Props {
  schoolId: string;
  /** The open year: its classes. */
  year: FragmentRef<typeof ConsentSection_year>;
}

const ConsentSection_year = graphql(`
  fragment ConsentSection_year on AcademicYear {
    id
    classes {
      id
      name
    }
  }
`);

/** R: consent to personal data processing, per student: who gave it (paper or online), withdrawals. */
export function ConsentSection({ year, ...props }: Props) {
  const data = useOwnFragment(ConsentSection_year, year);
  return data ? <ConsentSectionView {...props} classes={data.classes} /> : null;
}

function ConsentSectionView({ schoolId, classes }: Omit<Props, 'year'> & { classes: DocumentType<typeof ConsentSection_year>['classes'] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'ru';
  const errorText = useErrorText();
  const [classId, setClassId] = useState('');
  const { data, error, refetch } = useQuery(ConsentRegisterQuery, { variables: { schoolId, classId: classId || undefined } });
  const [record] = useMutation(RecordConsentMutation);
  const [withdraw] = useMutation(WithdrawConsentMutation);
  const [problem, setProblem] = useState<string | null>(null);

  async function run(action: () => Promise<unknown>) {
    setProblem(null);
    try {
      await action();
      await refetch();
    } catch (e) {
      setProblem(errorText(e));
    }
  }

  return (
    <div className="card">
      <div className="toolbar">
        <h2 className="subheading">{t('admin.consents.title')}</h2>
        <select className="select" value={classId} onChange={(e) => setClassId(e.target.value)} aria-label={t('admin.consents.class')}>
          <option value="">{t('admin.consents.allClasses')}</option>
          {classes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      {problem ? (
        <p className="form-error" role="alert">
          {problem}
        </p>
      ) : null}
      {error && !data ? (
        <ScreenError error={errorText(error)} onRetry={() => void refetch()} />
      ) : !data ? (
        <p className="muted">{t('app.loading')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="table" data-testid="consent-register">
            <thead>
              <tr>
                <th>{t('admin.consents.student')}</th>
                <th>{t('admin.consents.class')}</th>
                <th>{t('admin.consents.status')}</th>
                <th>{t('admin.consents.record')}</th>
              </tr>
            </thead>
            <tbody>
              {data.consentRegister.map((entry) => {
                const active = entry.consents.find((c) => c.active);
                return (
                  <tr key={entry.student.id} data-testid={`consent-${entry.student.id}`}>
                    <td>{entry.student.fullName}</td>
                    <td>{entry.schoolClass.name}</td>
                    <td>
                      <span className={`chip chip--${entry.status}`}>{t(`admin.consents.state.${entry.status}`)}</span>
                      {active ? (
                        <span className="muted">
                          {' '}
                          {active.givenByName}, {formatDate(active.givenAt.slice(0, 10), lng, { day: 'numeric', month: 'short', year: 'numeric' })}
                          {active.documentNumber ? ` · № ${active.documentNumber}` : ''}
                        </span>
                      ) : null}
                    </td>
                    <td>
                      {active ? (
                        <button
                          type="button"
                          className="button button--ghost button--small"
                          onClick={() => void run(() => withdraw({ variables: { consentId: active.id } }))}
                        >
                          {t('admin.consents.withdraw')}
                        </button>
                      ) : (
                        <form
                          className="inline-form"
                          onSubmit={(event) => {
                            event.preventDefault();
                            const form = new FormData(event.currentTarget);
                            const documentNumber = formText(form, 'documentNumber').trim() || undefined;
                            void run(() =>
                              record({ variables: { input: { studentId: entry.student.id, givenById: formText(form, 'givenById'), documentNumber } } }),
                            );
                          }}
                        >
                          <select className="select" name="givenById" aria-label={t('admin.consents.givenBy')}>
                            {entry.guardians.map((g) => (
                              <option key={g.parentId} value={g.parentId}>
                                {g.fullName}
                              </option>
                            ))}
                            <option value={entry.student.id}>{entry.student.fullName}</option>
                          </select>
                          <input className="input" name="documentNumber" placeholder={t('admin.consents.document')} maxLength={100} />
                          <button type="submit" className="button button--small">
                            {t('admin.consents.recordSubmit')}
                          </button>
                        </form>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
